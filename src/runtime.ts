// The composition root: builds every service once from a Config, wires events between them,
// and returns a handle to serve and dispose. Nothing here is global, so tests can run many
// runtimes side by side.

import { watchBursts } from './shared/burst-gc.ts';
import { join } from 'node:path';
import { resolveConfig, type Config, type ConfigInput } from './config.ts';
import { createApp, type HttpApp } from './http/app.ts';
import { createAuthService } from './http/auth.ts';
import { miscRoutes } from './misc/routes.ts';
import { createPluginCatalog } from './plugins/catalog.ts';
import { createFlowDirectory, type FlowDirectory } from './flows/directory/directory.ts';
import { flowRoutes } from './flows/routes/crud.ts';
import { flowBulkRoutes } from './flows/routes/bulk.ts';
import { createFlowService, type FlowService } from './flows/service.ts';
import { createFlowStore } from './flows/store.ts';
import { diskBlobStore, memoryBlobStore, type BlobStore } from './shared/blobs.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import { openDb, type Db } from './shared/db.ts';
import { createEventBus, type EventBus } from './shared/events.ts';
import { friendlyIds, type IdGenerator } from './shared/ids.ts';
import { createSettingsStore } from './shared/settings-store.ts';
import { VERSION } from './version.ts';
import { wireExecutions } from './executions/wiring.ts';
import { executionRoutes } from './executions/routes/crud.ts';
import { executionFollowRoute } from './executions/routes/follow.ts';
import { executionFileRoutes } from './executions/routes/files.ts';
import { logRoutes } from './logs/routes.ts';
import { createExecutionControl, type ExecutionControl } from './executions/control.ts';
import { executionControlRoutes } from './executions/routes/control.ts';
import { executionBulkRoutes } from './executions/routes/bulk.ts';
import { deleteExecution } from './executions/delete.ts';
import { wireTriggers } from './triggers/wiring.ts';
import { createTaskRunIndex } from './stats/taskrun-index.ts';
import { flowCounters, triggerContextCounter } from './stats/flow-counts.ts';
import { createStatsService } from './stats/service.ts';
import { statsRoutes } from './stats/routes.ts';
import { metricRoutes } from './metrics/routes.ts';
import { createMetricQueries } from './metrics/queries.ts';
import { taskRunRoutes } from './stats/taskrun-routes.ts';
import { executionEvalRoute, executionGraphRoutes } from './executions/routes/graph.ts';
import { inputsWithDefaults } from './executions/inputs/inputs.ts';
import { recoverExecutions } from './executions/recover.ts';
import type { ExecutionService } from './executions/service.ts';
import type { Engine } from './executions/engine/engine.ts';

export interface RuntimeOptions extends ConfigInput {
  clock?: Clock;
  ids?: IdGenerator;
  cwd?: string;
  /** what http.Request tasks call (tests inject one) */
  fetch?: typeof fetch;
  env?: Record<string, string | undefined>;
  /** one full GC after each burst of engine work (`serve` turns it on; see shared/burst-gc.ts) */
  gcAfterBursts?: boolean;
}

export interface Runtime {
  config: Config;
  app: HttpApp;
  events: EventBus;
  flows: FlowService;
  blobs: BlobStore;
  clock: Clock;
  db: Db;
  directory?: FlowDirectory;
  executions: ExecutionService;
  control: ExecutionControl;
  engine: Engine;
  exec: ReturnType<typeof wireExecutions>;
  triggers: ReturnType<typeof wireTriggers>;
  /** starts listening; resolves with the base URL (port 0 picks a free port) */
  listen(): Promise<string>;
  url?: string;
  dispose(): Promise<void>;
}

