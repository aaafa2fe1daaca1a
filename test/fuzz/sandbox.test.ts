// Expressions are sandboxed: no process, file system or environment beyond Kestra's documented
// `envs` (KESTRA_* variables only), secrets and namespace files / this execution's files.
import { describe, expect, test } from 'bun:test';
import fc from 'fast-check';
import { ExpressionError } from '../../src/expressions/index.ts';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const ENV = { KESTRA_FOO: 'bar', HOME: '/root', PATH: '/usr/bin', AWS_SECRET_ACCESS_KEY: 'leak', SECRET_TOKEN: btoa('s3cr3t') };

async function sandbox() {
  const c = await testRuntime({ env: ENV });
  const engine = c.rt.services.executions.expressions('main');
  const ctx = {
    envs: c.rt.services.executions.envs, flow: { namespace: 'company.team', id: 'sb' }, execution: { id: 'e1' },
    x: { a: 1 }, s: 'str', list: [1, 2],
  };
  const render = (t: string) => engine.renderTyped(t, ctx);
  const error = (t: string) => {
    try {
      render(t);
    } catch (e) {
      expect(e).toBeInstanceOf(ExpressionError);
      return (e as Error).message;
    }
    throw new Error(`${t} rendered`);
  };
  return { c, render, error };
}

/** the whole environment of this process: no value of it may come out of an expression */
const LEAKS = ['/root', '/usr/bin', 'leak', 'root:x:0:0'];

describe('expression sandbox', () => {
  test('envs lists only KESTRA_* variables (prefix dropped, lower case, as Kestra)', async () => {
    const { render } = await sandbox();
    expect(render('{{ envs }}')).toEqual({ foo: 'bar' });
    expect(render("{{ envs.home ?? 'none' }}")).toBe('none');
  });

  test('read() reaches neither the file system nor another execution', async () => {
    const { error } = await sandbox();
    expect(error("{{ read('/etc/passwd') }}")).toContain('Unable to read /etc/passwd: file not found');
    expect(error("{{ read('../../etc/passwd') }}")).toContain('file not found');
    expect(error("{{ read('file:///etc/passwd') }}")).toContain('file not found');
    expect(error("{{ read('kestra:///../../etc/passwd') }}")).toContain("didn't belong to the current execution");
    expect(error("{{ read('kestra:///other/flow/executions/e9/tasks/t/r/f.txt') }}")).toContain(
      "Unable to read the file 'kestra:///other/flow/executions/e9/tasks/t/r/f.txt' as it didn't belong to the current execution",
    );
    expect(error("{{ read('kestra:///other/ns/_files/secret.txt') }}")).toContain("didn't belong to the current execution");
    expect(error("{{ read('kestra:///company/team/_files/../../../other/ns/_files/x') }}")).toContain('file not found');
    expect(error("{{ fileSize('/etc/passwd') }}")).toContain('Unable to create the URI from the path /etc/passwd');
  });

  test('read() of a file of this execution and of a namespace file works', async () => {
    const { c, render } = await sandbox();
    c.rt.blobs.put('main/company/team/sb/executions/e1/tasks/t/r/own.txt', new TextEncoder().encode('mine'));
    const put = await c.call('POST', '/api/v1/namespaces/company.team/files?path=/q.sql', { body: (() => { const f = new FormData(); f.append('fileContent', new File(['select 1'], 'q.sql')); return f; })() });
    expect(put.status).toBeLessThan(300);
    expect(render("{{ read('q.sql') }}")).toBe('select 1');
    expect(render("{{ read(fileURI('q.sql')) }}")).toBe('select 1');
    expect(render("{{ read('kestra:///company/team/sb/executions/e1/tasks/t/r/own.txt') }}")).toBe('mine');
  });

  test('no constructor, prototype or JS method reaches the runtime', async () => {
    const { error, render } = await sandbox();
    for (const t of ["{{ ''.constructor }}", "{{ x['__proto__'] }}", '{{ x.constructor }}', "{{ s['constructor'] }}", '{{ list.constructor }}',
      "{{ x['__defineGetter__'] }}", '{{ x.hasOwnProperty }}', '{{ s.valueOf() }}', "{{ x['constructor']['constructor'] }}", '{{ process }}',
      '{{ globalThis }}', '{{ Bun }}', '{{ require }}']) {
      expect(error(t)).toMatch(/Unable to find|does not exist|ParserException/);
    }
    expect(error("{{ x['constructor']['constructor']('return process')() }}")).toContain('ParserException');
    expect(render("{{ x.toString() }}")).toBe('{a=1}'); // Java's Map.toString, not JS
  });

  test('secrets: SECRET_* by name only; other variables are not secrets', async () => {
    const { error, render } = await sandbox();
    expect(render("{{ secret('TOKEN') }}")).toBe('s3cr3t');
    expect(error("{{ secret('HOME') }}")).toContain("Cannot find secret for key 'HOME'");
    expect(error("{{ secret('AWS_SECRET_ACCESS_KEY') }}")).toContain('Cannot find secret');
  });

  test('random templates over hostile names never print a value of the environment', async () => {
    const { render } = await sandbox();
    const names = fc.constantFrom('envs', 'env', 'process', 'constructor', '__proto__', 'prototype', 'globalThis', 'this', 'global', 'HOME', 'PATH', 'x', 's');
    const access = fc.array(fc.oneof(names.map((n) => `.${n}`), names.map((n) => `['${n}']`)), { maxLength: 4 });
    fc.assert(fc.property(names, access, fc.constantFrom('', ' | json', ' | keys', '.toString()'), (head, path, tail) => {
      let out: unknown;
      try {
        out = render(`{{ ${head}${path.join('')}${tail} }}`);
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        return;
      }
      const text = JSON.stringify(out) ?? '';
      for (const leak of LEAKS) if (text.includes(leak)) throw new Error(`leaked ${leak}`);
    }), { seed: 7, numRuns: 500 });
  });
});

describe('sandbox in a flow', () => {
  test("a Log task reading /etc/passwd fails with Kestra's message; nothing of it is logged", async () => {
    const c: TestClient = await testRuntime({ env: ENV });
    await c.json('POST', '/api/v1/flows', { body: `id: sb\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ read('/etc/passwd') }}"\n`, type: YAML });
    const exec = (await c.json('POST', '/api/v1/executions/company.team/sb?wait=true')).body;
    expect(exec.state.current).toBe('FAILED');
    const logs = (await c.json('GET', `/api/v1/logs/${exec.id}`)).body as { message: string }[];
    expect(logs.some((l) => l.message.includes('Unable to read /etc/passwd: file not found'))).toBe(true);
    expect(logs.some((l) => l.message.includes('root:'))).toBe(false);
  });
});
