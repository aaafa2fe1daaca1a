// Derived views of the state. Pure and cheap: the lists they scan are bounded by the limits.

import { LOG_LEVEL_ORDER } from '../../logs/model.ts';
import { isTerminal, type StateType } from '../../executions/state.ts';
import { flowKey, type DashboardState, type ExecRow, type FlowRow, type InvalidFile, type LogLine, type TaskRow } from '../model.ts';

const matches = (filter: string, ...fields: string[]) => {
  if (!filter) return true;
  const f = filter.toLowerCase();
  return fields.some((x) => x.toLowerCase().includes(f));
};

export const visibleFlows = (s: DashboardState): FlowRow[] =>
  s.data.flows.filter((f) => matches(s.ui.filter, flowKey(f)));

export const visibleInvalid = (s: DashboardState): InvalidFile[] =>
  s.data.invalid.filter((f) => matches(s.ui.filter, f.file, f.message));

export const visibleExecutions = (s: DashboardState): ExecRow[] =>
  s.data.executions.filter((e) => matches(s.ui.filter, e.id, flowKey({ namespace: e.namespace, id: e.flowId }), e.state));

export function selectedFlow(s: DashboardState): FlowRow | undefined {
  const flows = visibleFlows(s);
  return flows.find((f) => flowKey(f) === s.ui.flowKey) ?? flows[0];
}

/** The opened execution, else the highlighted one, else the newest visible one. */
export function selectedExecution(s: DashboardState): ExecRow | undefined {
  if (s.ui.opened) {
    const opened = s.data.executions.find((e) => e.id === s.ui.opened);
    if (opened) return opened;
  }
  const list = visibleExecutions(s);
  return list.find((e) => e.id === s.ui.execId) ?? list[0];
}

const RUNNING_LIKE: ReadonlySet<StateType> = new Set(['CREATED', 'RESTARTED', 'RUNNING', 'KILLING', 'RETRYING']);

export function counts(s: DashboardState) {
  let running = 0;
  for (const e of s.data.executions) if (RUNNING_LIKE.has(e.state)) running++;
  return { flows: s.data.flows.length, invalid: s.data.invalid.length, running, succeeded: s.data.succeeded, failed: s.data.failed };
}

export function progress(e: ExecRow): { done: number; total: number } {
  let done = 0;
  for (const t of e.tasks) if (isTerminal(t.state)) done++;
  return { done, total: e.tasks.length };
}

export interface TreeRow { task: TaskRow; depth: number }

/** Task runs in execution order with children under their parent (flowable tasks). */
export function taskTree(e: ExecRow): TreeRow[] {
  const children = new Map<string, TaskRow[]>();
  const roots: TaskRow[] = [];
  const ids = new Set(e.tasks.map((t) => t.id));
  for (const t of e.tasks) {
    if (t.parentId && ids.has(t.parentId)) {
      let list = children.get(t.parentId);
      if (!list) children.set(t.parentId, (list = []));
      list.push(t);
    } else roots.push(t);
  }
  const out: TreeRow[] = [];
  const walk = (list: TaskRow[], depth: number) => {
    for (const task of list) {
      out.push({ task, depth });
      const kids = children.get(task.id);
      if (kids) walk(kids, depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}

export function logsAtLevel(s: DashboardState, executionId: string): LogLine[] {
  const all = s.data.logs[executionId] ?? [];
  const min = LOG_LEVEL_ORDER[s.ui.minLevel];
  return min === 0 ? all : all.filter((l) => LOG_LEVEL_ORDER[l.level] >= min);
}

/** The `height` lines to show: the newest when following, else scrolled up by ui.logScroll. */
export function logWindow(s: DashboardState, executionId: string, height: number): { lines: LogLine[]; total: number; scroll: number } {
  const all = logsAtLevel(s, executionId);
  const maxScroll = Math.max(0, all.length - height);
  const scroll = s.ui.follow ? 0 : Math.min(s.ui.logScroll, maxScroll);
  const end = all.length - scroll;
  return { lines: all.slice(Math.max(0, end - height), end), total: all.length, scroll };
}

/** A window of `height` rows around `cursor`, so long lists render only what fits. */
export function windowAround<T>(list: T[], cursor: number, height: number): { items: T[]; offset: number } {
  if (height <= 0) return { items: [], offset: 0 };
  const offset = Math.max(0, Math.min(cursor - Math.floor(height / 2), list.length - height));
  return { items: list.slice(offset, offset + height), offset };
}