export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const { clock = systemClock(), ids = friendlyIds(), cwd, fetch: fetchImpl, env, gcAfterBursts, ...input } = options;
  const config = resolveConfig(input, cwd);
  const events = createEventBus();
  const db = openDb(config.memory ? false : join(config.dataDir, 'kestra-lite.db'));
  const blobs = config.memory ? memoryBlobStore(clock.now) : diskBlobStore(join(config.dataDir, 'storage'));
  const settings = createSettingsStore(db);
  const instanceUuid = settings.get<string>('instanceUuid') ?? ids();
  settings.set('instanceUuid', instanceUuid);

  const auth = createAuthService({ settings, initial: config.basicAuth, apiTokens: config.apiTokens });
  const catalog = createPluginCatalog();
  const flows = createFlowService({ store: createFlowStore(db), events, clock, catalog });

  const directory = config.flowsDir
    ? createFlowDirectory({ dir: config.flowsDir, tenant: 'main', flows, events, db, debounceMs: config.watchDebounceMs, watch: config.watch })
    : undefined;

  const exec = wireExecutions({
    db, clock, ids, events, blobs, flows, catalog, fixturesDir: config.fixturesDir, watch: config.watch,
    strictFixtures: config.strictFixtures, globals: config.globals, fetch: fetchImpl, env,
  });
  const triggers = wireTriggers({
    db, clock, events, flows, catalog, executions: exec.executions, engine: exec.engine, logs: exec.logs,
    expressions: exec.expressions, envs: exec.envs, globals: config.globals,
  });
  exec.bindTriggers(triggers.access);
  const taskRuns = createTaskRunIndex(db);
  const stats = createStatsService({
    db, clock, taskRuns, countFlows: flowCounters(flows).countFlows, countTriggers: triggerContextCounter(triggers.scheduler),
  });

  const control = createExecutionControl({ executions: exec.executions, store: exec.executionStore, engine: exec.engine, clock, ids, blobs, expressions: exec.expressions });
  exec.bindControl({ resume: (tenant, id, inputs) => control.resume(tenant, id, new Map(Object.entries(inputs))) });
  const deletion = { store: exec.executionStore, engine: exec.engine, logs: exec.logs, metrics: exec.metrics, blobs };
  const startedAt = clock.now();
  const app = createApp({
    auth,
    maxBodyBytes: config.maxBodyBytes,
    modules: [
      miscRoutes({
        auth, instanceUuid, startedAt, version: VERSION,
        features: { templates: false, dashboards: false, taskruns: true },
        counts: () => {
          const all = flows.list('main');
          const taskTypes = new Set<unknown>(); const triggerTypes = new Set<unknown>();
          for (const r of all) {
            for (const t of (r.flow.tasks as { type?: unknown }[] | undefined) ?? []) taskTypes.add(t.type);
            for (const t of (r.flow.triggers as { type?: unknown }[] | undefined) ?? []) triggerTypes.add(t.type);
          }
          return { flows: all.length, namespaces: new Set(all.map((r) => r.namespace)).size, taskTypes: taskTypes.size, triggerTypes: triggerTypes.size };
        },
      }),
      flowBulkRoutes({ flows }),
      flowRoutes({ flows, newId: ids }),
      executionFollowRoute({ executions: exec.executions, events, clock }),
      executionFileRoutes({ executions: exec.executions, blobs }),
      logRoutes({ logs: exec.logs, events, clock }),
      ...triggers.routes,
      statsRoutes({ stats }),
      metricRoutes({ metrics: createMetricQueries(db), clock }),
      taskRunRoutes({ taskRuns, clock }),
      executionBulkRoutes({ control, executions: exec.executions, store: exec.executionStore, clock, deleteExecution: (t, e, q) => deleteExecution(deletion, t, e, q) }),
      executionControlRoutes({ control, clock }),
      executionGraphRoutes({ executions: exec.executions, flows, clock, newId: ids }),
      executionEvalRoute({
        executions: exec.executions, expressions: exec.expressions, envs: exec.envs, globals: config.globals,
        inputsVariable: (plan, e) => inputsWithDefaults(plan.flow.inputs as never, e.inputs),
      }),
      executionRoutes({ executions: exec.executions, store: exec.executionStore, engine: exec.engine, logs: exec.logs, metrics: exec.metrics, blobs, clock, publicUrl: config.publicUrl, expressions: exec.expressions }),
    ],
  });

  // Start-up waits on the chokidar watchers (I/O): build the router meanwhile with a first request,
  // then scan, recover running executions and start the scheduler once the flows are known.
  const warmed = app.handle(new Request('http://localhost/api/v1/configs', { headers: { 'x-kestra-lite-warmup': '1' } }));
  await Promise.all([directory?.start(), exec.fixtures.start(), warmed]);
  recoverExecutions({ store: exec.executionStore, engine: exec.engine, executions: exec.executions, logs: exec.logs, now: clock.now });
  await triggers.start();

  let server: ReturnType<typeof Bun.serve> | undefined;
  let disposed = false;
  const stopBurstGc = gcAfterBursts ? watchBursts({ events, clock, collect: () => Bun.gc(true) }) : () => {};
  const runtime: Runtime = {
    config, app, events, flows, blobs, clock, db, directory, exec, triggers, executions: exec.executions, engine: exec.engine, control,
    async listen() {
      server = Bun.serve({
        port: config.port,
        hostname: config.host,
        // above our own limit, so oversized bodies reach the edge and get a Kestra-style 413
        maxRequestBodySize: config.maxBodyBytes * 2 + 1024 * 1024,
        idleTimeout: 0, // SSE streams stay open as long as the client wants
        fetch: app.handle,
      });
      runtime.url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${server.port}`;
      events.emit('server.started', { url: runtime.url });
      return runtime.url;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      events.emit('server.stopping', {});
      stopBurstGc();
      await server?.stop(true);
      triggers.stop();
      await exec.engine.dispose();
      await exec.fixtures.close();
      await directory?.close();
      db.close();
    },
  };
  return runtime;
}
