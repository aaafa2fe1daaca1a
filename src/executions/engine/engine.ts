// The executor: keeps running executions in memory, runs the step loop whenever something
// changes (a new execution, a finished attempt, a due retry, a kill), persists after each pass
// and tells subscribers. One engine per runtime; nothing global.

import type { TimerHandle } from '../../shared/time/clock.ts';
import type { Execution, TaskRun } from '../model.ts';
import type { LogEntry } from '../../logs/model.ts';
import { isTerminal, newState, withState, type StateType } from '../state.ts';
import { renderFlowOutputs } from './flow-outputs.ts';
import type { FlowPlan } from './plan.ts';
import { step } from './step.ts';
import type { Live } from './live.ts';
import { applyAttemptOutcome } from './attempts/outcome.ts';
import { killStep } from './kill-step.ts';
import { createTimedBehaviours } from './timed.ts';
import { createTaskLogger } from './attempts/task-context.ts';
import { runAttempt, type AttemptOutcome } from './attempts/worker.ts';
import { closeWorkspace, discardWorkspaces, openWorkspace } from './workspaces.ts';
import { logFileName, logFileText } from './attempts/log-file.ts';
import { testFixtureFor, testFixtureOf } from './attempts/test-fixtures.ts';
import type { EngineDeps } from './deps.ts';
import { createIdleTracker } from './idle.ts';
import { createSinks } from './sinks.ts';
import { createContexts } from './attempts/contexts.ts';
import { limitReached, oldestQueued } from './concurrency.ts';
import { retryExecution } from './retries/new-execution.ts';

export type { EngineDeps } from './deps.ts';

export type Engine = ReturnType<typeof createEngine>;

