// A refused import changes nothing: not the answers, not the database, not the next start-up
// (review finding 1). Cells that hold JSON documents are parsed before anything is written, and
// anything that fails while the features re-read the imported state puts the old state back.
import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checksumOf } from '../../src/admin/state/document.ts';
import { fakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';
import { adminRuntime, deploy, logFlow, START } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => { while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true }); });

const exportOf = async (c: TestClient) => (await c.json('GET', '/_kestra-lite/export')).body;
const importInto = (c: TestClient, doc: unknown) => c.json('POST', '/_kestra-lite/import', { body: JSON.stringify(doc), type: 'application/json' });

/** sets one cell and signs the document again, as someone editing an export by hand would */
function edited(doc: any, table: string, column: string, value: unknown, row = 0) {
  const copy = structuredClone(doc);
  const t = copy.tables[table];
  t.rows[row][t.columns.indexOf(column)] = value;
  copy.checksum = checksumOf(copy);
  return copy;
}

async function expectIntact(c: TestClient) {
  const search = await c.json('GET', '/api/v1/flows/search?namespace=t');
  expect(search.body.total).toBe(1);
  const revisions = await c.json('GET', '/api/v1/flows/t/a/revisions');
  expect(revisions.status).toBe(200);
  expect(revisions.body).toHaveLength(1);
  expect((await c.json('GET', '/api/v1/namespaces/t/kv/k')).body).toEqual({ type: 'NUMBER', value: 42 });
}

async function populate(c: TestClient) {
  await deploy(c, logFlow('a'));
  await c.json('PUT', '/api/v1/namespaces/t/kv/k', { body: '42', type: 'application/json' });
}

describe('POST /_kestra-lite/import refused', () => {
  test('a JSON cell that does not parse is a 422 naming the cell, and nothing changed (memory)', async () => {
    const c = await adminRuntime();
    await populate(c);
    const bad = edited(await exportOf(c), 'flow_revisions', 'flow', '{not json');
    const r = await importInto(c, bad);
    expect(r.status).toBe(422);
    expect(r.body.message).toContain('import.tables.flow_revisions.rows[0]');
    expect(r.body.message).toContain('flow');
    await expectIntact(c);
  });

  test('a text in a number column, a JSON cell in kv.value: 422, nothing changed', async () => {
    const c = await adminRuntime();
    await populate(c);
    const doc = await exportOf(c);
    expect((await importInto(c, edited(doc, 'kv', 'value', 'forty-two'))).status).toBe(422);
    expect((await importInto(c, edited(doc, 'kv', 'created', 'yesterday'))).status).toBe(422);
    await expectIntact(c);
  });

  test('a document that parses but breaks a feature while it reloads: old state back, 422', async () => {
    const c = await adminRuntime();
    await populate(c);
    const doc = await exportOf(c);
    // a running execution whose document is not an execution: recovery fails on it
    doc.tables.executions.rows.push(doc.tables.executions.columns.map((col: string) =>
      ({ tenant: 'main', id: 'broken', namespace: 't', flow_id: 'a', state: 'RUNNING', labels: '[]', json: '{}', start_date: START } as Record<string, unknown>)[col] ?? null));
    doc.checksum = checksumOf(doc);
    const r = await importInto(c, doc);
    expect(r.status).toBe(422);
    expect(r.body.message).toContain('nothing changed');
    await expectIntact(c);
    expect((await c.json('GET', '/api/v1/executions/broken')).status).toBe(404);
  });

  test('persisted: the refused import is not in the database; the data directory opens again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-import-'));
    dirs.push(dir);
    const first = await testRuntime({ memory: false, dataDir: dir, clock: fakeClock(START) });
    await populate(first);
    const r = await importInto(first, edited(await exportOf(first), 'flow_revisions', 'flow', '{not json'));
    expect(r.status).toBe(422);
    await expectIntact(first);
    await first.rt.dispose();

    const second = await testRuntime({ memory: false, dataDir: dir, clock: fakeClock(START) });
    await expectIntact(second);
  });
});
