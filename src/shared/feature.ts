// The feature contract (the model is Miniflare's plugin list): every feature folder exports one
// `Feature`, and runtime.ts creates them in the order of one list. A feature takes only the
// shared context and the services of features listed before it; the compiler checks that order
// (see `FeatureList`). Adding an API area is one folder plus one line in src/features.ts.

import type { Elysia } from 'elysia';
import type { Config } from '../config.ts';
import type { BlobStore } from './storage/blobs.ts';
import type { Clock } from './time/clock.ts';
import type { Db } from './db.ts';
import type { EventBus } from './events.ts';
import type { IdGenerator } from './ids.ts';
import type { Env } from './env.ts';
import type { Ports } from './ports.ts';

/**
 * A feature's routes (http/route-module.ts: recorded, typed as an Elysia instance with
 * `prefix: '/api/v1'`); the edge serves them under `/api/v1/{tenant}` too.
 */
export type RouteModule = Elysia<any, any, any, any, any, any, any>;

/** The reserved path prefix of kestra-lite's own admin API (never a Kestra route). */
export const ADMIN_PREFIX = '/_kestra-lite';

/** One request as the edge sees it, passed to edge hooks (never to route handlers). */
export interface EdgeExchange {
  request: Request;
  method: string;
  /** the path the client sent (tenant included) */
  rawPath: string;
  /** the path routed (tenant stripped) */
  path: string;
  /** the query string, without '?' ('' when none) */
  query: string;
  /** performance.now() when the edge received the request (wall time, not the runtime clock) */
  startedAt: number;
}

/**
 * Cross-cutting edge behaviour a feature plugs in (the admin API's journal and HTTP faults), so
 * the edge needs no import of the feature. `before` runs first, before auth and routing; a
 * Response it returns answers the request instead. `after` sees every answer.
 */
export interface EdgeHook {
  before?(x: EdgeExchange): Response | undefined | Promise<Response | undefined>;
  after?(x: EdgeExchange, response: Response): void;
}

/**
 * What the admin API uses to replace a runtime's state underneath the features (reset, import):
 * `suspend` stops running work and timers, `reload` re-reads the stores and re-arms timers.
 */
export interface StateLifecycle {
  suspend(): Promise<void>;
  reload(): Promise<void>;
}

/** What every feature may use: built once per runtime by runtime.ts, never global. */
export interface FeatureContext {
  config: Config;
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  events: EventBus;
  blobs: BlobStore;
  env: Env;
  /** what http.Request tasks and outbound calls use (tests inject one) */
  fetch: typeof fetch;
  /** the one real cycle (engine ⇄ execution service ⇄ Subflow/Resume/ForEachItem, trigger.Toggle) */
  ports: Ports;
  /** names of every feature of this runtime (`/configs` reports optional API areas as enabled) */
  features: ReadonlySet<string>;
  /** every feature's suspend/reload, in list order (filled in by buildFeatures) */
  lifecycle: StateLifecycle;
}

export interface FeatureInstance<S> {
  services: S;
  routes?: RouteModule[];
  /** start-up I/O (directory scans, watchers): every feature's load runs at once, after all are created */
  load?(): Promise<void>;
  /** after every load, in list order (recovery of running executions, then the scheduler) */
  start?(): void | Promise<void>;
  /** in reverse list order */
  dispose?(): void | Promise<void>;
  /** hooks the HTTP edge runs around every request (list order) */
  edge?: EdgeHook;
  /** the stored state is about to be replaced (admin reset/import): stop running work and timers */
  suspend?(): void | Promise<void>;
  /** the stored state was replaced: drop in-memory copies, re-read, re-arm timers */
  reload?(): void | Promise<void>;
}

export interface Feature<Name extends string = string, Needs = {}, S = unknown> {
  readonly name: Name;
  create(ctx: FeatureContext, deps: Needs): FeatureInstance<S>;
}

/** Helps inference: `defineFeature({ name: 'kv', create(ctx, deps: { flows: FlowServices }) {...} })`. */
export function defineFeature<Name extends string, Needs, S>(feature: Feature<Name, Needs, S>): Feature<Name, Needs, S> {
  return feature;
}

type AnyFeature = Feature<string, any, any>;
export type ServicesOf<F> = F extends Feature<string, any, infer S> ? S : never;
type NeedsOf<F> = F extends Feature<string, infer N, any> ? N : never;

/** The services of every feature of a list, by feature name. */
export type RegistryServices<Fs extends readonly AnyFeature[], Acc = {}> =
  Fs extends readonly [infer H extends AnyFeature, ...infer R extends readonly AnyFeature[]]
    ? RegistryServices<R, Acc & { [K in H['name']]: ServicesOf<H> }>
    : Acc;

/**
 * Type-level order check: resolves to the list itself when every feature's needs are met by the
 * features before it, and to a readable error tuple otherwise.
 */
export type FeatureList<Fs extends readonly AnyFeature[], Acc = {}> =
  Fs extends readonly [infer H extends AnyFeature, ...infer R extends readonly AnyFeature[]]
    ? Acc extends NeedsOf<H>
      ? FeatureList<R, Acc & { [K in H['name']]: ServicesOf<H> }>
      : ['feature', H['name'], 'needs', Exclude<keyof NeedsOf<H>, keyof Acc>, 'from a feature listed before it']
    : true;

/** A route module with the feature it belongs to (the API reference groups routes by feature). */
export interface FeatureRoutes { feature: string; module: RouteModule }

export interface BuiltFeatures<Fs extends readonly AnyFeature[]> {
  services: RegistryServices<Fs>;
  routes: FeatureRoutes[];
  /** the edge hooks of every feature, in list order */
  edgeHooks: EdgeHook[];
  /** every feature's load at once (plus any other start-up work passed in), then every start in order */
  start(alongside?: Promise<unknown>): Promise<void>;
  /** reverse order; a failing dispose does not stop the others */
  dispose(): Promise<void>;
}

/** Creates every feature of the list in order, each with the services of those before it. */
export function buildFeatures<const Fs extends readonly AnyFeature[]>(list: Fs, base: Omit<FeatureContext, 'lifecycle'>): BuiltFeatures<Fs> {
  const services: Record<string, unknown> = {};
  const instances: FeatureInstance<unknown>[] = [];
  const routes: FeatureRoutes[] = [];
  const lifecycle: StateLifecycle = {
    async suspend() { for (const i of [...instances].reverse()) await i.suspend?.(); },
    async reload() { for (const i of instances) await i.reload?.(); },
  };
  const ctx: FeatureContext = { ...base, lifecycle };
  for (const feature of list) {
    if (feature.name in services) throw new Error(`feature ${feature.name} is listed twice`);
    const instance = feature.create(ctx, services);
    services[feature.name] = instance.services;
    instances.push(instance);
    for (const module of instance.routes ?? []) routes.push({ feature: feature.name, module });
  }
  return {
    services: services as RegistryServices<Fs>,
    routes,
    edgeHooks: instances.flatMap((i) => (i.edge ? [i.edge] : [])),
    async start(alongside) {
      await Promise.all([alongside, ...instances.map((i) => i.load?.())]);
      for (const i of instances) await i.start?.();
    },
    async dispose() {
      const errors: unknown[] = [];
      for (const i of [...instances].reverse()) {
        try { await i.dispose?.(); } catch (err) { errors.push(err); }
      }
      if (errors.length) throw new AggregateError(errors, 'some features failed to stop');
    },
  };
}
