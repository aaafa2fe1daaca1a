// `kestra-lite push` compares with the server (a served kestra-lite, in process): what is the
// same as there is reported unchanged and never sent, in the dry run and the real run.
import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { push } from '../../src/cli/push.ts';
import { storedForm } from '../../src/cli/push-plan.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { FLOW, SUITE } from './suite-fixtures.ts';

const open: Runtime[] = [];
const dirs: string[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.dispose();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

async function remote() {
  const rt = await createRuntime({ memory: true, flowsDir: null, watch: false, dashboard: false, fixturesDir: null, port: 0 });
  open.push(rt);
  const url = await rt.listen();
  const get = async (path: string) => (await fetch(`${url}${path}`)).json() as Promise<any>;
  /** the requests that changed something on the server since the last call */
  const writes = async () => {
    const { results } = await get('/_kestra-lite/requests');
    await fetch(`${url}/_kestra-lite/requests`, { method: 'DELETE' });
    return (results as { method: string; path: string }[]).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  };
  return { url, get, writes };
}

function write(dir: string, files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

const other = (id: string, message = 'hi') => `id: ${id}\nnamespace: qa\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: ${message}\n`;

async function runPush(server: string, cwd: string, extra: Partial<Parameters<typeof push>[0]> = {}) {
  const lines: string[] = [];
  const code = await push({ server, cwd, paths: ['flows'], ...extra }, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('kestra-lite push: unchanged', () => {
  test('a second push of the same tree sends nothing and says so', async () => {
    const r = await remote();
    const cwd = mkdtempSync(join(tmpdir(), 'kl-push-'));
    dirs.push(cwd);
    write(cwd, { 'flows/math.yml': FLOW, 'flows/extra.yml': other('extra'), 'flows/math.tests.yml': SUITE, 'files/qa/run.sh': 'echo hi\n', 'kv/qa.yml': 'threshold: 5\nconf: {a: [1, 2]}\n' });
    expect((await runPush(r.url, cwd)).code).toBe(0);
    await r.writes();

    const dry = await runPush(r.url, cwd, { dryRun: true });
    expect(dry.out).toContain('  = flow qa.math (unchanged)');
    expect(dry.out).toContain('  = flow qa.extra (unchanged)');
    expect(dry.out).toContain('  = file qa:/run.sh (unchanged)');
    expect(dry.out).toContain('  = kv   qa/conf (unchanged)');
    expect(dry.out).toContain('  = test qa.math_tests (unchanged)');
    expect(dry.out).toContain('Flows: 0 to create, 0 to update, 2 unchanged, 0 to delete; files: 0 to send, 1 unchanged; KV pairs: 0 to send, 2 unchanged; test suites: 0 to send, 1 unchanged');

    const again = await runPush(r.url, cwd);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nothing to push: the server is up to date.');
    expect(await r.writes()).toEqual([]);
    expect((await r.get('/api/v1/main/flows/qa/math')).revision).toBe(1);
  });

  test('only what differs is sent; blank lines around a source and CRLF endings are no difference; --delete still deletes', async () => {
    const r = await remote();
    const cwd = mkdtempSync(join(tmpdir(), 'kl-push-'));
    dirs.push(cwd);
    write(cwd, { 'flows/math.yml': FLOW, 'flows/extra.yml': other('extra'), 'flows/old.yml': other('old'), 'files/qa/a.txt': 'a', 'files/qa/b.txt': 'b', 'kv/qa.yml': 'x: 1\ny: 2\n' });
    expect((await runPush(r.url, cwd)).code).toBe(0);
    rmSync(join(cwd, 'flows/old.yml'));
    write(cwd, {
      'flows/math.yml': `\n${FLOW.replace(/\n/g, '\r\n')}\n\n`, 'flows/extra.yml': other('extra', 'changed'), 'flows/new.yml': other('new'),
      'files/qa/b.txt': 'b2', 'kv/qa.yml': 'x: 1\ny: 3\n',
    });
    await r.writes();

    const { code, out } = await runPush(r.url, cwd, { delete: true, namespace: 'qa' });
    expect(code).toBe(0);
    expect(out).toContain('  + flow qa.new');
    expect(out).toContain('  ~ flow qa.extra');
    expect(out).toContain('  = flow qa.math (unchanged)');
    expect(out).toContain('  - flow qa.old');
    expect(out).toContain('  = file qa:/a.txt (unchanged)');
    expect(out).toContain('  ~ file qa:/b.txt');
    expect(out).toContain('  = kv   qa/x (unchanged)');
    expect(out).toContain('  ~ kv   qa/y');
    expect(await r.writes()).toEqual([
      'POST /api/v1/main/flows/qa', 'DELETE /api/v1/main/flows/qa/old', 'POST /api/v1/main/namespaces/qa/files', 'PUT /api/v1/main/namespaces/qa/kv/y',
    ]);
    expect((await r.get('/api/v1/main/flows/qa')).map((f: any) => f.id).sort()).toEqual(['extra', 'math', 'new']);
    expect((await r.get('/api/v1/main/flows/qa/math')).revision).toBe(1);
    expect((await r.get('/api/v1/main/flows/qa/extra')).revision).toBe(2);
  });

  test('the stored form: trimmed, LF line endings', () => {
    expect(storedForm('\n\nid: a\r\nnamespace: b\r\n\n')).toBe('id: a\nnamespace: b');
  });
});
