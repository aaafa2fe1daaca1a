// Log statistics (api-contract §3.6 `/stats/logs/daily`): counts per level and time bucket,
// one range scan per (level, bucket) on the (tenant, level, ts) index.

import { LOG_LEVEL_ORDER, type LogLevel } from '../logs/model.ts';
import type { Db } from '../shared/db.ts';
import { withStatements } from './range-queries.ts';
import { FULLTEXT, rowConditions, type RowFilter } from './sql-filters.ts';
import { instantText, type Window } from '../shared/time/buckets.ts';

const LEVELS = Object.keys(LOG_LEVEL_ORDER) as LogLevel[];

export function logDaily(db: Db, tenant: string, filter: RowFilter, minLevel: LogLevel | undefined, win: Window): Record<string, unknown>[] {
  const { sql, args } = rowConditions(tenant, filter, FULLTEXT.logs);
  // test executions' lines are left out, as from the log search (logs/store.ts)
  const from = `FROM logs INDEXED BY stats_logs_level WHERE ${sql} AND level = ? AND ts >= ? AND ts < ? AND seq NOT IN (SELECT seq FROM logs WHERE tenant = ? AND test = 1)`;
  const counts = win.buckets.map(() => new Map<LogLevel, number>());
  withStatements(db, [`SELECT 1 AS x ${from} LIMIT 1`, `SELECT count(*) AS n ${from}`], (exists, count) => {
    for (const level of LEVELS) {
      const code = LOG_LEVEL_ORDER[level];
      if (minLevel && code < LOG_LEVEL_ORDER[minLevel]) continue;
      if (!exists.get(...args, code, win.start, win.end + 1, tenant)) continue;
      win.buckets.forEach((b, i) => counts[i]!.set(level, (count.get(...args, code, b.lo, b.hi, tenant) as { n: number }).n));
    }
  });
  return win.buckets.map((b, i) => ({
    timestamp: instantText(b.start),
    counts: Object.fromEntries(LEVELS.map((l) => [l, counts[i]!.get(l) ?? 0])),
    groupBy: win.groupBy,
  }));
}
