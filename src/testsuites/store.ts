// Test suites and their run results in SQLite. A suite row keeps its YAML source (what the API
// returns and what enable/disable rewrite) and, for suites of the flows directory, its file.
// Schema, row types and statements live together here.

import { statement, migrate, type Db } from '../shared/db.ts';
import type { SuiteRecord, TestSuite, TestSuiteRunResult } from './model.ts';

interface SuiteRow { tenant: string; namespace: string; id: string; source: string; value: string; file: string | null; updated: number }
interface ResultRow { value: string }

export interface SuiteStore {
  get(tenant: string, namespace: string, id: string): SuiteRecord | undefined;
  list(tenant: string): SuiteRecord[];
  byFile(file: string): SuiteRecord | undefined;
  put(tenant: string, suite: TestSuite, source: string, updated: number, file?: string): SuiteRecord;
  delete(tenant: string, namespace: string, id: string): boolean;
  saveResult(tenant: string, result: TestSuiteRunResult): void;
  result(tenant: string, id: string): TestSuiteRunResult | undefined;
  /** newest first */
  results(tenant: string): TestSuiteRunResult[];
  lastResult(tenant: string, namespace: string, id: string): TestSuiteRunResult | undefined;
}

const fromRow = (r: SuiteRow): SuiteRecord => {
  const rec: SuiteRecord = { tenant: r.tenant, suite: JSON.parse(r.value) as TestSuite, source: r.source, updated: r.updated };
  if (r.file !== null) rec.file = r.file;
  return rec;
};

export function createSuiteStore(db: Db): SuiteStore {
  migrate(db, 'testsuites', [
    `CREATE TABLE test_suites (
       tenant TEXT NOT NULL, namespace TEXT NOT NULL, id TEXT NOT NULL, source TEXT NOT NULL, value TEXT NOT NULL,
       file TEXT, updated INTEGER NOT NULL, PRIMARY KEY (tenant, namespace, id));
     CREATE TABLE test_suite_results (
       tenant TEXT NOT NULL, id TEXT NOT NULL, namespace TEXT NOT NULL, suite_id TEXT NOT NULL, flow_id TEXT NOT NULL,
       start_date TEXT NOT NULL, seq INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (tenant, id));
     CREATE INDEX test_suite_results_suite ON test_suite_results (tenant, namespace, suite_id, seq)`,
  ]);
  const one = statement<SuiteRow, [string, string, string]>(db, 'SELECT * FROM test_suites WHERE tenant = ? AND namespace = ? AND id = ?');
  const all = statement<SuiteRow, [string]>(db, 'SELECT * FROM test_suites WHERE tenant = ? ORDER BY namespace, id');
  const ofFile = statement<SuiteRow, [string]>(db, 'SELECT * FROM test_suites WHERE file = ?');
  const upsert = statement(db,
    `INSERT INTO test_suites (tenant, namespace, id, source, value, file, updated) VALUES ($tenant, $namespace, $id, $source, $value, $file, $updated)
     ON CONFLICT (tenant, namespace, id) DO UPDATE SET source = excluded.source, value = excluded.value, file = excluded.file, updated = excluded.updated`,
  );
  const remove = statement(db, 'DELETE FROM test_suites WHERE tenant = ? AND namespace = ? AND id = ?');
  const insertResult = statement(db,
    `INSERT INTO test_suite_results (tenant, id, namespace, suite_id, flow_id, start_date, seq, value)
     VALUES ($tenant, $id, $namespace, $suite, $flow, $start, (SELECT coalesce(max(seq), 0) + 1 FROM test_suite_results), $value)`,
  );
  const oneResult = statement<ResultRow, [string, string]>(db, 'SELECT value FROM test_suite_results WHERE tenant = ? AND id = ?');
  const allResults = statement<ResultRow, [string]>(db, 'SELECT value FROM test_suite_results WHERE tenant = ? ORDER BY seq DESC');
  const last = statement<ResultRow, [string, string, string]>(db,
    'SELECT value FROM test_suite_results WHERE tenant = ? AND namespace = ? AND suite_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const parse = (r: ResultRow | null) => (r ? (JSON.parse(r.value) as TestSuiteRunResult) : undefined);

  return {
    get: (tenant, namespace, id) => { const r = one.get(tenant, namespace, id); return r ? fromRow(r) : undefined; },
    list: (tenant) => all.all(tenant).map(fromRow),
    byFile: (file) => { const r = ofFile.get(file); return r ? fromRow(r) : undefined; },
    put(tenant, suite, source, updated, file) {
      upsert.run({ tenant, namespace: suite.namespace, id: suite.id, source, value: JSON.stringify(suite), file: file ?? null, updated });
      return { tenant, suite, source, updated, ...(file !== undefined ? { file } : {}) };
    },
    delete: (tenant, namespace, id) => remove.run(tenant, namespace, id).changes > 0,
    saveResult(tenant, r) {
      insertResult.run({ tenant, id: r.id, namespace: r.namespace, suite: r.testSuiteId, flow: r.flowId, start: r.startDate, value: JSON.stringify(r) });
    },
    result: (tenant, id) => parse(oneResult.get(tenant, id)),
    results: (tenant) => allResults.all(tenant).map((r) => JSON.parse(r.value) as TestSuiteRunResult),
    lastResult: (tenant, namespace, id) => parse(last.get(tenant, namespace, id)),
  };
}
