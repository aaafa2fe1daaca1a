// The Kestra API generations kestra-lite can answer as (versions.md). `0.21` (the default) serves
// the seeds' routes and shapes plus every newer route that does not conflict; `2.0` emulates
// open-source Kestra 2.0 exactly (its routes only, its shapes) — see src/compat/.

import { Type, type Static } from '@sinclair/typebox';

export const KESTRA_VERSIONS = ['0.21', '2.0'] as const;
export const KestraVersion = Type.Union(KESTRA_VERSIONS.map((v) => Type.Literal(v)));
export type KestraVersion = Static<typeof KestraVersion>;
export const DEFAULT_KESTRA_VERSION: KestraVersion = '0.21';

/**
 * The Kestra release each mode answers as: the one source of truth for every version the server
 * states (`/configs`, `/usages/all`, the core plugin's version in `/plugins` and its manifests,
 * `/plugins/{cls}/versions`, the API reference's `x-kestra-version`).
 */
export const KESTRA_RELEASES: Record<KestraVersion, string> = { '0.21': '0.21.0', '2.0': '2.0.0' };
export const kestraRelease = (version: KestraVersion): string => KESTRA_RELEASES[version];

/** Thrown by the runtime factory (and turned into exit code 2 by the CLI) for a version kestra-lite does not emulate. */
export class UnsupportedKestraVersionError extends Error {
  readonly value: string;
  constructor(value: string) {
    super(`unsupported Kestra version '${value}': supported versions are ${KESTRA_VERSIONS.join(', ')}`);
    this.name = 'UnsupportedKestraVersionError';
    this.value = value;
  }
}

export const isKestraVersion = (v: unknown): v is KestraVersion => typeof v === 'string' && (KESTRA_VERSIONS as readonly string[]).includes(v);

/** The version named by a flag, a variable or an option; anything else is refused with the supported list. */
export function parseKestraVersion(value: string): KestraVersion {
  if (!isKestraVersion(value)) throw new UnsupportedKestraVersionError(value);
  return value;
}
