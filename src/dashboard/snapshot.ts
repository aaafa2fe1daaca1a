// Converts bus payloads into reducer actions. This is where live engine objects are copied:
// an Execution keeps mutating after `execution.updated` fires, so only plain values go further.

import type { Violation } from '../flows/model.ts';
import type { Execution } from '../executions/model.ts';
import type { LogEntry } from '../logs/model.ts';
import { endDate, startDate } from '../executions/state.ts';
import type { EventMap } from '../shared/events.ts';
import type { DataAction } from './actions.ts';
import type { ExecRow, InvalidFile, TaskRow } from './model.ts';

export function execRow(e: Execution): ExecRow {
  const tasks: TaskRow[] = e.taskRunList.map((t) => {
    const row: TaskRow = { id: t.id, taskId: t.taskId, state: t.state.current, attempts: t.attempts?.length ?? 0, start: startDate(t.state) };
    const end = endDate(t.state);
    if (end !== undefined) row.end = end;
    if (t.parentTaskRunId) row.parentId = t.parentTaskRunId;
    if (t.value !== undefined) row.value = t.value;
    return row;
  });
  const row: ExecRow = { id: e.id, tenant: e.tenant, namespace: e.namespace, flowId: e.flowId, state: e.state.current, start: startDate(e.state), tasks };
  const end = endDate(e.state);
  if (end !== undefined) row.end = end;
  return row;
}

export function logAction(entry: LogEntry): DataAction {
  const a: DataAction = { type: 'log', executionId: entry.executionId ?? '', level: entry.level, timestamp: entry.timestamp, message: entry.message };
  if (entry.taskId) a.taskId = entry.taskId;
  return a;
}

export const violationsText = (violations: Violation[]) =>
  violations.map((v) => (v.path ? `${v.path}: ${v.message}` : v.message)).join('; ');

export function invalidAction(e: EventMap['flow.invalid']): DataAction {
  const file: InvalidFile = { file: e.file, message: violationsText(e.violations) };
  return { type: 'flow.invalid', file };
}

/** A file that reconciled to anything but 'invalid'/'error' is no longer worth flagging. */
export function syncedAction(e: EventMap['flow.file-synced']): DataAction | undefined {
  return e.result === 'invalid' || e.result === 'error' ? undefined : { type: 'flow.valid', file: e.file };
}

export function flowChangedAction(e: EventMap['flow.changed']): DataAction {
  return { type: 'flow.changed', flow: { tenant: e.tenant, namespace: e.namespace, id: e.id, revision: e.revision }, deleted: e.deleted };
}
