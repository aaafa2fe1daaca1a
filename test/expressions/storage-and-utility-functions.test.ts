// fileSize / fileExists / isFileEmpty over internal storage (Kestra's FileSizeFunction ownership
// rule), the `tasks` variable, and the newer utilities nanoId, ksuid, randomPort, distinct.
import { describe, expect, test } from 'bun:test';
import { runFlow } from '../helpers/flows.ts';
import { testRuntime } from '../helpers/runtime.ts';
import { CTX, engine } from './helpers.ts';

const fails = (f: () => unknown) => { try { f(); return ''; } catch (err) { return (err as Error).message; } };

describe('file functions in a real execution', () => {
  test('fileSize, isFileEmpty and fileExists see the execution`s own files (FILE inputs) and namespace files', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: files
namespace: company.team
inputs:
  - id: full
    type: FILE
tasks:
  - id: r
    type: io.kestra.plugin.core.debug.Return
    format: "{{ fileSize(inputs.full) }} {{ isFileEmpty(inputs.full) }} {{ fileExists(inputs.full) }} {{ fileExists('nope.txt') }}"
`, // Kestra names an uploaded FILE input by the part's file name
    { full: new File(['12345'], 'full') });
    expect(e.state.current).toBe('SUCCESS');
    expect(e.taskRunList.find((t: any) => t.taskId === 'r').outputs.value).toBe('5 false true false');
  });

  test('a file of another execution is refused with Kestra`s message', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: other
namespace: company.team
tasks:
  - id: r
    type: io.kestra.plugin.core.debug.Return
    format: "{{ fileSize('kestra:///company/team/other/executions/someone-else/tasks/w/1/f.txt') }}"
`);
    expect(e.state.current).toBe('FAILED');
    const logs = c.rt.services.logs.logs.find('main', { executionId: e.id }).results.map((l) => l.message).join('\n');
    expect(logs).toContain("Unable to read the file 'kestra:///company/team/other/executions/someone-else/tasks/w/1/f.txt' as it didn't belong to the current execution");
  });
});

describe('file functions on the engine', () => {
  const sizes: Record<string, number> = { 'kestra:///company/team/hello/executions/exec1/tasks/t/1/a.txt': 3, 'kestra:///up/ns/up-flow/executions/up1/tasks/t/1/b.txt': 0 };
  const e = engine({ stat: (p) => (p in sizes ? { size: sizes[p]! } : undefined) });

  test('a file of the upstream execution named by `trigger` is allowed', () => {
    const vars = { ...CTX, trigger: { executionId: 'up1', namespace: 'up.ns', flowId: 'up_flow' } };
    expect(e.render("{{ isFileEmpty('kestra:///up/ns/up-flow/executions/up1/tasks/t/1/b.txt') }}", vars)).toBe('true');
  });

  test('fileSize wants a kestra:/// URI and a file that exists', () => {
    expect(e.render("{{ fileSize('kestra:///company/team/hello/executions/exec1/tasks/t/1/a.txt') }}", CTX)).toBe('3');
    expect(fails(() => e.render("{{ fileSize('a.txt') }}", CTX))).toContain('Unable to create the URI from the path a.txt');
    expect(fails(() => e.render("{{ fileSize('kestra:///company/team/hello/executions/exec1/x') }}", CTX))).toContain('File not found');
    expect(fails(() => e.render("{{ fileExists('../secret') }}", CTX))).toContain("Path must not contain '../'");
  });
});

describe('the tasks variable', () => {
  test('tasks.<id>.state, and tasks.<id>.<value>.state for iterated tasks', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: states
namespace: t
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: ["a", "b"]
    tasks:
      - id: inner
        type: io.kestra.plugin.core.log.Log
        message: "{{ taskrun.value }}"
  - id: r
    type: io.kestra.plugin.core.debug.Return
    format: "{{ tasks.each.state }} {{ tasks.inner.a.state }} {{ tasks.inner.b.state }} {{ tasks.r.state }}"
`);
    expect(e.taskRunList.find((t: any) => t.taskId === 'r').outputs.value).toBe('SUCCESS SUCCESS SUCCESS RUNNING');
  });
});

describe('utilities', () => {
  const e = engine();
  test('nanoId: 21 URL-safe characters by default; length and alphabet arguments', () => {
    expect(e.render('{{ nanoId() }}', {})).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(e.render("{{ nanoId(length=8, alphabet='ab') }}", {})).toMatch(/^[ab]{8}$/);
    expect(fails(() => e.render('{{ nanoId(0) }}', {}))).toContain("'length' argument of nanoId");
  });

  test('ksuid: 27 base-62 characters, sortable by time', () => {
    const early = engine({ now: () => new Date('2020-01-01T00:00:00Z') }).render('{{ ksuid() }}', {});
    const late = engine({ now: () => new Date('2030-01-01T00:00:00Z') }).render('{{ ksuid() }}', {});
    expect(early).toMatch(/^[0-9A-Za-z]{27}$/);
    expect(early < late).toBe(true);
  });

  test('randomPort: a free local port', () => {
    const port = Number(e.render('{{ randomPort() }}', {}));
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
  });

  test('distinct keeps the first occurrence, by value and type', () => {
    expect(e.render("{{ [3, 1, 3, '1', 1, {'a': 1}, {'a': 1}] | distinct }}", {})).toBe('[3,1,"1",{"a":1}]');
    expect(fails(() => e.render("{{ 'abc' | distinct }}", {}))).toContain('distinct filter can only be applied to lists');
  });
});
