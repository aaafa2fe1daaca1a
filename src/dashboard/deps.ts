// What the dashboard needs from the outside world, as plain functions: the app never sees the
// Runtime, so component tests pass fakes and the engine knows nothing about Ink.

import type { Input } from '../flows/model.ts';
import type { Execution } from '../executions/model.ts';
import type { Runtime } from '../runtime.ts';
import type { EventBus } from '../shared/events.ts';
import type { DataAction } from './actions.ts';
import type { ControlVerb } from './keymap.ts';
import { execRow, violationsText } from './snapshot.ts';

export interface DashboardInfo { url: string; flowsDir?: string; watching: boolean; storage: string; auth: boolean; version: string }

export interface DashboardDeps {
  events: EventBus;
  /** an execution's current state (the event stream reads running ones back at flush time) */
  execution(tenant: string, id: string): Execution | undefined;
  info: DashboardInfo;
  now(): number;
  seed(): Extract<DataAction, { type: 'seed' }>;
  /** the `inputs` declaration of the flow's current revision */
  flowInputs(tenant: string, namespace: string, id: string): Input[] | undefined;
  /** starts an execution; resolves with its id */
  run(tenant: string, namespace: string, id: string, inputs: Map<string, string>): Promise<string>;
  /** resolves with a short message for the status line */
  control(verb: ControlVerb, tenant: string, id: string): Promise<string>;
  /** the same shutdown as SIGINT */
  quit(): void;
}

const SEED_EXECUTIONS = 50;

export function runtimeDeps(runtime: Runtime, info: DashboardInfo, quit: () => void): DashboardDeps {
  const tenant = 'main';
  return {
    events: runtime.events,
    execution: (t, id) => runtime.services.executions.store.get(t, id),
    info,
    now: runtime.clock.now,
    quit,
    seed: () => ({
      type: 'seed',
      flows: runtime.flows.list(tenant).map((r) => ({ tenant: r.tenant, namespace: r.namespace, id: r.id, revision: r.revision })),
      invalid: (runtime.directory?.invalidFiles() ?? []).map((f) => ({ file: f.file, message: violationsText(f.violations) })),
      // persisted mode: show the latest executions of earlier sessions
      executions: runtime.services.executions.store.search(tenant, {}, [{ field: 'state.startDate', asc: false }], SEED_EXECUTIONS).results.map(execRow),
    }),
    flowInputs: (t, namespace, id) => runtime.flows.get(t, namespace, id).flow.inputs,
    run: async (t, namespace, flowId, inputs) => (await runtime.executions.create({ tenant: t, namespace, flowId, inputs })).id,
    async control(verb, t, id) {
      switch (verb) {
        case 'kill': runtime.control.kill(t, id); return `killing ${id}`;
        case 'pause': runtime.control.pause(t, id); return `paused ${id}`;
        case 'resume': await runtime.control.resume(t, id, new Map()); return `resumed ${id}`;
        case 'replay': return `replayed ${id} as ${runtime.control.replay(t, id).id}`;
      }
    },
  };
}
