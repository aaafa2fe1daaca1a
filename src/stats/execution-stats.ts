// Execution statistics (api-contract §3.6) over the executions table: daily counts and
// durations, the same per flow or per namespace, and the latest ended execution of flows.

import type { Execution } from '../executions/model.ts';
import { STATE_TYPES, type StateType } from '../executions/state.ts';
import { statement, type Db } from '../shared/db.ts';
import { countStatisticsJson, dailyJson, mergeCells, newCells, type Cell } from './daily-json.ts';
import { dailyByState, flowStateKeys, keyAggregates, type StateSource } from './range-queries.ts';
import { FULLTEXT, flowMatches, type RowFilter } from './sql-filters.ts';
import type { Window } from '../shared/time/buckets.ts';

export const EXECUTIONS: StateSource = { table: 'executions', byState: 'stats_executions_state', fulltext: FULLTEXT.executions };
const BY_FLOW_INDEX = 'stats_executions_flow';
const BY_FLOW = { table: 'executions', index: BY_FLOW_INDEX, fulltext: FULLTEXT.executions };

export interface ExecutionStats {
  daily(tenant: string, filter: RowFilter, states: StateType[] | undefined, win: Window): Record<string, unknown>[];
  dailyByFlow(tenant: string, filter: RowFilter, namespaceOnly: boolean, win: Window): Record<string, Record<string, Record<string, unknown>[]>>;
  countsByNamespace(tenant: string, namespace: string | undefined, win: Window): Record<string, { counts: Record<string, number>; total: number }>;
  /** the ended execution with the highest end date of each flow, in request order */
  latest(tenant: string, flows: { namespace: string; id: string }[]): Execution[];
}

export function createExecutionStats(db: Db, now: () => number): ExecutionStats {
  const latestOf = statement<{ json: string }, [string, string, string]>(db,
    `SELECT json FROM executions INDEXED BY stats_executions_ended
     WHERE tenant = ? AND namespace = ? AND flow_id = ? AND end_date IS NOT NULL ORDER BY end_date DESC, start_date DESC LIMIT 1`,
  );

  return {
    daily(tenant, filter, states, win) {
      const cells = dailyByState(db, EXECUTIONS, tenant, filter, states?.length ? states : STATE_TYPES, win, now());
      return dailyJson(win.buckets, cells, win.groupBy);
    },

    dailyByFlow(tenant, filter, namespaceOnly, win) {
      const keys = flowStateKeys(db, 'executions', BY_FLOW_INDEX, tenant).filter((k) => flowMatches(filter, k.namespace, k.flow_id));
      const grouped = new Map<string, Map<string, Cell[]>>();
      for (const { key, cells } of keyAggregates(db, { ...BY_FLOW, q: filter.q, perBucket: true }, tenant, keys, win, now())) {
        const flows = grouped.get(key.namespace) ?? new Map<string, Cell[]>();
        grouped.set(key.namespace, flows);
        const flowKey = namespaceOnly ? '*' : key.flow_id;
        const target = flows.get(flowKey) ?? newCells(win.buckets.length);
        flows.set(flowKey, target);
        mergeCells(target, cells);
      }
      const out: Record<string, Record<string, Record<string, unknown>[]>> = {};
      for (const [namespace, flows] of grouped) {
        out[namespace] = {};
        for (const [flowId, cells] of flows) out[namespace][flowId] = dailyJson(win.buckets, cells, win.groupBy);
      }
      return out;
    },

    countsByNamespace(tenant, namespace, win) {
      const keys = flowStateKeys(db, 'executions', BY_FLOW_INDEX, tenant, namespace || undefined);
      const counts = new Map<string, Map<string, number>>();
      for (const { key, cells } of keyAggregates(db, { ...BY_FLOW, perBucket: false, countsOnly: true }, tenant, keys, win, now())) {
        const byState = counts.get(key.namespace) ?? new Map<string, number>();
        counts.set(key.namespace, byState);
        byState.set(key.state, (byState.get(key.state) ?? 0) + cells[0]!.n);
      }
      const out: Record<string, { counts: Record<string, number>; total: number }> = {};
      for (const [ns, byState] of counts) out[ns] = countStatisticsJson(byState);
      return out;
    },

    latest(tenant, flows) {
      const out: Execution[] = [];
      for (const f of flows) {
        const row = latestOf.get(tenant, f.namespace, f.id);
        if (row) out.push(JSON.parse(row.json) as Execution);
      }
      return out;
    },
  };
}