export function createEngine(deps: EngineDeps) {
  const live = new Map<string, Live>();
  const key = (tenant: string, id: string) => `${tenant}\u0000${id}`;
  let pending: Live[] = [];
  let draining = false;
  let disposed = false;
  const sinks = createSinks(deps);
  const idle = createIdleTracker(() => draining || pending.length > 0);
  const taskPorts = idle.parkingPorts(deps.ports);
  /** CREATE_NEW_EXECUTION retries waiting for their date (their execution already ended RETRIED) */
  const retryTimers = new Set<TimerHandle>();

  function schedule(l: Live) {
    if (l.queued || disposed) return;
    l.queued = true;
    pending.push(l);
    if (!draining) { draining = true; queueMicrotask(drain); }
  }

  function drain() {
    try {
      while (pending.length) {
        const batch = pending; pending = [];
        for (const l of batch) { l.queued = false; advance(l); }
      }
    } finally {
      draining = false;
      sinks.flush();
      idle.check();
    }
  }

  const { variablesOf, contextFor, flowableContext } = createContexts(deps, sinks, taskPorts);

  /** The executor's own log lines: on the execution, or on one of its task runs. */
  const executorLog = (l: Live, run?: TaskRun, attemptNumber: number | null = null) => createTaskLogger({ clock: deps.clock, log: sinks.log }, {
    tenant: l.exec.tenant, namespace: l.exec.namespace, flowId: l.exec.flowId, executionId: l.exec.id,
    taskId: run?.taskId, taskRunId: run?.id, attemptNumber, thread: 'executor', ...(l.exec.kind === 'TEST' ? { executionKind: 'TEST' as const } : {}),
  });
  const logError = (l: Live, run: TaskRun | undefined, message: string) =>
    executorLog(l, run, run ? Math.max(0, (run.attempts?.length ?? 1) - 1) : null).error(message);

  function complete(l: Live, run: TaskRun, outcome: AttemptOutcome) {
    const due = applyAttemptOutcome(l, run, outcome, deps.clock.now());
    if (due === undefined) return;
    const retryAt = due.at;
    if (due.newExecution) {
      // the execution ended RETRIED; its successor is created at the due date (it outlives `l`)
      const timer = deps.clock.setTimer(retryAt - deps.clock.now(), () => {
        retryTimers.delete(timer);
        if (!disposed) startRetryExecution(l);
      });
      retryTimers.add(timer);
      l.dirty = true;
      return;
    }
    l.timers.set(run.id, deps.clock.setTimer(retryAt - deps.clock.now(), () => {
      l.timers.delete(run.id);
      if (run.state.current !== 'RETRYING') return;
      run.retryAt = undefined;
      run.state = withState(run.state, 'CREATED', deps.clock.now());
      // engine-contract §3.7: at each due date the execution goes back to RUNNING
      if (l.exec.state.current === 'RETRYING') l.exec.state = withState(l.exec.state, 'RUNNING', deps.clock.now());
      l.dirty = true;
      schedule(l);
    }));
  }

  function dispatch(l: Live, run: TaskRun) {
    const now = deps.clock.now();
    run.state = withState(run.state, 'RUNNING', now);
    (run.attempts ??= []).push({ state: withState(newState(now), 'RUNNING', now) });
    const planned = l.plan.tasks.get(run.taskId)!;
    const controller = new AbortController();
    const fileLog: LogEntry[] | undefined = planned.task.logToFile === true ? [] : undefined;
    const ctx = contextFor(l, run, planned.task, controller.signal, fileLog);
    // the engine is idle while an attempt only waits on the runtime clock (see idle())
    const sleep = ctx.sleep;
    ctx.sleep = (ms) => idle.park(sleep(ms));
    // logToFile: the attempt's lines become one stored file, its URI the attempt's logFile
    const done = (o: AttemptOutcome) => {
      if (fileLog) {
        if (deps.maskSecrets) for (const entry of fileLog) entry.message = deps.maskSecrets(entry.message);
        run.attempts!.at(-1)!.logFile = ctx.storage.putFile(logFileName(), logFileText(fileLog));
      }
      complete(l, run, o);
    };
    const fault = deps.ports.has('taskFaults') ? deps.ports.get('taskFaults').take({
      tenant: l.exec.tenant, namespace: l.exec.namespace, flowId: l.exec.flowId, executionId: l.exec.id, taskId: run.taskId, taskType: planned.type,
    }) : undefined;
    const outcome = runAttempt(testFixtureOf(l.exec, run) ?? deps.runnable(planned.type), ctx, controller, fault, deps.maxOutputsBytes);
    if (!(outcome instanceof Promise)) return done(outcome);
    l.workers.set(run.id, controller);
    idle.started();
    outcome.then((o) => {
      idle.finished();
      l.workers.delete(run.id);
      // disposed, or dropped meanwhile (suspend for a reset/import, deleted): the outcome belongs to nobody
      if (disposed || live.get(key(l.exec.tenant, l.exec.id)) !== l) return idle.check();
      done(o);
      l.dirty = true;
      schedule(l);
    });
  }

  /** A CREATE_NEW_EXECUTION retry: the successor of an execution that ended RETRIED. */
  function startRetryExecution(l: Live) {
    const exec = retryExecution(l.exec, deps.ids(), deps.clock.now());
    deps.executions.save(exec);
    deps.events.emit('execution.updated', { execution: exec });
    api.start(exec, l.plan);
  }

  function finish(l: Live, state: StateType) {
    const { exec, plan } = l;
    let final = state;
    if (Array.isArray(plan.flow.outputs) && plan.flow.outputs.length) {
      try {
        exec.outputs = renderFlowOutputs(plan.flow.outputs, (v) => deps.expressions(exec.tenant).renderDeep(v, variablesOf(l)), deps.coerceOutput);
      } catch (err) {
        exec.outputs = undefined;
        final = 'FAILED';
        logError(l, undefined, `Failed to render output values: ${(err as Error).message}`);
      }
    }
    exec.state = withState(exec.state, final, deps.clock.now());
  }

  const timed = createTimedBehaviours({
    clock: deps.clock, expressions: deps.expressions, schedule, variablesOf, logError,
    logWarn: (l, message) => executorLog(l).warn(message),
  });
  const { armSlas, checkAssertions, iterateLater, armPause } = timed;

  function advance(l: Live) {
    const { exec } = l;
    if (live.get(key(exec.tenant, exec.id)) !== l) return; // forgotten (deleted) meanwhile
    if (isTerminal(exec.state.current)) {
      // ended outside the loop (an SLA): persist and release waiters once
      if (l.dirty) advanceSave(l);
      return;
    }
    if (exec.state.current === 'CREATED' && exec.scheduleDate !== undefined && exec.scheduleDate > deps.clock.now()) {
      if (!l.timers.has('schedule')) l.timers.set('schedule', deps.clock.setTimer(exec.scheduleDate - deps.clock.now(), () => { l.timers.delete('schedule'); schedule(l); }));
      return;
    }
    if (exec.state.current === 'QUEUED') return;
    if (exec.state.current === 'CREATED' && exec.taskRunList.length === 0 && concurrencyBlocks(l)) return;
    let changed = false;
    try {
      changed = loop(l);
      if (changed && !isTerminal(exec.state.current)) checkAssertions(l);
    } catch (err) {
      // A bug or an unexpected task shape must never leave an execution RUNNING forever.
      logError(l, undefined, `Execution failed unexpectedly: ${(err as Error).message}`);
      for (const w of l.workers.values()) w.abort();
      const now = deps.clock.now();
      for (const run of exec.taskRunList) if (!isTerminal(run.state.current)) run.state = withState(run.state, 'FAILED', now);
      exec.state = withState(exec.state, 'FAILED', now);
      changed = true;
    }
    if (changed || l.dirty) advanceSave(l);
  }

  /** Flow `concurrency` (concurrency.ts): a new execution over the limit waits or ends at once. */
  function concurrencyBlocks(l: Live): boolean {
    const running = l.plan.flow.concurrency?.limit ? deps.executions.countRunning(l.exec.tenant, l.exec.namespace, l.exec.flowId) : 0;
    if (!limitReached(l, running, deps.clock.now(), (message) => logError(l, undefined, message))) return false;
    advanceSave(l);
    return true;
  }

  /** When an execution of a flow ends, the oldest queued execution of that flow starts. */
  function releaseQueued(ended: Execution) {
    const next = oldestQueued(live.values(), ended);
    if (!next) return;
    next.exec.state = withState(next.exec.state, 'RUNNING', deps.clock.now());
    next.dirty = true;
    schedule(next);
  }

  /** Saves and notifies; a terminal execution leaves the engine and releases its waiters. */
  function advanceSave(l: Live) {
    l.dirty = false;
    // Logs and metrics first: a kill -9 between the two writes must never leave a saved task run
    // (or a terminal execution) whose logs were still in the buffer; the reverse only means a
    // re-run attempt after recovery logs again.
    sinks.flush();
    deps.executions.save(l.exec);
    deps.events.emit('execution.updated', { execution: l.exec });
    if (isTerminal(l.exec.state.current)) {
      live.delete(key(l.exec.tenant, l.exec.id));
      discardWorkspaces(l);
      for (const t of l.timers.values()) t.cancel();
      sinks.flush();
      for (const w of l.waiters.splice(0)) w(l.exec);
      releaseQueued(l.exec);
    }
  }

  function loop(l: Live): boolean {
    const { exec } = l;
    let changed = false;
    for (let i = 0; i < 10_000; i++) {
      const progressed = exec.state.current === 'KILLING'
        ? killStep(l, deps.clock.now())
        : step(exec, l.plan, {
          now: deps.clock.now, newId: deps.ids, renderer: (run) => {
            const vars = variablesOf(l, run);
            const ex = deps.expressions(exec.tenant);
            return {
              render: (v) => (typeof v === 'string' ? ex.render(v, vars) : String(v ?? '')),
              renderTyped: (v) => (typeof v === 'string' ? ex.renderTyped(v, vars) : v),
              renderDeep: (v) => ex.renderDeep(v, vars),
            };
          },
          dispatch: (run) => dispatch(l, run),
          fixture: (run) => testFixtureFor(l.exec, run),
          logError: (run, message) => logError(l, run, message),
          logWarn: (run, message) => executorLog(l, run).warn(message),
          finish: (state) => finish(l, state),
          paused: (run, task) => armPause(l, run, task),
          iterateLater: (run, delayMs) => iterateLater(l, run, delayMs),
          suspended: () => executorLog(l).info('Flow is suspended at a breakpoint.'),
          openWorkspace: (run, task) => openWorkspace(l, run, flowableContext(l, run, task), (r, m) => logError(l, r, m)),
          closeWorkspace: (run, task) => closeWorkspace(l, run, flowableContext(l, run, task), (r, m) => logError(l, r, m)),
        });
      if (!progressed) break;
      changed = true;
      if (isTerminal(exec.state.current)) break;
    }
    return changed;
  }

  /** Stops what an execution has going in the engine: attempts, timers, working directories. */
  function halt(l: Live) {
    for (const w of l.workers.values()) w.abort();
    for (const t of l.timers.values()) t.cancel();
    discardWorkspaces(l);
  }

  function cancelRetries() {
    for (const t of retryTimers) t.cancel();
    retryTimers.clear();
  }

  const api = {
    /** registers a stored execution and starts processing it */
    start(exec: Execution, plan: FlowPlan) {
      const l: Live = { exec, plan, workers: new Map(), timers: new Map(), waiters: [], queued: false, dirty: true };
      live.set(key(exec.tenant, exec.id), l);
      armSlas(l);
      schedule(l);
    },
    get: (tenant: string, id: string) => live.get(key(tenant, id))?.exec,
    /**
     * Renders, against a (finished) execution, its flow's declared outputs (typed) or else the
     * given map: what a parent's Subflow task extracts from its child.
     */
    extractOutputs(exec: Execution, plan: FlowPlan, legacy: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
      const vars = variablesOf({ exec, plan } as Live);
      const renderDeep = (v: unknown) => deps.expressions(exec.tenant).renderDeep(v, vars);
      if (Array.isArray(plan.flow.outputs)) return renderFlowOutputs(plan.flow.outputs, renderDeep, deps.coerceOutput);
      return legacy === undefined ? undefined : renderDeep(legacy) as Record<string, unknown>;
    },
    isLive: (tenant: string, id: string) => live.has(key(tenant, id)),
    /** resolves with the execution once it is terminal (PAUSED keeps waiting) */
    waitForTerminal(tenant: string, id: string): Promise<Execution> | undefined {
      const l = live.get(key(tenant, id));
      if (!l) return undefined;
      return new Promise((resolve) => l.waiters.push(resolve));
    },
    /** cascade: child executions created by Subflow/ForEachItem are killed too */
    kill(tenant: string, id: string, cascade = true): boolean {
      const l = live.get(key(tenant, id));
      if (!l || isTerminal(l.exec.state.current)) return false;
      l.noCascade = !cascade;
      l.exec.state = withState(l.exec.state, 'KILLING', deps.clock.now());
      deps.executions.save(l.exec);
      schedule(l);
      return true;
    },
    /** The execution is being deleted: stop it (if running) and tell the listeners. */
    forget(tenant: string, id: string) {
      const l = live.get(key(tenant, id));
      if (l) {
        live.delete(key(tenant, id));
        halt(l);
        l.exec.state = withState(l.exec.state, 'KILLED', deps.clock.now());
        for (const w of l.waiters.splice(0)) w(l.exec);
      }
      deps.events.emit('execution.deleted', { tenant, id });
    },
    /** re-runs the loop (after an external change such as a resume) */
    touch(tenant: string, id: string) {
      const l = live.get(key(tenant, id));
      if (l) schedule(l);
    },
    /** changes a live execution from outside the loop (pause, resume, mark a task run), then saves and resumes the loop */
    mutate(tenant: string, id: string, fn: (exec: Execution, plan: FlowPlan) => void): Execution | undefined {
      const l = live.get(key(tenant, id));
      if (!l) return undefined;
      fn(l.exec, l.plan);
      l.dirty = true;
      deps.executions.save(l.exec);
      schedule(l);
      return l.exec;
    },
    /** sets a timer owned by a live execution (Pause delay/timeout); cancelled when it ends */
    timer(tenant: string, id: string, name: string, at: number, fn: (exec: Execution) => void) {
      const l = live.get(key(tenant, id));
      if (!l) return;
      l.timers.get(name)?.cancel();
      l.timers.set(name, deps.clock.setTimer(at - deps.clock.now(), () => {
        l.timers.delete(name);
        if (isTerminal(l.exec.state.current)) return;
        fn(l.exec);
        l.dirty = true;
        schedule(l);
      }));
    },
    flush: sinks.flush,
    /**
     * Resolves when the engine has nothing to do by itself: no pass queued and no attempt working
     * (attempts sleeping on the clock or awaiting another execution do not count). The admin
     * API's clock settles on this between fake-time steps.
     */
    idle(): Promise<void> {
      return idle.wait();
    },
    /** Drops every running execution from memory (the admin API is about to replace the stored state). */
    suspend() {
      const all = [...live.values()];
      live.clear();
      pending = [];
      cancelRetries();
      for (const l of all) {
        halt(l);
        for (const w of l.waiters.splice(0)) w(l.exec);
      }
      sinks.flush();
      idle.check();
    },
    async dispose() {
      disposed = true;
      cancelRetries();
      for (const l of live.values()) halt(l);
      sinks.flush();
    },
  };
  return api;
}
