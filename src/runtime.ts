// The composition root: one shared context (config, storage, clock, ids, events, env, ports),
// then every feature of src/features.ts in order, then the HTTP edge over their routes. Nothing
// here is global, so tests can run many runtimes side by side.

import { join } from 'node:path';
import { resolveConfig, type Config, type ConfigInput } from './config.ts';
import { FEATURES, type Features } from './features.ts';
import { createApp, type HttpApp } from './http/app.ts';
import type { ClientInfo } from './http/stream-limit.ts';
import { diskBlobStore, memoryBlobStore, type BlobStore } from './shared/storage/blobs.ts';
import { watchBursts } from './shared/burst-gc.ts';
import { fakeClock, systemClock, type Clock } from './shared/time/clock.ts';
import { openDb, type Db } from './shared/db.ts';
import type { Env } from './shared/env.ts';
import { createEventBus, type EventBus } from './shared/events.ts';
import { buildFeatures, type FeatureContext, type RegistryServices } from './shared/feature.ts';
import { friendlyIds, seededIds, type IdGenerator } from './shared/ids.ts';
import { createPorts } from './shared/ports.ts';
import { VERSION } from './version.ts';
import { kestraRelease } from './shared/kestra-version.ts';
import type { FlowService } from './flows/service.ts';
import type { FlowDirectory } from './flows/directory/directory.ts';
import type { ExecutionService } from './executions/service.ts';
import type { ExecutionControl } from './executions/control/control.ts';
import type { Engine } from './executions/engine/engine.ts';

export interface RuntimeOptions extends ConfigInput {
  /** a clock, or 'fake' (moves only through the admin API or `FakeClock.advance`) / 'system' (default) */
  clock?: Clock | 'system' | 'fake';
  /** the fake clock's start (ISO text, epoch ms or Date); default: the system time at start */
  now?: string | number | Date;
  ids?: IdGenerator;
  /** reproducible ids: a seeded generator of friendly ids (ignored when `ids` is given) */
  seed?: number;
  /** a state export (GET /_kestra-lite/export) to load before the runtime answers */
  importFile?: string;
  cwd?: string;
  /** what http.Request tasks call (tests inject one) */
  fetch?: typeof fetch;
  /** environment variables (`KESTRA_*` envs, `SECRET_*`); none unless given (the CLI passes process.env) */
  env?: Env;
  /** one full GC after each burst of engine work (`serve` turns it on; see shared/burst-gc.ts) */
  gcAfterBursts?: boolean;
  /**
   * Open the port while start-up still runs (`serve`): a client that connects early is answered
   * the moment the runtime is ready instead of being refused and retrying. Requests wait for the
   * end of start-up, so none sees a half-loaded flows directory. `listen()` then only reports.
   */
  listenEarly?: boolean;
}

export interface Runtime {
  config: Config;
  app: HttpApp;
  events: EventBus;
  clock: Clock;
  db: Db;
  blobs: BlobStore;
  /** every feature's services, by feature name */
  services: RegistryServices<Features>;
  // shortcuts to the services callers use most
  flows: FlowService;
  directory?: FlowDirectory;
  executions: ExecutionService;
  engine: Engine;
  control: ExecutionControl;
  /** starts listening; resolves with the base URL (port 0 picks a free port) */
  listen(): Promise<string>;
  url?: string;
  dispose(): Promise<void>;
}

export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const { clock: clockOption, now, seed, importFile, ids = seed === undefined ? friendlyIds() : seededIds(seed), cwd, fetch: fetchImpl, env = {}, gcAfterBursts, listenEarly, ...input } = options;
  const clock = makeClock(clockOption, now);
  const config = resolveConfig(input, cwd);
  const events = createEventBus();
  const db = openDb(config.memory ? false : join(config.dataDir, 'kestra-lite.db'));
  const blobs = config.memory ? memoryBlobStore(clock.now) : diskBlobStore(join(config.dataDir, 'storage'));
  const ctx: Omit<FeatureContext, 'lifecycle'> = {
    config, db, clock, ids, events, blobs, env, fetch: fetchImpl ?? fetch, ports: createPorts(),
    features: new Set(FEATURES.map((f) => f.name)),
  };
  const features = buildFeatures(FEATURES, ctx);
  const { services } = features;
  const app = createApp({
    auth: services.instance.auth, maxBodyBytes: config.maxBodyBytes, maxStreamsPerClient: config.maxStreamsPerClient,
    corsOrigins: config.corsOrigins, modules: features.routes, hooks: features.edgeHooks, version: VERSION,
    kestraRelease: kestraRelease(config.kestraVersion),
    // 2.0's route list and response schemas (~110 KB) are loaded only in 2.0 mode
    compat: config.kestraVersion === '0.21' ? undefined : (await import('./compat/edge.ts')).compatEdge(config.kestraVersion, ids),
  });

  let server: ReturnType<typeof Bun.serve> | undefined;
  const serve = (fetch: (request: Request, server: ClientInfo) => Promise<Response>) => Bun.serve({
    port: config.port,
    hostname: config.host,
    // above our own limit, so oversized bodies reach the edge and get a Kestra-style 413
    maxRequestBodySize: config.maxBodyBytes * 2 + 1024 * 1024,
    idleTimeout: 0, // SSE streams stay open as long as the client wants
    fetch,
  });
  let started: () => void = () => {};
  if (listenEarly) {
    const ready = new Promise<void>((resolve) => { started = resolve; });
    server = serve((request, client) => ready.then(() => app.handle(request, client)));
  }

  // The features' loads (the flows directory scan) run while a first request builds the router.
  const warmed = app.handle(new Request('http://localhost/api/v1/configs', { headers: { 'x-kestra-lite-warmup': '1' } }));
  try {
    await features.start(warmed);
    if (importFile) {
      try {
        await services.admin.state.importDocument(await Bun.file(importFile).text());
      } catch (err) {
        throw new Error(`cannot import ${importFile}: ${(err as Error).message}`);
      }
    }
  } catch (err) {
    await server?.stop(true);
    await features.dispose().catch(() => {}).finally(() => db.close()); // the start-up error is the one to report
    throw err;
  }
  // requests that waited for start-up go on; later ones reach the app directly
  server?.reload({ fetch: app.handle });
  started();

  let disposed = false;
  const stopBurstGc = gcAfterBursts ? watchBursts({ events, clock, collect: () => Bun.gc(true) }) : () => {};
  const runtime: Runtime = {
    config, app, events, clock, db, blobs, services,
    flows: services.flows.flows,
    directory: services.flows.directory,
    executions: services.executions.executions,
    engine: services.executions.engine,
    control: services.control.control,
    async listen() {
      server ??= serve(app.handle);
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
      try {
        await features.dispose();
      } finally {
        db.close();
      }
    },
  };
  return runtime;
}

function makeClock(option: RuntimeOptions['clock'], now: RuntimeOptions['now']): Clock {
  if (option !== undefined && typeof option === 'object') return option;
  if (option === undefined || option === 'system') {
    if (now !== undefined) throw new Error("'now' needs the fake clock (clock: 'fake')");
    return systemClock();
  }
  if (option !== 'fake') throw new Error(`clock must be 'system' or 'fake', got '${String(option)}'`);
  const start = now === undefined ? Date.now() : now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(start)) throw new Error(`'now' must be an ISO-8601 date-time, got '${String(now)}'`);
  return fakeClock(start);
}
