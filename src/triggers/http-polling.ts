// io.kestra.plugin.core.http.Trigger (alias io.kestra.plugin.fs.http.Trigger), a polling
// trigger (engine-contract §5.6): every `interval` (PT60S) after the flow is saved or the last
// poll, the request is sent as http.Request would with `allowFailed`; when `responseCondition`
// (default `{{ response.statusCode < 400 }}`, with `response {statusCode, body, headers}`) is
// truthy, an execution starts whose trigger variables are the Request outputs
// `{uri, code, headers, body}`. One execution per trigger at a time; `stopAfter` states
// disable it. Timers run on the injected clock.

import type { Label } from '../flows/model.ts';
import { isKestraTruthy } from '../expressions/index.ts';
import { isTerminal } from '../executions/state.ts';
import { parseDuration } from '../shared/time/durations.ts';
import type { TimerHandle } from '../shared/time/clock.ts';
import { httpRequestTask } from '../tasks/core/http-request.ts';
import type { RunContext, TaskLogger } from '../tasks/types.ts';
import type { SchedulerDeps } from './scheduler-deps.ts';

export const HTTP_TRIGGER = 'io.kestra.plugin.core.http.Trigger';

type PollingDeps = Pick<SchedulerDeps, 'flows' | 'catalog' | 'executions' | 'events' | 'clock' | 'expressions' | 'envs' | 'globals' | 'onError'> & { fetch: typeof fetch };

interface Poller { tenant: string; namespace: string; flowId: string; triggerId: string; timer?: TimerHandle; executionId?: string; stopped?: boolean }

const labelsOf = (value: unknown): Label[] =>
  Array.isArray(value) ? value.map((l) => ({ key: String(l.key), value: String(l.value) }))
    : value && typeof value === 'object' ? Object.entries(value).map(([key, v]) => ({ key, value: String(v) })) : [];

const silent: TaskLogger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

export function createHttpPolling(deps: PollingDeps) {
  const pollers = new Map<string, Poller>();
  const keyOf = (tenant: string, namespace: string, flowId: string, triggerId: string) => [tenant, namespace, flowId, triggerId].join('\u0000');
  let stopped = false;

  const definition = (p: Poller) => {
    const record = deps.flows.getCurrent(p.tenant, p.namespace, p.flowId);
    const def = record?.flow.triggers?.find((t) => t.id === p.triggerId && deps.catalog.canonicalType(String(t.type)) === HTTP_TRIGGER);
    return record && def ? { record, def: def as Record<string, unknown> } : undefined;
  };

  function arm(p: Poller) {
    p.timer?.cancel();
    const d = definition(p);
    if (stopped || p.stopped || !d) return;
    const interval = parseDuration(d.def.interval ?? 'PT60S') ?? 60_000;
    p.timer = deps.clock.setTimer(interval, () => { p.timer = undefined; void poll(p); });
  }

  async function poll(p: Poller) {
    const d = definition(p);
    if (!d || stopped) return;
    // disabled flows and triggers, and triggers whose execution still runs, wait for the next poll
    if (d.record.disabled || d.def.disabled === true || p.executionId) return arm(p);
    const ex = deps.expressions(p.tenant);
    const variables: Record<string, unknown> = { flow: { id: p.flowId, namespace: p.namespace, revision: d.record.revision }, envs: deps.envs, globals: deps.globals };
    try {
      // the trigger is a Request with allowFailed: the condition decides
      const ctx = {
        tenant: p.tenant, task: { ...d.def, allowFailed: true }, variables, clock: deps.clock, fetch: deps.fetch, signal: new AbortController().signal,
        logger: silent, metric() {},
        render: (v: unknown) => (typeof v === 'string' ? ex.render(v, variables) : v === undefined || v === null ? '' : String(v)),
        renderTyped: (v: unknown) => (typeof v === 'string' ? ex.renderTyped(v, variables) : v),
        renderDeep: <T>(v: T) => ex.renderDeep(v, variables),
      } as unknown as RunContext; // the fields http.Request reads
      const result = await httpRequestTask.run(ctx);
      const output = result?.outputs ?? {};
      const response = { statusCode: output.code, body: output.body ?? null, headers: output.headers };
      const condition = String(d.def.responseCondition ?? '{{ response.statusCode < 400 }}');
      if (isKestraTruthy(ex.render(condition, { ...variables, response }))) {
        const exec = await deps.executions.create({
          tenant: p.tenant, namespace: p.namespace, flowId: p.flowId, labels: labelsOf(d.def.labels ? ex.renderDeep(d.def.labels, variables) : undefined),
          correlationId: false, trigger: { id: p.triggerId, type: HTTP_TRIGGER, variables: output },
        });
        const now = deps.executions.find(p.tenant, exec.id);
        if (!now || !isTerminal(now.state.current)) p.executionId = exec.id;
        else stopAfter(p, now.state.current, d.def);
      }
    } catch (err) {
      deps.onError?.(`[date: ${new Date(deps.clock.now()).toISOString()}] Trigger evaluation failed in the worker with error: ${(err as Error).message}`, p);
    }
    arm(p);
  }

  function stopAfter(p: Poller, state: string, def: Record<string, unknown>) {
    if (Array.isArray(def.stopAfter) && def.stopAfter.includes(state)) { p.stopped = true; p.timer?.cancel(); }
  }

  /** pollers follow the flow's http.Trigger definitions: new ones start, removed ones stop */
  function sync(tenant: string, namespace: string, flowId: string) {
    const record = deps.flows.getCurrent(tenant, namespace, flowId);
    const ids = new Set((record?.flow.triggers ?? []).filter((t) => deps.catalog.canonicalType(String(t.type)) === HTTP_TRIGGER).map((t) => String(t.id)));
    for (const [k, p] of pollers) {
      if (p.tenant !== tenant || p.namespace !== namespace || p.flowId !== flowId || ids.has(p.triggerId)) continue;
      p.timer?.cancel();
      pollers.delete(k);
    }
    for (const id of ids) {
      const k = keyOf(tenant, namespace, flowId, id);
      let p = pollers.get(k);
      if (!p) pollers.set(k, (p = { tenant, namespace, flowId, triggerId: id }));
      if (!p.timer && !p.executionId) arm(p);
    }
  }

  const offs = [
    deps.events.on('flow.changed', (e) => { if (!stopped) sync(e.tenant, e.namespace, e.id); }),
    deps.events.on('execution.updated', ({ execution }) => {
      if (!isTerminal(execution.state.current) || execution.trigger?.type !== HTTP_TRIGGER) return;
      const p = pollers.get(keyOf(execution.tenant, execution.namespace, execution.flowId, execution.trigger.id));
      if (!p || p.executionId !== execution.id) return;
      p.executionId = undefined;
      const d = definition(p);
      if (d) stopAfter(p, execution.state.current, d.def);
    }),
  ];

  return {
    start() {
      for (const tenant of deps.flows.tenants()) for (const r of deps.flows.list(tenant)) sync(tenant, r.namespace, r.id);
    },
    /** admin reset/import: forget every poller; `start()` re-syncs them from the flows */
    suspend() {
      for (const p of pollers.values()) p.timer?.cancel();
      pollers.clear();
    },
    stop() {
      stopped = true;
      for (const p of pollers.values()) p.timer?.cancel();
      offs.forEach((off) => off());
    },
  };
}
