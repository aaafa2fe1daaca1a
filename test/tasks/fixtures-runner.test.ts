import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { blobKey, pathOfUri } from '../../src/shared/storage-paths.ts';
import { TaskError } from '../../src/tasks/types.ts';
import { buildRunContext, runExpectingError, type RunContextOptions } from '../helpers/run-context.ts';
import { startFixtures, tempDir } from './fixtures-helpers.ts';

const SCRIPT = 'io.kestra.plugin.scripts.python.Script';
const scriptTask = (props: Record<string, unknown> = {}) => ({ id: 'extract', type: SCRIPT, script: 'print(1)', ...props });
const run = (extra: Partial<RunContextOptions> = {}) => buildRunContext({ task: scriptTask(), flowId: 'daily', ...extra });

describe('fixture runner', () => {
  test('outputs are rendered as expressions, logs rendered and emitted, state SUCCESS', async () => {
    const f = await startFixtures(tempDir({
      'f.yml': `tasks:
  - id: extract
    outputs: {exitCode: 0, vars: {rows: 42, who: "{{ inputs.who }}", '{{ flow.id }}': true}}
    logs: [{level: DEBUG, message: "extracting for {{ inputs.who }}"}]
`,
    }));
    const r = run({ variables: { inputs: { who: 'me' } } });
    expect(await r.run(f.runner)).toEqual({ outputs: { exitCode: 0, vars: { rows: 42, who: 'me', daily: true } } });
    expect(r.logs).toEqual([{ level: 'DEBUG', message: 'extracting for me' }]);
  });

  test('files are stored under the task run and exposed as outputFiles; outputs may point at them', async () => {
    const f = await startFixtures(tempDir({
      'f.yml': `tasks:
  - id: extract
    files: {out.csv: "a,b\\n{{ inputs.n }},2\\n", report.txt: done}
  - id: query
    files: {rows.ion: "{a: 1}"}
    outputs: {uri: "{{ files['rows.ion'] }}", size: 1, also: "{{files.other}}-{{ 1 }}"}
`,
    }));
    const r = run({ variables: { inputs: { n: 7 } } });
    const { outputs } = (await r.run(f.runner)) as { outputs: Record<string, any> };
    const prefix = 'kestra:///company/team/daily/executions/exec1/tasks/extract/taskrun1';
    expect(outputs).toEqual({ outputFiles: { 'out.csv': `${prefix}/out.csv`, 'report.txt': `${prefix}/report.txt` } });
    expect(new TextDecoder().decode(r.blobs.get(blobKey('main', pathOfUri(outputs.outputFiles['out.csv'])!)))).toBe('a,b\n7,2\n');

    const q = buildRunContext({ task: { id: 'query', type: 'io.kestra.plugin.jdbc.postgresql.Query' }, flowId: 'daily', variables: { files: { other: 'x' } } });
    const res = (await q.run(f.runner)) as { outputs: Record<string, any> };
    expect(res.outputs.uri).toBe('kestra:///company/team/daily/executions/exec1/tasks/query/taskrun1/rows.ion');
    expect(res.outputs.size).toBe(1);
    // an unknown file name is left to the expression engine
    expect(res.outputs.also).toBe('x-1');
    expect(res.outputs.outputFiles).toEqual({ 'rows.ion': res.outputs.uri });
  });

  test('outputs that define outputFiles win over the generated map', async () => {
    const f = await startFixtures(tempDir({ 'f.yml': 'tasks: [{id: extract, files: {a.txt: x}, outputs: {outputFiles: {}}}]\n' }));
    expect(await run().run(f.runner)).toEqual({ outputs: { outputFiles: {} } });
  });

  test('WARNING and FAILED states', async () => {
    const f = await startFixtures(tempDir({
      'f.yml': `tasks:
  - {id: warn, state: WARNING, outputs: {a: 1}, logs: [{level: WARN, message: careful}]}
  - {id: fail, state: FAILED, logs: [{level: ERROR, message: "stack trace"}]}
  - {id: failmsg, state: FAILED, errorMessage: "exit code {{ 1 + 1 }}"}
`,
    }));
    const w = buildRunContext({ task: scriptTask({ id: 'warn' }) });
    expect(await w.run(f.runner)).toEqual({ outputs: { a: 1 }, state: 'WARNING' });
    expect(w.logs).toEqual([{ level: 'WARN', message: 'careful' }]);

    const x = buildRunContext({ task: scriptTask({ id: 'fail' }) });
    const e = await runExpectingError(x, f.runner);
    expect(e).toBeInstanceOf(TaskError);
    expect(e.message).toBe(`Task 'fail' failed, as declared by its fixture in ${f.files()[0]}`);
    expect(x.logs).toEqual([{ level: 'ERROR', message: 'stack trace' }]);

    expect((await runExpectingError(buildRunContext({ task: scriptTask({ id: 'failmsg' }) }), f.runner)).message).toBe('exit code 2');
  });

  test('per-attempt fixtures: attempt N uses attempts[N], then the last one', async () => {
    const f = await startFixtures(tempDir({
      'f.yml': `tasks:
  - id: extract
    outputs: {base: true}
    attempts:
      - {state: FAILED, errorMessage: "attempt {{ taskrun.attemptsCount }} failed"}
      - {state: WARNING}
      - {outputs: {final: "{{ taskrun.attemptsCount }}"}}
`,
    }));
    expect((await runExpectingError(run({ attemptsCount: 0 }), f.runner)).message).toBe('attempt 0 failed');
    expect(await run({ attemptsCount: 1 }).run(f.runner)).toEqual({ outputs: { base: true }, state: 'WARNING' });
    expect(await run({ attemptsCount: 2 }).run(f.runner)).toEqual({ outputs: { final: '2' } });
    expect(await run({ attemptsCount: 5 }).run(f.runner)).toEqual({ outputs: { final: '5' } });
  });

  test('the iteration value selects value-pinned fixtures', async () => {
    const f = await startFixtures(tempDir({ 'f.yml': 'tasks: [{id: extract, value: b, outputs: {v: B}}, {id: extract, outputs: {v: any}}]\n' }));
    expect(await run({ value: 'b' }).run(f.runner)).toEqual({ outputs: { v: 'B' } });
    expect(await run({ value: 'a' }).run(f.runner)).toEqual({ outputs: { v: 'any' } });
  });

  test('duration is waited on the injected clock', async () => {
    const f = await startFixtures(tempDir({ 'f.yml': 'tasks: [{id: extract, duration: PT30S, outputs: {ok: 1}}]\n' }));
    const r = run();
    let done = false;
    const running = r.run(f.runner).then((res) => { done = true; return res; });
    await Promise.resolve();
    expect(done).toBe(false);
    r.clock.advance(30_000);
    expect(await running).toEqual({ outputs: { ok: 1 } });
  });

  test('no fixture: WARNING with empty outputs and a WARN log; strict mode fails', async () => {
    const lenient = await startFixtures(tempDir());
    const r = run();
    expect(await r.run(lenient.runner)).toEqual({ outputs: {}, state: 'WARNING' });
    expect(r.logs).toEqual([{ level: 'WARN', message: `Task 'extract' of type '${SCRIPT}' has no fixture: mocked with empty outputs` }]);

    const strict = await startFixtures(tempDir(), { strict: true });
    const s = run();
    expect((await runExpectingError(s, strict.runner)).message).toBe(`No fixture for task 'extract' of type '${SCRIPT}'`);
    expect(s.logs).toEqual([]);
  });

  test('the task\'s own properties are rendered first so expression errors surface', async () => {
    const f = await startFixtures(tempDir({ 'f.yml': 'tasks: [{id: extract, outputs: {ok: 1}}]\n' }));
    const bad = buildRunContext({ task: scriptTask({ script: 'print("{{ inputs.missing }}")' }) });
    expect((await runExpectingError(bad, f.runner)).message).toBe('Unable to find `inputs` used in the expression `print("{{ inputs.missing }}")` at line 1');
    const nested = buildRunContext({ task: scriptTask({ env: { A: '{{ nope }}' } }) });
    expect((await runExpectingError(nested, f.runner)).message).toContain('Unable to find `nope`');
    // properties Kestra never renders are left alone
    const untouched = buildRunContext({ task: scriptTask({ description: '{{ nope }}', runIf: '{{ nope }}' }) });
    expect(await untouched.run(f.runner)).toEqual({ outputs: { ok: 1 } });
  });
});

describe('fixtures/daily-report.yml', () => {
  test('answers the extract task of flows/company/team/daily-report.yml with vars.rows = 42', async () => {
    const f = await startFixtures(join(import.meta.dir, '../../fixtures'));
    expect(f.errors()).toEqual([]);
    const r = buildRunContext({
      task: { id: 'extract', type: SCRIPT, script: "import json\nprint('::{\"outputs\": {\"rows\": 42}}::')\n" },
      namespace: 'company.team', flowId: 'daily-report',
    });
    const result = (await r.run(f.runner)) as { outputs: Record<string, any>; state?: string };
    expect(result.outputs.vars.rows).toBe(42);
    expect(result.state).toBeUndefined();
    // what the flow's next task renders
    const report = buildRunContext({ task: { id: 'report', type: 'io.kestra.plugin.core.log.Log' }, variables: { outputs: { extract: result.outputs } } });
    expect(report.ctx.render('Report ready with {{ outputs.extract.vars.rows }} rows')).toBe('Report ready with 42 rows');
  });
});
