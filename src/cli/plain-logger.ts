// Plain structured log lines for non-TTY output, CI and --no-dashboard: one line per event,
// as text for people or (--log-format json) one JSON object per line for machines.
// It reads the event bus; no other module writes to the console.

import { isTerminal, type StateType } from '../executions/state.ts';
import type { EventBus } from '../shared/events.ts';
import { runSummaryText } from '../testsuites/model.ts';
import type {} from '../testsuites/service.ts';

export type PlainFormat = 'text' | 'json';
export interface PlainLoggerOptions { format?: PlainFormat }

type Fields = Record<string, string | number | boolean | undefined>;

export function attachPlainLogger(events: EventBus, write: (line: string) => void, now: () => number, options: PlainLoggerOptions = {}): () => void {
  const json = options.format === 'json';
  /** `text` is the human line; `fields` the machine form of the same event (a `message` field
   *  there replaces the human text in JSON) */
  const emit = (level: string, event: string, text: string, fields: Fields, at = now()) => {
    const time = new Date(at).toISOString();
    write(json ? JSON.stringify({ time, level, event, message: text, ...fields }) : `${time} ${level.padEnd(5)} ${text}`);
  };
  // the engine emits execution.updated for every task-run change; one line per execution *state*
  // change is what a reader wants. Only unfinished executions are tracked, so this stays small.
  const lastState = new Map<string, StateType>();
  const offs = [
    events.on('flow.changed', (e) =>
      emit('INFO', 'flow.changed', `flow ${e.namespace}.${e.id} ${e.deleted ? 'deleted' : `revision ${e.revision}`} (${e.origin === 'file' ? 'from file' : 'via API'})${e.tenant !== 'main' ? ` [tenant ${e.tenant}]` : ''}`,
        { tenant: e.tenant, namespace: e.namespace, flowId: e.id, revision: e.revision, deleted: e.deleted, origin: e.origin })),
    events.on('flow.invalid', (e) =>
      emit('WARN', 'flow.invalid', `invalid flow file ${e.file}: ${e.violations.map((v) => (v.path ? `${v.path}: ${v.message}` : v.message)).join('; ')}`, { file: e.file })),
    events.on('flow.file-error', (e) => emit('WARN', 'flow.file-error', `flow file ${e.file}: ${e.message}`, { file: e.file })),
    events.on('testsuite.run', ({ tenant, result: r }) =>
      emit(r.state === 'SUCCESS' || r.state === 'SKIPPED' ? 'INFO' : 'WARN', 'testsuite.run', runSummaryText(r),
        { tenant, namespace: r.namespace, testSuiteId: r.testSuiteId, flowId: r.flowId, state: r.state, runId: r.id })),
    events.on('execution.updated', ({ execution: x }) => {
      const state = x.state.current;
      if (lastState.get(x.id) === state) return;
      if (isTerminal(state)) lastState.delete(x.id); else lastState.set(x.id, state);
      const level = state === 'FAILED' ? 'ERROR' : state === 'WARNING' || state === 'KILLED' ? 'WARN' : 'INFO';
      emit(level, 'execution', `execution ${x.id} ${x.namespace}.${x.flowId} ${state}`,
        { tenant: x.tenant, executionId: x.id, namespace: x.namespace, flowId: x.flowId, state });
    }),
    events.on('log.created', ({ entry: l }) =>
      emit(l.level, 'log', `${l.namespace}.${l.flowId}${l.executionId ? ` ${l.executionId}` : ''}${l.taskId ? ` ${l.taskId}` : ''}: ${l.message}`,
        { tenant: l.tenant, namespace: l.namespace, flowId: l.flowId, executionId: l.executionId, taskId: l.taskId, triggerId: l.triggerId, message: l.message }, l.timestamp)),
  ];
  return () => offs.forEach((off) => off());
}
