// Kestra 1.x/2.0 execution searches: executions/latest, distinct-field-values, the CSV export of
// a search, and the flow of an execution by namespace and id.
import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const flow = (id: string, ns = 'company.team', extra = '') =>
  `id: ${id}\nnamespace: ${ns}\nlabels:\n  team: data\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.${extra || 'log.Log\n    message: hi'}\n`;
const FAILING = 'execution.Fail';

async function setup(base: string) {
  const c = await testRuntime();
  for (const src of [flow('a'), flow('b', 'company.team', FAILING), flow('c', 'other')]) {
    expect((await c.json('POST', `${base}/flows`, { body: src, type: YAML })).status).toBe(200);
  }
  const exec = async (ns: string, id: string, labels = '') => {
    const r = await c.json('POST', `${base}/executions/${ns}/${id}?wait=true${labels}`);
    (c.rt.clock as FakeClock).advance(1000);
    return r.body;
  };
  return { c, exec };
}

describe.each(['/api/v1', '/api/v1/main'])('under %s', (base) => {
  test('executions/latest: the latest ended execution of each listed flow', async () => {
    const { c, exec } = await setup(base);
    await exec('company.team', 'a');
    const a2 = await exec('company.team', 'a');
    const b1 = await exec('company.team', 'b');
    const r = await c.json('POST', `${base}/executions/latest`, {
      body: [{ namespace: 'company.team', id: 'a' }, { namespace: 'company.team', id: 'b' }, { namespace: 'other', id: 'c' }],
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual([
      { id: a2.id, flowId: 'a', namespace: 'company.team', startDate: a2.state.startDate, status: 'SUCCESS' },
      { id: b1.id, flowId: 'b', namespace: 'company.team', startDate: b1.state.startDate, status: 'FAILED' },
    ]);
    expect((await c.json('POST', `${base}/executions/latest`, { body: [] })).body).toEqual([]);
    const bad = await c.json('POST', `${base}/executions/latest`, { body: [{ namespace: 'company.team' }] });
    expect(bad.status).toBe(422);
    expect((await c.json('POST', `${base}/executions/latest`, { body: { namespace: 'x' } })).status).toBe(422);
    expect((await c.json('POST', `${base}/executions/latest`)).status).toBe(400);
  });

  test('distinct-field-values lists the values of one field, narrowed by filters', async () => {
    const { c, exec } = await setup(base);
    await exec('company.team', 'a', '&labels=env:prod');
    await exec('company.team', 'b');
    await exec('other', 'c', '&labels=env:dev');
    expect((await c.json('GET', `${base}/executions/distinct-field-values?field=namespace`)).body).toEqual(['company.team', 'other']);
    expect((await c.json('GET', `${base}/executions/distinct-field-values?field=flowId&filters[namespace][EQUALS]=company.team`)).body).toEqual(['a', 'b']);
    expect((await c.json('GET', `${base}/executions/distinct-field-values?field=state`)).body).toEqual(['FAILED', 'SUCCESS']);
    const labels = (await c.json('GET', `${base}/executions/distinct-field-values?field=labels&filters[state][EQUALS]=SUCCESS`)).body;
    expect(labels).toContain('env:prod');
    expect(labels).toContain('env:dev');
    expect(labels).toContain('team:data');
    expect((await c.json('GET', `${base}/executions/distinct-field-values?field=flowId&size=1`)).body).toEqual(['a']);
    const noField = await c.json('GET', `${base}/executions/distinct-field-values`);
    expect(noField.status).toBe(400);
    expect(noField.body.message).toBe('Bad Request: Required QueryValue [field] not specified');
    expect((await c.json('GET', `${base}/executions/distinct-field-values?field=level`)).status).toBe(422);
    expect((await c.json('GET', `${base}/executions/distinct-field-values?field=flowId&size=0`)).status).toBe(422);
    expect((await c.json('GET', `${base}/executions/distinct-field-values?field=flowId&filters[nope][EQUALS]=x`)).status).toBe(422);
  });

  test('export/by-query/csv: the matching executions as CSV, header from the first record', async () => {
    const { c, exec } = await setup(base);
    const a = await exec('company.team', 'a');
    const b = await exec('company.team', 'b');
    await exec('other', 'c');
    const res = await c.call('GET', `${base}/executions/export/by-query/csv?filters[namespace][EQUALS]=company.team&sort=id:asc`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename=executions.csv');
    const lines = (await res.text()).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['id', 'namespace', 'flowId', 'flowRevision']);
    expect(header).toContain('state');
    expect(header).not.toContain('taskRunList');
    const rows = lines.slice(1).join('\n');
    expect(rows).toContain(`${a.id},company.team,a,1,`);
    expect(rows).toContain(`${b.id},company.team,b,1,`);
    // maps and lists as Java prints them, quoted because they hold commas
    expect(rows).toContain('"[{key=team, value=data}, {key=system.correlationId, value=');
    expect(rows).toContain('{current=FAILED, histories=[{state=CREATED');
    const none = await c.call('GET', `${base}/executions/export/by-query/csv?filters[namespace][EQUALS]=nowhere`);
    expect(await none.text()).toBe('');
    expect((await c.call('GET', `${base}/executions/export/by-query/csv?filters[state][EQUALS]=NOPE`)).status).toBe(422);
  });

  test('executions/flows/{namespace}/{flowId}: the flow (a given revision) for the run form', async () => {
    const { c } = await setup(base);
    await c.json('PUT', `${base}/flows/company.team/a`, { body: flow('a').replace('hi', 'hello'), type: YAML });
    const latest = await c.json('GET', `${base}/executions/flows/company.team/a`);
    expect(latest.status).toBe(200);
    // FlowForExecution: the run form's view, tasks as {id, type} only
    expect(latest.body).toMatchObject({ id: 'a', namespace: 'company.team', revision: 2, disabled: false, deleted: false });
    expect(latest.body.tasks[0]).toMatchObject({ id: expect.any(String), type: expect.any(String) });
    expect(latest.body.tasks[0].message).toBeUndefined();
    const first = await c.json('GET', `${base}/executions/flows/company.team/a?revision=1`);
    expect(first.body.revision).toBe(1);
    expect((await c.json('GET', `${base}/executions/flows/company.team/nope`)).status).toBe(404);
    expect((await c.json('GET', `${base}/executions/flows/company.team/a?revision=9`)).status).toBe(404);
    expect((await c.json('GET', `${base}/executions/flows/company.team/a?revision=x`)).status).toBe(422);
  });
});

test('an isolated tenant sees only its own executions', async () => {
  const { c, exec } = await setup('/api/v1');
  await exec('company.team', 'a');
  const t2 = await c.json('GET', '/api/v1/t2/executions/distinct-field-values?field=namespace');
  expect(t2.body).toEqual([]);
  expect((await c.json('POST', '/api/v1/t2/executions/latest', { body: [{ namespace: 'company.team', id: 'a' }] })).body).toEqual([]);
  expect(await (await c.call('GET', '/api/v1/t2/executions/export/by-query/csv')).text()).toBe('');
});
