// Breakpoints and execution kinds (Kestra 1.x+): `?breakpoints=` stops the execution in state
// BREAKPOINT before a matching task; `actions/resume-from-breakpoint` lets it go on.
import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const LOG = 'io.kestra.plugin.core.log.Log';
const tick = () => new Promise((r) => setImmediate(r));
const FLOW = `id: steps\nnamespace: t\ntasks:\n  - id: one\n    type: ${LOG}\n    message: one\n  - id: two\n    type: ${LOG}\n    message: two\n  - id: three\n    type: ${LOG}\n    message: three\n`;
const EACH = `id: each\nnamespace: t\ntasks:\n  - id: loop\n    type: io.kestra.plugin.core.flow.ForEach\n    values: ["a", "b"]\n    tasks:\n      - id: say\n        type: ${LOG}\n        message: "{{ taskrun.value }}"\n`;

async function setup(base: string, source = FLOW) {
  const c = await testRuntime();
  const r = await c.json('POST', `${base}/flows`, { body: source, type: YAML });
  expect(r.status).toBe(200);
  return c;
}
const states = (e: any) => e.taskRunList.map((t: any) => `${t.taskId}${t.value ? `[${t.value}]` : ''}:${t.state.current}`);
const get = async (c: TestClient, base: string, id: string) => (await c.json('GET', `${base}/executions/${id}`)).body;

