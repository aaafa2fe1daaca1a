// Kestra's "friendly ids": a random UUID written in base62 (~22 chars). Injected so tests can
// use predictable sequences.

export type IdGenerator = () => string;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out || '0';
}

export function friendlyIds(): IdGenerator {
  return () => base62(crypto.getRandomValues(new Uint8Array(16)));
}

/** Deterministic ids for tests: `prefix1`, `prefix2`, ... */
export function sequentialIds(prefix = 'id'): IdGenerator {
  let n = 0;
  return () => `${prefix}${++n}`;
}
