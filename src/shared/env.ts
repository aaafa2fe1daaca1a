// Environment variables are read here and nowhere else. The CLI takes `process.env` once and
// passes it down; a runtime gets it in its context, so tests hand in their own record.

export type Env = Readonly<Record<string, string | undefined>>;

/** Variables that configure kestra-lite itself (flags win over them). */
export interface EnvSettings {
  basicAuth?: string;
  apiTokens: string[];
  ci: boolean;
  /** `KESTRA_LITE_KESTRA_VERSION` (checked by the runtime, which refuses an unsupported one) */
  kestraVersion?: string;
}

export function envSettings(env: Env): EnvSettings {
  return {
    basicAuth: env.KESTRA_LITE_BASIC_AUTH || undefined,
    apiTokens: (env.KESTRA_LITE_API_TOKENS ?? '').split(',').map((t) => t.trim()).filter(Boolean),
    ci: Boolean(env.CI) && env.CI !== 'false',
    kestraVersion: env.KESTRA_LITE_KESTRA_VERSION?.trim() || undefined,
  };
}

const CONFIGURATION_VARIABLES = new Set(['KESTRA_PLUGINS_PATH', 'KESTRA_CONFIGURATION_PATH', 'KESTRA_CONFIGURATION']);

/** `KESTRA_FOO_BAR=x` → `envs.foo_bar` (engine-contract §4.2); configuration variables are left out. */
export function kestraEnvs(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith('KESTRA_') || v === undefined || CONFIGURATION_VARIABLES.has(k)) continue;
    out[k.slice(7).toLowerCase()] = v;
  }
  return out;
}

/** `SECRET_NAME` holds the base64 of the value (decisions.md, secrets). */
export function envSecret(env: Env, name: string): string | undefined {
  const raw = env[`SECRET_${name.toUpperCase()}`];
  return raw === undefined ? undefined : Buffer.from(raw, 'base64').toString('utf8');
}
