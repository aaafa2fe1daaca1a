// Harness options, checked once and turned into what a backend needs: the runtime options of an
// in-process instance, or the `serve` flags of a child process. Bad options fail before anything
// starts, with the option's name in the message.

import type { KestraLiteOptions } from './types.ts';

export interface StartPlan {
  port: number;
  memory: boolean;
  dataDir?: string;
  clock: 'system' | 'fake';
  /** ISO instant */
  now?: string;
  seed?: number;
  basicAuth?: { username: string; password: string };
  adminToken?: string;
  kestraVersion?: string;
  /** a fixtures directory (runtime configuration) */
  fixturesDir?: string;
  env: Record<string, string>;
  startTimeoutMs: number;
}

const KNOWN = new Set(['flows', 'fixtures', 'clock', 'now', 'seed', 'tenant', 'basicAuth', 'adminToken', 'kestraVersion', 'port', 'memory', 'dataDir', 'mode', 'env', 'startTimeoutMs']);

const fail = (message: string): never => { throw new TypeError(`startKestraLite: ${message}`); };

function basicAuthOf(value: KestraLiteOptions['basicAuth']): StartPlan['basicAuth'] {
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    const i = value.indexOf(':');
    if (i <= 0 || i === value.length - 1) fail("basicAuth must be 'user:password' or { username, password }");
    return { username: value.slice(0, i), password: value.slice(i + 1) };
  }
  if (!value || typeof value.username !== 'string' || typeof value.password !== 'string' || !value.username || !value.password) {
    return fail("basicAuth must be 'user:password' or { username, password }");
  }
  return { username: value.username, password: value.password };
}

function nowOf(options: KestraLiteOptions): string | undefined {
  if (options.now === undefined) return undefined;
  if (options.clock !== 'fake') fail("'now' sets the fake clock: add clock: 'fake'");
  const ms = options.now instanceof Date ? options.now.getTime() : typeof options.now === 'string' && /T.*(Z|[+-]\d{2}:\d{2})$/i.test(options.now) ? Date.parse(options.now) : NaN;
  if (!Number.isFinite(ms)) fail(`'now' must be a Date or an ISO-8601 date-time with a zone (2025-01-01T00:00:00Z), got '${String(options.now)}'`);
  return new Date(ms).toISOString();
}

function sourcesOf(name: 'flows' | 'fixtures', value: string | readonly string[] | undefined): void {
  if (value === undefined || typeof value === 'string') return;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(`${name} must be a directory or a list of ${name === 'flows' ? 'flow' : 'fixture'} sources (strings)`);
}

export function planOf(options: KestraLiteOptions = {}): StartPlan {
  if (options === null || typeof options !== 'object') fail('options must be an object');
  for (const key of Object.keys(options)) if (!KNOWN.has(key)) fail(`unknown option '${key}' (known: ${[...KNOWN].join(', ')})`);
  const { clock = 'system', port = 0, memory = true, seed, tenant, mode, startTimeoutMs = 30_000 } = options;
  if (clock !== 'system' && clock !== 'fake') fail(`clock must be 'system' or 'fake', got '${String(clock)}'`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`port must be 0 (a free port) to 65535, got ${String(port)}`);
  if (typeof memory !== 'boolean') fail('memory must be true or false');
  if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0)) fail(`seed must be a whole number, got ${String(seed)}`);
  if (tenant !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/.test(tenant)) fail(`tenant must be an id such as 'acme', got '${String(tenant)}'`);
  if (mode !== undefined && mode !== 'in-process' && mode !== 'process') fail(`mode must be 'in-process' or 'process', got '${String(mode)}'`);
  if (options.kestraVersion !== undefined && (typeof options.kestraVersion !== 'string' || !options.kestraVersion)) fail('kestraVersion must be a version such as 2.0');
  if (options.adminToken !== undefined && (typeof options.adminToken !== 'string' || !options.adminToken)) fail('adminToken must be a non-empty string');
  if (options.dataDir !== undefined && memory) fail("dataDir needs memory: false");
  if (!Number.isInteger(startTimeoutMs) || startTimeoutMs <= 0) fail('startTimeoutMs must be a positive number of milliseconds');
  sourcesOf('flows', options.flows);
  sourcesOf('fixtures', options.fixtures);
  const env = options.env ?? {};
  if (typeof env !== 'object' || Object.values(env).some((v) => typeof v !== 'string')) fail('env must map names to strings');
  return {
    port, memory, dataDir: options.dataDir, clock, now: nowOf(options), seed, basicAuth: basicAuthOf(options.basicAuth),
    adminToken: options.adminToken, kestraVersion: options.kestraVersion,
    fixturesDir: typeof options.fixtures === 'string' ? options.fixtures : undefined, env, startTimeoutMs,
  };
}

/**
 * `kestra-lite serve` flags for a plan: no dashboard, no watcher, no flows directory (flows are
 * deployed through the API), and an end with the harness's process (its stdin pipe closes then).
 */
export function serveArgs(plan: StartPlan): string[] {
  const args = ['serve', '--port', String(plan.port), '--no-dashboard', '--no-watch', '--quiet', '--exit-on-stdin-close', '--no-flows', '--clock', plan.clock];
  args.push(...(plan.fixturesDir === undefined ? ['--no-fixtures'] : ['--fixtures', plan.fixturesDir]));
  if (plan.memory) args.push('--memory');
  if (plan.dataDir !== undefined) args.push('--data', plan.dataDir);
  if (plan.now !== undefined) args.push('--now', plan.now);
  if (plan.seed !== undefined) args.push('--seed', String(plan.seed));
  if (plan.basicAuth) args.push('--basic-auth', `${plan.basicAuth.username}:${plan.basicAuth.password}`);
  if (plan.adminToken !== undefined) args.push('--admin-token', plan.adminToken);
  if (plan.kestraVersion !== undefined) args.push('--kestra-version', plan.kestraVersion);
  return args;
}
