// The indexed namespace predicates select exactly the rows the lower()/LIKE predicates they
// replaced did (odd cases included: case, wildcards, siblings sorting around '.', non-ASCII),
// and the stores' plans use the NOCASE index for them.

import { describe, expect, test } from 'bun:test';
import { Database } from 'bun:sqlite';
import { namespaceOrChildLike, namespaceOrChildNoCase } from '../../src/shared/storage/namespace-sql.ts';
import { openDb } from '../../src/shared/db.ts';
import { createExecutionStore } from '../../src/executions/store.ts';
import { createLogStore } from '../../src/logs/store.ts';

const STORED = [
  'company', 'company.team', 'company.team.sub', 'Company.Team', 'COMPANY.TEAM.X', 'company.team-b', 'company.team!', 'company.team/',
  'company.teams', 'company.tea', 'company.team.', 'company_team', 'companyXteam.a', 'my_ns', 'my_ns.a', 'myXns.a', 'my%ns', 'my%ns.b',
  'étoile', 'étoile.sub', 'Étoile.sub', 'a', 'a.b', 'b', '@x.y', 'Z~', 'z~.q',
];
const FILTERS = ['company', 'company.team', 'COMPANY.team', 'company.tea', 'my_ns', 'MY_NS', 'my%ns', 'my_', '_', '%', 'étoile', 'Étoile', 'a', 'z~', 'Z', '@', 'company.team.'];

function table() {
  const db = new Database(':memory:', { strict: true });
  db.exec('CREATE TABLE t (namespace TEXT NOT NULL); CREATE INDEX t_ns ON t (namespace COLLATE NOCASE)');
  const insert = db.query('INSERT INTO t (namespace) VALUES (?)');
  for (const ns of STORED) insert.run(ns);
  const select = (sql: string, args: (string | number)[]) => db.query<{ namespace: string }, (string | number)[]>(`SELECT namespace FROM t WHERE ${sql} ORDER BY namespace`).all(...args).map((r) => r.namespace);
  return { select };
}

describe('namespace predicates', () => {
  const { select } = table();
  test.each(FILTERS)('case-insensitive "%s or below" matches the old lower()/LIKE ESCAPE predicate', (ns) => {
    const before = select("(lower(namespace) = lower(?) OR lower(namespace) LIKE lower(?) ESCAPE '\\')", [ns, `${ns.replace(/[\\%_]/g, '\\$&')}.%`]);
    const p = namespaceOrChildNoCase(ns);
    expect(select(p.sql, p.args)).toEqual(before);
  });
  test.each(FILTERS)('logs "%s or below" matches the old `= OR LIKE` predicate, wildcards included', (ns) => {
    const before = select('(namespace = ? OR namespace LIKE ?)', [ns, `${ns}.%`]);
    const p = namespaceOrChildLike(ns);
    expect(select(p.sql, p.args)).toEqual(before);
  });

  test('the stores answer a namespace search from the NOCASE index', () => {
    const db = openDb(false);
    createExecutionStore(db);
    createLogStore(db);
    const plan = (sql: string, args: (string | number)[]) => db.query<{ detail: string }, (string | number)[]>(`EXPLAIN QUERY PLAN ${sql}`).all(...args).map((r) => r.detail).join(' | ');
    const e = namespaceOrChildNoCase('company.team');
    expect(plan(`SELECT count(*) FROM executions WHERE tenant = ? AND ${e.sql}`, ['main', ...e.args])).toContain('COVERING INDEX executions_namespace');
    const l = namespaceOrChildLike('company.team');
    expect(plan(`SELECT seq FROM logs WHERE tenant = ? AND ${l.sql} ORDER BY ts, seq LIMIT 10`, ['main', ...l.args])).toContain('COVERING INDEX logs_namespace');
    db.close();
  });
});
