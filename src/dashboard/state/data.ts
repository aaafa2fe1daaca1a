// The data half of the reducer: flows, invalid files, executions and logs, all bounded.
// Pure: inputs are never mutated; arrays that change are copied (they are small and capped).

import { isTerminal } from '../../executions/state.ts';
import type { DataAction } from '../actions.ts';
import { flowKey, type DashboardData, type ExecRow, type FlowRow, type Limits, type LogLine } from '../model.ts';

export const emptyData = (): DashboardData => ({ flows: [], invalid: [], executions: [], logs: {}, logTotal: 0, logSeq: 0, succeeded: 0, failed: 0 });

type LogAction = Extract<DataAction, { type: 'log' }>;

export function reduceData(d: DashboardData, a: DataAction, limits: Limits, keep: Set<string>): DashboardData {
  switch (a.type) {
    case 'seed': {
      const next: DashboardData = { ...d, flows: [...a.flows].sort(byFlow), invalid: a.invalid.slice(0, limits.invalidFiles) };
      return upsertExecutions(next, a.executions, limits);
    }
    case 'flow.changed': {
      const key = flowKey(a.flow);
      const flows = d.flows.filter((f) => !(f.tenant === a.flow.tenant && flowKey(f) === key));
      if (!a.deleted) flows.push(a.flow);
      return { ...d, flows: flows.sort(byFlow) };
    }
    case 'flow.invalid': {
      const invalid = [a.file, ...d.invalid.filter((f) => f.file !== a.file.file)].slice(0, limits.invalidFiles);
      return { ...d, invalid };
    }
    case 'flow.valid':
      return d.invalid.some((f) => f.file === a.file) ? { ...d, invalid: d.invalid.filter((f) => f.file !== a.file) } : d;
    case 'execution':
      return upsertExecutions(d, [a.row], limits);
    case 'execution.deleted':
      return removeExecution(d, a.id);
    case 'log':
      return appendLogs(d, [a], limits, keep);
    case 'next-fire':
      return { ...d, nextFire: a.at };
  }
}

const byFlow = (a: FlowRow, b: FlowRow) => flowKey(a).localeCompare(flowKey(b)) || a.tenant.localeCompare(b.tenant);

const countsOf = (row: ExecRow | undefined) => ({ s: row?.state === 'SUCCESS' ? 1 : 0, f: row?.state === 'FAILED' ? 1 : 0 });

/**
 * Applies a run of execution rows at once: one copy of the list, one merge, one eviction pass,
 * at most one copy of the log index. Under load (thousands of executions per second) the
 * per-row version spent its time copying the same arrays over and over.
 */
export function upsertExecutions(d: DashboardData, rows: ExecRow[], limits: Limits): DashboardData {
  if (!rows.length) return d;
  const index = new Map(d.executions.map((e, i) => [e.id, i]));
  const executions = d.executions.slice();
  const fresh = new Map<string, ExecRow>();
  let succeeded = d.succeeded;
  let failed = d.failed;
  for (const row of rows) {
    const i = index.get(row.id);
    const before = countsOf(i !== undefined ? executions[i] : fresh.get(row.id));
    const after = countsOf(row);
    succeeded += after.s - before.s;
    failed += after.f - before.f;
    if (i !== undefined) executions[i] = row;
    else fresh.set(row.id, row);
  }
  // newest first: merge the new rows (sorted) into the already sorted list
  const added = [...fresh.values()].sort((a, b) => b.start - a.start);
  const merged: ExecRow[] = [];
  let a = 0;
  for (const e of executions) {
    while (a < added.length && added[a]!.start >= e.start) merged.push(added[a++]!);
    merged.push(e);
  }
  while (a < added.length) merged.push(added[a++]!);
  const { kept, gone } = evict(merged, limits.executions);
  let logs = d.logs;
  let logTotal = d.logTotal;
  for (const id of gone) {
    if (!logs[id]) continue;
    if (logs === d.logs) logs = { ...logs };
    logTotal -= logs[id]!.length;
    delete logs[id];
  }
  return { ...d, executions: kept, logs, logTotal, succeeded, failed };
}

/** A deleted execution leaves the list, its logs and the counters (as it leaves Kestra's UI). */
function removeExecution(d: DashboardData, id: string): DashboardData {
  const row = d.executions.find((e) => e.id === id);
  if (!row && !d.logs[id]) return d;
  const { [id]: gone, ...logs } = d.logs;
  const c = countsOf(row);
  return {
    ...d, executions: d.executions.filter((e) => e.id !== id), logs, logTotal: d.logTotal - (gone?.length ?? 0),
    succeeded: d.succeeded - c.s, failed: d.failed - c.f,
  };
}

/** Drops the oldest finished executions beyond the cap; running ones stay while possible. */
function evict(list: ExecRow[], cap: number): { kept: ExecRow[]; gone: string[] } {
  const over = list.length - cap;
  if (over <= 0) return { kept: list, gone: [] };
  const drop = new Set<number>();
  for (let i = list.length - 1; i >= 0 && drop.size < over; i--) if (isTerminal(list[i]!.state)) drop.add(i);
  for (let i = list.length - 1; i >= 0 && drop.size < over; i--) drop.add(i);
  const kept: ExecRow[] = [];
  const gone: string[] = [];
  list.forEach((e, i) => (drop.has(i) ? gone.push(e.id) : kept.push(e)));
  return { kept, gone };
}

/**
 * Appends a run of log actions at once (the event stream hands them over in batches), so each
 * execution's ring is copied once per batch, not once per line.
 * `keep` names executions whose logs survive the global cap (the one on screen).
 */
export function appendLogs(d: DashboardData, batch: LogAction[], limits: Limits, keep: Set<string>): DashboardData {
  if (!batch.length) return d;
  const grouped = new Map<string, LogLine[]>();
  let seq = d.logSeq;
  for (const a of batch) {
    const line: LogLine = { seq: ++seq, executionId: a.executionId, level: a.level, timestamp: a.timestamp, message: a.message };
    if (a.taskId) line.taskId = a.taskId;
    let list = grouped.get(a.executionId);
    if (!list) grouped.set(a.executionId, (list = []));
    list.push(line);
  }
  const logs = { ...d.logs };
  let total = d.logTotal;
  for (const [id, lines] of grouped) {
    const old = logs[id] ?? [];
    const merged = old.length + lines.length > limits.logsPerExecution
      ? [...old, ...lines].slice(-limits.logsPerExecution)
      : old.concat(lines);
    total += merged.length - old.length;
    logs[id] = merged;
  }
  if (total > limits.logsTotal) total = trimLogs(logs, total, d.executions, limits, keep);
  return { ...d, logs, logTotal: total, logSeq: seq };
}

/** Drops whole log rings, oldest execution first (orphans first), until under the global cap. */
function trimLogs(logs: Record<string, LogLine[]>, total: number, executions: ExecRow[], limits: Limits, keep: Set<string>): number {
  const listed = new Set(executions.map((e) => e.id));
  const order = [...Object.keys(logs).filter((id) => !listed.has(id)), ...executions.map((e) => e.id).reverse()];
  for (const id of order) {
    if (total <= limits.logsTotal) break;
    if (keep.has(id) || !logs[id]) continue;
    total -= logs[id]!.length;
    delete logs[id];
  }
  if (total > limits.logsTotal) {
    // only kept rings are left: shorten them from their oldest lines
    for (const id of Object.keys(logs)) {
      const over = total - limits.logsTotal;
      if (over <= 0) break;
      const cut = Math.min(over, logs[id]!.length);
      logs[id] = logs[id]!.slice(cut);
      total -= cut;
    }
  }
  return total;
}
