// Flow SLAs (engine-contract §3.16, beta in Kestra): MAX_DURATION arms a deadline from the
// execution start; EXECUTION_ASSERTION is checked after every change. A violation logs a WARN,
// adds the SLA's labels, and with behavior FAIL or CANCEL ends the execution.

import { isKestraTruthy } from '../../expressions/index.ts';
import { isoDuration, parseDuration } from '../../shared/time/durations.ts';
import type { Execution } from '../model.ts';
import type { FlowDocument } from '../../flows/model.ts';
import { isTerminal, withState } from '../state.ts';

export interface Sla { id: string; type: string; duration?: string; assert?: string; behavior?: string; labels?: unknown }

export const slasOf = (flow: FlowDocument): Sla[] => (Array.isArray(flow.sla) ? flow.sla : []);

export function maxDurationMs(sla: Sla): number | undefined {
  return sla.type === 'MAX_DURATION' ? parseDuration(sla.duration) : undefined;
}

/** The violation reason of an assertion SLA, or undefined when it holds. */
export function assertionViolation(sla: Sla, render: (template: string) => string): string | undefined {
  if (sla.type !== 'EXECUTION_ASSERTION' || typeof sla.assert !== 'string') return undefined;
  let holds: boolean;
  try { holds = isKestraTruthy(render(sla.assert)); } catch { holds = false; }
  return holds ? undefined : `assertion is false: ${sla.assert}.`;
}

export const durationReason = (elapsedMs: number, sla: Sla) =>
  `execution duration of ${isoDuration(elapsedMs)} exceed the maximum duration of ${sla.duration}.`;

/**
 * Applies a violation: labels, then FAIL (last running task run and the execution FAILED) or
 * CANCEL (CANCELLED). Returns the log lines to write and whether running attempts must stop.
 */
export function applyViolation(exec: Execution, sla: Sla, reason: string, now: number): { warn: string; error?: string; stop: boolean } {
  const warn = `SLA '${sla.id}' violated: ${reason}`;
  const labels = Array.isArray(sla.labels) ? sla.labels : sla.labels && typeof sla.labels === 'object' ? Object.entries(sla.labels).map(([key, value]) => ({ key, value: String(value) })) : [];
  for (const l of labels as { key: string; value: string }[]) {
    exec.labels = [...exec.labels.filter((x) => x.key !== l.key), { key: String(l.key), value: String(l.value) }];
  }
  const behavior = sla.behavior ?? 'FAIL';
  if (behavior === 'NONE' || isTerminal(exec.state.current)) return { warn, stop: false };
  const target = behavior === 'CANCEL' ? 'CANCELLED' : 'FAILED';
  const running = [...exec.taskRunList].reverse().find((t) => !isTerminal(t.state.current));
  if (running) running.state = withState(running.state, target === 'CANCELLED' ? 'KILLED' : 'FAILED', now);
  for (const t of exec.taskRunList) if (!isTerminal(t.state.current)) t.state = withState(t.state, 'KILLED', now);
  exec.state = withState(exec.state, target, now);
  return { warn, error: target === 'FAILED' ? `Execution failed due to SLA '${sla.id}' violated: ${reason}` : undefined, stop: true };
}
