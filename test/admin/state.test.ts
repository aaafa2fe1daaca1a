import { describe, expect, test } from 'bun:test';
import { checksumOf } from '../../src/admin/state/document.ts';
import { sequentialIds } from '../../src/shared/ids.ts';
import { YAML, type TestClient } from '../helpers/runtime.ts';
import { fileForm } from '../files/helpers.ts';
import { advance, adminRuntime, dailyFlow, deploy, logFlow } from './helpers.ts';

/** a runtime with some of everything: revisions, executions, logs, KV, a namespace file, a trigger, a template-free flow */
async function populated(): Promise<TestClient> {
  const c = await adminRuntime();
  await deploy(c, logFlow('a'));
  await c.json('PUT', '/api/v1/flows/t/a', { body: logFlow('a', 't', 'description: second\n'), type: YAML });
  await deploy(c, dailyFlow());
  await c.json('POST', '/api/v1/executions/t/a?wait=true', { body: new FormData() });
  await advance(c, { duration: 'P2D' });
  await c.json('PUT', '/api/v1/namespaces/t/kv/answer', { body: '42', type: 'application/json' });
  await c.call('POST', `/api/v1/namespaces/t/files?path=${encodeURIComponent('/data/in.csv')}`, { body: fileForm('a,b\n1,2\n') });
  return c;
}

const READS = [
  '/api/v1/flows/t/a/revisions',
  '/api/v1/flows/search?namespace=t',
  '/api/v1/executions/search?namespace=t&sort=state.startDate:asc',
  '/api/v1/logs/search?namespace=t&sort=timestamp:asc',
  '/api/v1/namespaces/t/kv/answer',
  '/api/v1/namespaces/t/files?path=/data/in.csv',
  '/api/v1/triggers/search?namespace=t',
  '/api/v1/taskruns/search?namespace=t',
];

async function answers(c: TestClient) {
  const out: Record<string, string> = {};
  for (const path of READS) {
    const r = await c.call('GET', path);
    out[path] = `${r.status} ${await r.text()}`;
  }
  return out;
}

const exportOf = async (c: TestClient) => (await c.json('GET', '/_kestra-lite/export')).body;
const importInto = (c: TestClient, doc: unknown) => c.json('POST', '/_kestra-lite/import', { body: typeof doc === 'string' ? doc : JSON.stringify(doc), type: 'application/json' });

describe('POST /_kestra-lite/reset', () => {
  test('empties everything: flows, executions, logs, KV, files, triggers, journal, faults', async () => {
    const c = await populated();
    await c.json('POST', '/_kestra-lite/faults', { body: { path: '/x', status: 500 } });
    expect((await c.call('POST', '/_kestra-lite/reset')).status).toBe(204);
    expect((await c.json('GET', '/api/v1/flows/search')).body.total).toBe(0);
    expect((await c.json('GET', '/api/v1/executions/search')).body.total).toBe(0);
    expect((await c.json('GET', '/api/v1/logs/search')).body.total).toBe(0);
    expect((await c.json('GET', '/api/v1/taskruns/search')).body.total).toBe(0);
    expect((await c.json('GET', '/api/v1/namespaces/t/kv/answer')).status).toBe(404);
    expect((await c.json('GET', '/api/v1/namespaces/t/files?path=/data/in.csv')).status).toBe(404);
    expect((await c.json('GET', '/api/v1/triggers/search')).body.total).toBe(0);
    expect((await c.json('GET', '/_kestra-lite/faults')).body.results).toEqual([]);
    // the journal restarts with the calls made after the reset
    expect((await c.json('GET', '/_kestra-lite/requests')).body.results).toHaveLength(7);
    // nothing fires any more
    await advance(c, { duration: 'P2D' });
    expect((await c.json('GET', '/api/v1/executions/search')).body.total).toBe(0);
  });

  test('keep=flows keeps flows with their revisions; their schedules go on from now', async () => {
    const c = await populated();
    expect((await c.call('POST', '/_kestra-lite/reset?keep=flows')).status).toBe(204);
    expect((await c.json('GET', '/api/v1/flows/t/a/revisions')).body).toHaveLength(2);
    expect((await c.json('GET', '/api/v1/executions/search')).body.total).toBe(0);
    await advance(c, { duration: 'P1D' });
    expect((await c.json('GET', '/api/v1/executions/search?flowId=daily')).body.total).toBe(1);
  });

  test('an unknown keep value is a 422 and resets nothing', async () => {
    const c = await populated();
    const r = await c.json('POST', '/_kestra-lite/reset?keep=executions');
    expect(r.status).toBe(422);
    expect(r.body.message).toContain("the only value is 'flows'");
    expect((await c.json('GET', '/api/v1/flows/search')).body.total).toBe(2);
  });
});

