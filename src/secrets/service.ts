// Read-only secrets, as open-source Kestra has them: environment variables `SECRET_<NAME>` holding
// base64 values, plus the optional plain-text secrets file (its entries win over variables of the
// same name). Names are case-insensitive (kept upper-case). Values only leave through `get`,
// which the `secret()` expression function uses; listings carry names only.

import type { Env } from '../shared/env.ts';

export interface SecretService {
  /** the value, or undefined when no such secret exists */
  get(name: string): string | undefined;
  /** every secret name, upper-case, sorted */
  keys(): string[];
  /** `SECRET_*` variables that were skipped because their value is not base64 */
  invalidVariables(): string[];
  /** hides the values read through `get` so far in a log message (Kestra's masking of used secrets) */
  mask(text: string): string;
  /** every secret value, without marking any as used (the admin journal hides them in bodies) */
  values(): string[];
}

const PREFIX = 'SECRET_';
// Kestra drops line breaks, then decodes strictly (standard alphabet, padding optional)
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(raw: string): string | undefined {
  const text = raw.replace(/\r?\n|\r/g, '');
  if (!BASE64.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64').toString('utf8');
}

/** as many stars as the value has characters, the first nine reading "**masked*" (Kestra's marker) */
const maskOf = (length: number) => (length >= 9 ? `**masked*${'*'.repeat(length - 9)}` : '*'.repeat(length));

export function createSecretService(deps: { env: Env; file?: ReadonlyMap<string, string> }): SecretService {
  const values = new Map<string, string>();
  const invalid: string[] = [];
  for (const [name, raw] of Object.entries(deps.env)) {
    if (!name.startsWith(PREFIX) || name.length === PREFIX.length || raw === undefined) continue;
    const decoded = decodeBase64(raw);
    if (decoded === undefined) invalid.push(name);
    else values.set(name.slice(PREFIX.length).toUpperCase(), decoded);
  }
  for (const [name, value] of deps.file ?? []) values.set(name.toUpperCase(), value);
  const keys = [...values.keys()].sort();
  // longest first, so that a value containing a shorter one is hidden whole
  let used: string[] = [];
  return {
    get(name) {
      const value = values.get(String(name).toUpperCase());
      if (value && !used.includes(value)) used = [...used, value].sort((a, b) => b.length - a.length);
      return value;
    },
    mask(text) {
      let out = text;
      for (const value of used) {
        if (!out.includes(value)) continue;
        out = out.split(value).join(maskOf(value.length));
      }
      return out;
    },
    keys: () => keys,
    values: () => [...values.values()],
    invalidVariables: () => invalid,
  };
}
