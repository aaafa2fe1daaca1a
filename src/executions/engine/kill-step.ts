// One pass of a kill (engine-contract §3.9): pending task runs end KILLED, running attempts are
// interrupted (they come back KILLED), flowables end KILLED once their children are done, and
// the execution is KILLED when nothing is left running.

import { isTerminal, withState } from '../state.ts';
import { NO_CASCADE } from '../../tasks/abort.ts';
import type { Live } from './live.ts';

/** kill: pending task runs end KILLED, running workers are interrupted, flowables follow their children */
export function killStep(l: Live, now: number): boolean {
  let changed = false;
  for (const run of l.exec.taskRunList) {
    const s = run.state.current;
    if (isTerminal(s)) continue;
    const worker = l.workers.get(run.id);
    if (worker) { worker.abort(l.noCascade ? NO_CASCADE : undefined); continue; }
    const planned = l.plan.tasks.get(run.taskId);
    const pendingChildren = l.exec.taskRunList.some((c) => c.parentTaskRunId === run.id && !isTerminal(c.state.current));
    if (planned?.flowable && pendingChildren) continue;
    l.timers.get(run.id)?.cancel();
    run.state = withState(run.state, 'KILLED', now);
    if (run.attempts?.length) { const a = run.attempts[run.attempts.length - 1]!; if (!isTerminal(a.state.current)) a.state = withState(a.state, 'KILLED', now); }
    changed = true;
  }
  if (!l.exec.taskRunList.some((r) => !isTerminal(r.state.current))) {
    l.exec.state = withState(l.exec.state, 'KILLED', now);
    changed = true;
  }
  return changed;
}

