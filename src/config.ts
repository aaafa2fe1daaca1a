// Runtime configuration: one TypeBox schema, defaults here, paths resolved against the
// working directory (never against the source location, so the compiled binary behaves the same).

import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { resolve } from 'node:path';
import { DEFAULT_KESTRA_VERSION, KestraVersion, parseKestraVersion } from './shared/kestra-version.ts';

export const Config = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  host: Type.String({ default: '127.0.0.1' }),
  flowsDir: Type.Union([Type.String(), Type.Null()], { default: './flows' }),
  dataDir: Type.String({ default: './.kestra-lite' }),
  memory: Type.Boolean({ default: false }),
  watch: Type.Boolean({ default: true }),
  dashboard: Type.Boolean({ default: true }),
  basicAuth: Type.Optional(Type.Object({ username: Type.String(), password: Type.String() })),
  apiTokens: Type.Array(Type.String(), { default: [] }),
  maxBodyBytes: Type.Integer({ minimum: 1, default: 100 * 1024 * 1024 }),
  /** concurrent SSE streams one remote address may hold open; past it, 429 */
  maxStreamsPerClient: Type.Integer({ minimum: 1, default: 100 }),
  /** allowed CORS origins (`*` = any); empty = CORS off, no header is ever added */
  corsOrigins: Type.Array(Type.String(), { default: [] }),
  /** public base URL used in execution `url` fields; empty = relative `/ui/...` like Kestra without kestra.url */
  publicUrl: Type.String({ default: '' }),
  /** fixtures for tasks that cannot run locally; null = none */
  fixturesDir: Type.Union([Type.String(), Type.Null()], { default: './fixtures' }),
  /** a task without a fixture FAILS instead of ending WARNING with empty outputs */
  strictFixtures: Type.Boolean({ default: false }),
  /** expression `globals` */
  globals: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
  /** plain-text `NAME=value` secrets file read at start (src/secrets/secrets-file.ts); null = none */
  secretsFile: Type.Union([Type.String(), Type.Null()], { default: null }),
  /** `Authorization: Bearer <token>` the admin API (/_kestra-lite/...) requires; null = open */
  adminToken: Type.Union([Type.String({ minLength: 1 }), Type.Null()], { default: null }),
  /** requests the admin API's journal keeps (oldest dropped first) */
  journalSize: Type.Integer({ minimum: 0, default: 1000 }),
  /** per-render limits of expressions (src/expressions/limits.ts): rendered size, loop iterations, time */
  renderMaxSize: Type.Integer({ minimum: 1, default: 10 * 1024 * 1024 }),
  renderMaxIterations: Type.Integer({ minimum: 1, default: 100_000 }),
  renderTimeoutMs: Type.Integer({ minimum: 1, default: 1000 }),
  /** size cap of one task's outputs (JSON characters): over it the task FAILS with its outputs dropped, as Kestra */
  maxOutputsBytes: Type.Integer({ minimum: 1, default: 10 * 1024 * 1024 }),
  /** debounce for flow file events (editors write in bursts) */
  watchDebounceMs: Type.Integer({ minimum: 0, default: 25 }),
  /** the server time zone (Kestra's JVM default): dashboard, stats and metric date buckets; null = the process's zone */
  timeZone: Type.Union([Type.String({ minLength: 1 }), Type.Null()], { default: null }),
  /** the Kestra API generation to answer as (shared/kestra-version.ts, src/compat/) */
  kestraVersion: Type.Union(KestraVersion.anyOf, { default: DEFAULT_KESTRA_VERSION }),
});
export type Config = Static<typeof Config>;

export type ConfigInput = Partial<Config>;

/** Flags over schema defaults (the schema is the one place defaults are written); paths resolved against `cwd`. */
export function resolveConfig(input: ConfigInput = {}, cwd = process.cwd()): Config {
  const merged = Value.Default(Config, stripUndefined(input)) as Config;
  return {
    ...merged,
    kestraVersion: parseKestraVersion(String(merged.kestraVersion)),
    flowsDir: merged.flowsDir === null ? null : resolve(cwd, merged.flowsDir),
    fixturesDir: merged.fixturesDir === null ? null : resolve(cwd, merged.fixturesDir),
    secretsFile: merged.secretsFile === null ? null : resolve(cwd, merged.secretsFile),
    dataDir: resolve(cwd, merged.dataDir),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `user:password` (the password may contain ':'). */
export function parseBasicAuth(text: string): { username: string; password: string } {
  const i = text.indexOf(':');
  if (i <= 0 || i === text.length - 1) throw new Error('--basic-auth expects user:password');
  return { username: text.slice(0, i), password: text.slice(i + 1) };
}
