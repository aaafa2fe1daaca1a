// Builds the execution side of a runtime (stores, KV, fixtures, task registry, expression
// engines, the engine and the execution service) from the shared pieces. Called once by the
// composition root (runtime.ts); kept apart so that file stays a readable list of services.

import { createExpressionEngine, type ExpressionEngine } from '../expressions/index.ts';
import type { FlowService } from '../flows/service.ts';
import { createKvService } from '../kv/service.ts';
import { createLogStore } from '../logs/store.ts';
import { createMetricStore } from '../metrics/store.ts';
import type { PluginCatalog } from '../plugins/catalog.ts';
import type { BlobStore } from '../shared/blobs.ts';
import type { Clock } from '../shared/clock.ts';
import type { Db } from '../shared/db.ts';
import type { EventBus } from '../shared/events.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { createFixtures } from '../tasks/fixtures.ts';
import { createTaskRegistry } from '../tasks/registry.ts';
import { createEngine } from './engine/engine.ts';
import { coerceOutput, inputsWithDefaults } from './inputs/inputs.ts';
import { createExecutionService } from './service.ts';
import { blobKey, pathOfUri } from '../shared/storage-paths.ts';
import { createExecutionStore } from './store.ts';
import { subflowTask, type ChildExecutions } from './subflows/subflow-task.ts';
import { ITEMS, MERGE, SPLIT, itemsTask, mergeTask, splitTask } from './subflows/for-each-item.ts';
import type { RunnableTask, TriggersAccess } from '../tasks/types.ts';
import { createTaskServices } from './task-services.ts';
import { resumeTask, type ResumeControl } from './tasks/resume-task.ts';
import type { ExecutionService } from './service.ts';

export interface ExecutionWiringDeps {
  db: Db; clock: Clock; ids: IdGenerator; events: EventBus; blobs: BlobStore; flows: FlowService; catalog: PluginCatalog;
  fixturesDir: string | null; watch: boolean; strictFixtures: boolean; globals: Record<string, unknown>;
  fetch?: typeof fetch; env?: Record<string, string | undefined>;
}

/** `KESTRA_FOO_BAR=x` → `envs.foo_bar` (engine-contract §4.2); configuration variables are redacted. */
export function kestraEnvs(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith('KESTRA_') || v === undefined) continue;
    if (['KESTRA_PLUGINS_PATH', 'KESTRA_CONFIGURATION_PATH', 'KESTRA_CONFIGURATION'].includes(k)) continue;
    out[k.slice(7).toLowerCase()] = v;
  }
  return out;
}

export function wireExecutions(deps: ExecutionWiringDeps) {
  const executionStore = createExecutionStore(deps.db, deps.clock.now);
  const logs = createLogStore(deps.db);
  const metrics = createMetricStore(deps.db);
  const kv = createKvService({ db: deps.db, clock: deps.clock });
  const fixtures = createFixtures({ dir: deps.fixturesDir ?? undefined, watch: deps.watch, strict: deps.strictFixtures });
  const registry = createTaskRegistry({ fixtures });
  const env = deps.env ?? process.env;
  const envs = kestraEnvs(env);

  // The Subflow task needs the execution service, which needs the engine: bind it late.
  let service: ExecutionService | undefined;
  const children: ChildExecutions = {
    create: (req) => service!.create({ ...req, inputs: req.inputs as never }),
    waitForTerminal: async (tenant, id) => (await engine.waitForTerminal(tenant, id)) ?? service!.get(tenant, id),
    kill: (tenant, id) => void engine.kill(tenant, id),
  };
  const SUBFLOW = 'io.kestra.plugin.core.flow.Subflow';
  let resumeControl: ResumeControl | undefined;
  let triggersAccess: ((tenant: string) => TriggersAccess) | undefined;
  const engineTasks: Record<string, RunnableTask> = {
    'io.kestra.plugin.core.execution.Resume': resumeTask(() => resumeControl),
    [SUBFLOW]: subflowTask(() => children, SUBFLOW),
    [SPLIT]: splitTask,
    [ITEMS]: itemsTask(() => children),
    [MERGE]: mergeTask((tenant, id) => service?.find(tenant, id)),
  };

  const engines = new Map<string, ExpressionEngine>();
  const expressions = (tenant: string) => {
    let engine = engines.get(tenant);
    if (!engine) {
      engine = createExpressionEngine({
        now: () => new Date(deps.clock.now()),
        kv: (namespace, key, opts) => {
          const entry = kv.get(tenant, namespace ?? '', key);
          if (!entry && opts?.errorOnMissing) throw new Error(`No value found for key '${key}' in namespace '${namespace}'`);
          return entry?.value;
        },
        read: (uri) => {
          const path = pathOfUri(uri);
          const data = path ? deps.blobs.get(blobKey(tenant, path)) : undefined;
          if (!data) throw new Error(`Unable to read ${uri}: file not found`);
          return new TextDecoder().decode(data);
        },
        secret: (name) => {
          const raw = env[`SECRET_${name.toUpperCase()}`];
          return raw === undefined ? undefined : Buffer.from(raw, 'base64').toString('utf8');
        },
      });
      engines.set(tenant, engine);
    }
    return engine;
  };

  const engine = createEngine({
    clock: deps.clock, ids: deps.ids, events: deps.events, executions: executionStore, logs, metrics, blobs: deps.blobs,
    expressions, kv: (tenant) => kv.forTenant(tenant), fetch: deps.fetch ?? fetch,
    runnable: (type) => engineTasks[type] ?? registry.runnable(type) ?? fixtures.runner,
    inputsVariable: (plan, exec) => inputsWithDefaults(plan.flow.inputs, exec.inputs),
    coerceOutput, envs, globals: deps.globals,
    services: createTaskServices({ blobs: deps.blobs, logs, metrics, store: executionStore, engine: () => engine, triggers: () => triggersAccess }),
  });
  const executions = service = createExecutionService({
    flows: deps.flows, catalog: deps.catalog, executions: executionStore, engine, clock: deps.clock, ids: deps.ids,
    blobs: deps.blobs, expressions,
  });
  return {
    executionStore, logs, metrics, kv, fixtures, registry, engine, executions, expressions, envs,
    /** the control service is built after the engine; the Resume task reaches it through here */
    bindControl: (control: ResumeControl) => { resumeControl = control; },
    bindTriggers: (access: (tenant: string) => TriggersAccess) => { triggersAccess = access; },
  };
}
