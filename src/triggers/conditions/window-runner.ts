// The window bookkeeping shared by MultipleCondition and Flow-trigger `preconditions`: sub-conditions
// met by successive upstream executions are remembered in the current window; the whole condition
// holds once every one of them has been met inside it.
import { computeWindow, windowHolds, type TimeWindowSpec } from './time-window.ts';
import { errorMessage, type ConditionContext, type ConditionResult, type WindowState, type WindowStore } from './types.ts';

/** a sub-condition that never throws: false plus an error message when evaluation failed */
export type SubCondition = () => ConditionResult;

export interface WindowedSpec {
  id: string;
  timeWindow: TimeWindowSpec;
  resetOnSuccess: boolean;
  conditions: Record<string, SubCondition>;
}

export const windowKey = (keyPrefix: string, id: string) => (keyPrefix ? `${keyPrefix}_${id}` : id);

export function runWindow(spec: WindowedSpec, ctx: ConditionContext, store: WindowStore, keyPrefix: string): ConditionResult {
  const names = Object.keys(spec.conditions);
  // nothing to wait for (Kestra counts 0 of 0 as met)
  if (names.length === 0) return { ok: true };
  const key = windowKey(keyPrefix, spec.id);

  let state = store.get(key);
  if (state && !windowHolds(state, ctx.now)) {
    // an expired window is forgotten, never used to fire
    store.delete(key);
    state = undefined;
  }
  if (!state) {
    let bounds: { start: number; end: number };
    try {
      bounds = computeWindow(spec.timeWindow, ctx);
    } catch (e) {
      return { ok: false, error: `${spec.id}: ${errorMessage(e)}` };
    }
    // outside today's daily window / after the deadline: executions are not counted at all
    if (!windowHolds(bounds, ctx.now)) return { ok: false };
    state = { ...bounds, results: {} };
  }

  const results: Record<string, boolean> = { ...state.results };
  const errors: string[] = [];
  for (const name of names) {
    if (results[name] === true) continue;
    const r = spec.conditions[name]!();
    if (r.ok) results[name] = true;
    if (r.error) errors.push(`${name}: ${r.error}`);
  }
  const next: WindowState = { start: state.start, end: state.end, results };
  const ok = names.every((n) => results[n] === true);

  if (ok && spec.resetOnSuccess) store.delete(key);
  // windows without any met sub-condition are not kept (nothing to remember)
  else if (Object.keys(results).length > 0) store.set(key, next);
  return errors.length ? { ok, error: errors.join('; ') } : { ok };
}

export function createMemoryWindowStore(): WindowStore {
  const states = new Map<string, WindowState>();
  const copy = (s: WindowState): WindowState => ({ start: s.start, end: s.end, results: { ...s.results } });
  return {
    get: (key) => {
      const s = states.get(key);
      return s && copy(s);
    },
    set: (key, state) => void states.set(key, copy(state)),
    delete: (key) => void states.delete(key),
  };
}
