// The feature contract (the model is Miniflare's plugin list): every feature folder exports one
// `Feature`, and runtime.ts creates them in the order of one list. A feature takes only the
// shared context and the services of features listed before it; the compiler checks that order
// (see `FeatureList`). Adding an API area is one folder plus one line in src/features.ts.

import type { Elysia } from 'elysia';
import type { Config } from '../config.ts';
import type { BlobStore } from './blobs.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db.ts';
import type { EventBus } from './events.ts';
import type { IdGenerator } from './ids.ts';
import type { Env } from './env.ts';
import type { Ports } from './ports.ts';

/** An Elysia plugin with `prefix: '/api/v1'`; the edge serves it under `/api/v1/{tenant}` too. */
export type RouteModule = Elysia<any, any, any, any, any, any, any>;

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
}

export interface FeatureInstance<S> {
  services: S;
  routes?: RouteModule[];
  /** after every feature is created, in list order (scans, recovery, the scheduler) */
  start?(): void | Promise<void>;
  /** in reverse list order */
  dispose?(): void | Promise<void>;
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