describe('export and import', () => {
  test('an import into a fresh runtime reproduces the same API answers', async () => {
    const a = await populated();
    const doc = await exportOf(a);
    expect(doc).toMatchObject({ format: 'kestra-lite-state', formatVersion: 1 });
    expect(doc.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    // its own ids: sequential ids from 1 again would reuse the imported executions' ids
    const b = await adminRuntime({ ids: sequentialIds('b') });
    await b.call('POST', '/_kestra-lite/clock/set', { body: { now: '2025-01-03T00:00:00Z' } });
    expect((await importInto(b, doc)).status).toBe(204);
    expect(await answers(b)).toEqual(await answers(a));
    // the import goes on living: the schedule fires the next day in both
    await advance(a, { duration: 'P1D' });
    await advance(b, { duration: 'P1D' });
    expect((await b.json('GET', '/api/v1/executions/search?flowId=daily')).body.total).toBe(3);
    // the same but for the new execution's ids (each runtime has its own generator)
    const anonymous = (all: Record<string, string>) => JSON.stringify(all).replace(/\b(id|b)\d+\b/g, 'ID');
    expect(anonymous(await answers(b))).toBe(anonymous(await answers(a)));
  });

  test('a corrupted, edited, foreign-version or foreign-schema document is refused and changes nothing', async () => {
    const a = await populated();
    const doc = await exportOf(a);
    const b = await adminRuntime();
    await deploy(b, logFlow('mine'));
    const before = await answers(b);
    const reseal = (d: any) => ({ ...d, checksum: checksumOf(d) });
    const edited = structuredClone(doc); edited.tables.flow_revisions.rows[0][0] = 'other';
    const future = reseal({ ...doc, formatVersion: 2 });
    const schema = reseal({ ...doc, schema: { ...doc.schema, executions: 99 } });
    const badRow = structuredClone(doc); badRow.tables.executions.rows[0] = ['x']; 
    const unknownTable = structuredClone(doc); unknownTable.tables.nope = { columns: [], rows: [] };
    const cases: [unknown, string][] = [
      [JSON.stringify(doc).slice(0, 500), 'not a JSON document'],
      [edited, 'checksum mismatch'],
      [future, 'format version 2 is not supported'],
      [schema, 'another storage schema'],
      [reseal(badRow), 'must be an array of'],
      [reseal(unknownTable), 'unknown table'],
      [{ hello: 'world' }, 'not a kestra-lite state export'],
    ];
    for (const [body, message] of cases) {
      const r = await importInto(b, body);
      expect(r.status).toBe(422);
      expect(r.body.message).toContain(message);
    }
    expect(await answers(b)).toEqual(before);
    expect((await b.json('GET', '/api/v1/flows/t/mine')).status).toBe(200);
  });

  test('rows that break a constraint roll back the whole import', async () => {
    const a = await populated();
    const doc = await exportOf(a);
    doc.tables.flow_revisions.rows.push(doc.tables.flow_revisions.rows[0]); // duplicate primary key
    doc.checksum = checksumOf(doc);
    const b = await adminRuntime();
    await deploy(b, logFlow('mine'));
    const r = await importInto(b, doc);
    expect(r.status).toBe(422);
    expect(r.body.message).toContain('nothing changed');
    expect((await b.json('GET', '/api/v1/flows/search')).body.results.map((f: any) => f.id)).toEqual(['mine']);
  });
});

describe('isolation', () => {
  test('two runtimes share no state, time, journal or faults', async () => {
    const a = await adminRuntime();
    const b = await adminRuntime();
    await deploy(a, dailyFlow());
    await a.json('POST', '/_kestra-lite/faults', { body: { path: '/api/v1/flows/search', status: 500 } });
    await advance(a, { duration: 'P1D' });
    expect((await b.json('GET', '/_kestra-lite/clock')).body.now).toBe('2025-01-01T00:00:00.000Z');
    expect((await b.json('GET', '/api/v1/flows/search')).status).toBe(200);
    expect((await b.json('GET', '/api/v1/executions/search')).body.total).toBe(0);
    expect((await b.json('GET', '/_kestra-lite/requests')).body.results.map((e: any) => e.path)).toEqual(['/api/v1/flows/search', '/api/v1/executions/search']);
    expect((await a.json('GET', '/api/v1/executions/search')).body.total).toBe(1);
    await b.call('POST', '/_kestra-lite/reset');
    expect((await a.json('GET', '/api/v1/flows/search')).status).toBe(500);
  });
});