describe.each(['/api/v1', '/api/v1/main'])('breakpoints under %s', (base) => {
  test('create with ?breakpoints= stops before the task in BREAKPOINT; resume-from-breakpoint continues to SUCCESS', async () => {
    const c = await setup(base);
    const s = await c.json('POST', `${base}/executions/t/steps?breakpoints=two&kind=PLAYGROUND`);
    expect(s.status).toBe(200);
    expect(s.body.breakpoints).toEqual([{ id: 'two' }]);
    expect(s.body.kind).toBe('PLAYGROUND');
    await tick();
    const held = await get(c, base, s.body.id);
    expect(held.state.current).toBe('BREAKPOINT');
    expect(states(held)).toEqual(['one:SUCCESS', 'two:BREAKPOINT']);
    expect(held.kind).toBe('PLAYGROUND');
    const logs = c.rt.services.logs.logs.find('main', { executionId: s.body.id }).results.map((l) => l.message);
    expect(logs).toContain('Flow is suspended at a breakpoint.');
    // a breakpoint is not a pause
    expect((await c.json('POST', `${base}/executions/${s.body.id}/actions/resume`)).status).toBe(409);
    const done = c.rt.engine.waitForTerminal('main', s.body.id)!;
    const resumed = await c.json('POST', `${base}/executions/${s.body.id}/actions/resume-from-breakpoint`);
    expect(resumed.status).toBe(200);
    expect(resumed.body.breakpoints).toBeUndefined();
    const e = await done;
    expect(e.state.current).toBe('SUCCESS');
    expect(e.state.histories.map((h) => h.state)).toEqual(['CREATED', 'RUNNING', 'BREAKPOINT', 'RUNNING', 'SUCCESS']);
    expect(e.taskRunList.find((t) => t.taskId === 'two')!.state.histories.map((h) => h.state)).toEqual(['CREATED', 'BREAKPOINT', 'CREATED', 'RUNNING', 'SUCCESS']);
    const again = await c.json('POST', `${base}/executions/${s.body.id}/actions/resume-from-breakpoint`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Illegal state: Execution is not suspended');
  });

  test('resume-from-breakpoint sets the next breakpoints; the released task does not stop twice', async () => {
    const c = await setup(base);
    const s = await c.json('POST', `${base}/executions/t/steps?breakpoints=two`);
    await tick();
    const r = await c.json('POST', `${base}/executions/${s.body.id}/actions/resume-from-breakpoint?breakpoints=two,three`);
    expect(r.body.breakpoints).toEqual([{ id: 'two' }, { id: 'three' }]);
    await tick();
    const held = await get(c, base, s.body.id);
    expect(held.state.current).toBe('BREAKPOINT');
    expect(states(held)).toEqual(['one:SUCCESS', 'two:SUCCESS', 'three:BREAKPOINT']);
    const done = c.rt.engine.waitForTerminal('main', s.body.id)!;
    await c.json('POST', `${base}/executions/${s.body.id}/actions/resume-from-breakpoint`);
    expect((await done).state.current).toBe('SUCCESS');
  });

  test('a breakpoint with a value stops only that iteration', async () => {
    const c = await setup(base, EACH);
    const s = await c.json('POST', `${base}/executions/t/each?breakpoints=say.b`);
    expect(s.body.breakpoints).toEqual([{ id: 'say', value: 'b' }]);
    await tick();
    const held = await get(c, base, s.body.id);
    expect(held.state.current).toBe('BREAKPOINT');
    expect(states(held)).toEqual(['loop:RUNNING', 'say[a]:SUCCESS', 'say[b]:BREAKPOINT']);
    const done = c.rt.engine.waitForTerminal('main', s.body.id)!;
    await c.json('POST', `${base}/executions/${s.body.id}/actions/resume-from-breakpoint`);
    expect((await done).state.current).toBe('SUCCESS');
  });

  test('an execution at a breakpoint can be killed', async () => {
    const c = await setup(base);
    const s = await c.json('POST', `${base}/executions/t/steps?breakpoints=one`);
    await tick();
    const done = c.rt.engine.waitForTerminal('main', s.body.id)!;
    expect((await c.json('DELETE', `${base}/executions/${s.body.id}/actions/kill`)).status).toBe(200);
    const e = await done;
    expect(e.state.current).toBe('KILLED');
    expect(states(e)).toEqual(['one:KILLED']);
  });

  test('replay with ?breakpoints= stops the replay; replay without keeps none', async () => {
    const c = await setup(base);
    const first = (await c.json('POST', `${base}/executions/t/steps?wait=true`)).body;
    const replay = await c.json('POST', `${base}/executions/${first.id}/actions/replay?breakpoints=three`);
    expect(replay.body.breakpoints).toEqual([{ id: 'three' }]);
    await tick();
    expect((await get(c, base, replay.body.id)).state.current).toBe('BREAKPOINT');
    const plain = await c.json('POST', `${base}/executions/${replay.body.id}/actions/replay`);
    expect(plain.body.breakpoints).toBeUndefined();
    const done = await c.rt.engine.waitForTerminal('main', plain.body.id);
    expect((done ?? (await get(c, base, plain.body.id))).state.current).toBe('SUCCESS');
  });

  test('bad breakpoints and kinds are 422 and create nothing; no breakpoint → 409 on resume-from-breakpoint', async () => {
    const c = await setup(base);
    const badKind = await c.json('POST', `${base}/executions/t/steps?kind=WEIRD`);
    expect(badKind.status).toBe(422);
    expect(badKind.body.message).toContain('Failed to convert argument [kind] for value [WEIRD]');
    const badBreakpoint = await c.json('POST', `${base}/executions/t/steps?breakpoints=.x`);
    expect(badBreakpoint.status).toBe(422);
    expect((await c.json('GET', `${base}/executions/search`)).body.total).toBe(0);
    const plain = (await c.json('POST', `${base}/executions/t/steps?wait=true&kind=NORMAL`)).body;
    expect(plain.kind).toBe('NORMAL');
    expect(plain.breakpoints).toBeUndefined();
    const r = await c.json('POST', `${base}/executions/${plain.id}/actions/resume-from-breakpoint`);
    expect(r.status).toBe(409);
    expect((await c.json('POST', `${base}/executions/nope/actions/resume-from-breakpoint`)).status).toBe(404);
    // BREAKPOINT is a known state for filters
    expect((await c.json('GET', `${base}/executions/search?state=BREAKPOINT`)).status).toBe(200);
  });
});
