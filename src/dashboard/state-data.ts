// The data half of the reducer: flows, invalid files, executions and logs, all bounded.
// Pure: inputs are never mutated; arrays that change are copied (they are small and capped).

import { isTerminal } from '../executions/state.ts';
import type { DataAction } from './actions.ts';
import { flowKey, type DashboardData, type ExecRow, type FlowRow, type Limits, type LogLine } from './model.ts';

export const emptyData = (): DashboardData => ({ flows: [], invalid: [], executions: [], logs: {}, logTotal: 0, logSeq: 0, succeeded: 0, failed: 0 });

type LogAction = Extract<DataAction, { type: 'log' }>;

export function reduceData(d: DashboardData, a: DataAction, limits: Limits, keep: Set<string>): DashboardData {
  switch (a.type) {
    case 'seed': {
      let next: DashboardData = { ...d, flows: [...a.flows].sort(byFlow), invalid: a.invalid.slice(0, limits.invalidFiles) };
      // oldest first, so the newest ends on top exactly as if they had arrived live
      for (const row of [...a.executions].sort((x, y) => x.start - y.start)) next = upsertExecution(next, row, limits);
      return next;
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
      return upsertExecution(d, a.row, limits);
    case 'log':
      return appendLogs(d, [a], limits, keep);
    case 'next-fire':
      return { ...d, nextFire: a.at };
  }
}

const byFlow = (a: FlowRow, b: FlowRow) => flowKey(a).localeCompare(flowKey(b)) || a.tenant.localeCompare(b.tenant);

const countsOf = (row: ExecRow | undefined) => ({ s: row?.state === 'SUCCESS' ? 1 : 0, f: row?.state === 'FAILED' ? 1 : 0 });

function upsertExecution(d: DashboardData, row: ExecRow, limits: Limits): DashboardData {
  const i = d.executions.findIndex((e) => e.id === row.id);
  const before = countsOf(i >= 0 ? d.executions[i] : undefined);
  const after = countsOf(row);
  let executions: ExecRow[];
  if (i >= 0) {
    executions = d.executions.slice();
    executions[i] = row;
  } else {
    // newest first; a replay or a seeded row may be older than the head, so find its place
    const at = d.executions.findIndex((e) => e.start <= row.start);
    executions = d.executions.slice();
    executions.splice(at < 0 ? executions.length : at, 0, row);
  }
  let logs = d.logs;
  let logTotal = d.logTotal;
  while (executions.length > limits.executions) {
    // evict the oldest finished execution; running ones stay visible however many there are
    let victim = executions.length - 1;
    while (victim >= 0 && !isTerminal(executions[victim]!.state)) victim--;
    if (victim < 0) victim = executions.length - 1;
    const [gone] = executions.splice(victim, 1);
    if (logs[gone!.id]) {
      logs = { ...logs };
      logTotal -= logs[gone!.id]!.length;
      delete logs[gone!.id];
    }
  }
  return { ...d, executions, logs, logTotal, succeeded: d.succeeded + after.s - before.s, failed: d.failed + after.f - before.f };
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
