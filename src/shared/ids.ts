// Kestra's "friendly ids": a random UUID written in base62 (~22 chars). Injected so tests can
// use predictable sequences.

export type IdGenerator = () => string;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The bytes as one big-endian number in base 62. Long division on the byte digits rather than a
 * BigInt: an id is made for every execution and task run, and the BigInt steps allocate at each
 * digit (about 5% of the engine's CPU under load).
 */
export function base62(bytes: Uint8Array): string {
  const digits = Array.from(bytes);
  let start = 0;
  let out = '';
  for (;;) {
    while (start < digits.length && digits[start] === 0) start++;
    if (start === digits.length) return out || '0';
    let rest = 0;
    for (let i = start; i < digits.length; i++) {
      const acc = rest * 256 + digits[i]!;
      digits[i] = Math.floor(acc / 62);
      rest = acc % 62;
    }
    out = ALPHABET[rest] + out;
  }
}

export function friendlyIds(): IdGenerator {
  return () => base62(crypto.getRandomValues(new Uint8Array(16)));
}

/** Deterministic ids for tests: `prefix1`, `prefix2`, ... */
export function sequentialIds(prefix = 'id'): IdGenerator {
  let n = 0;
  return () => `${prefix}${++n}`;
}

/**
 * Reproducible friendly ids (`serve --seed N`): the same base62 shape as `friendlyIds`, drawn from
 * a small seeded PRNG (sfc32) instead of the system's random source, so two runs with the same
 * seed and the same calls produce the same ids. Not for anything secret.
 */
export function seededIds(seed: number): IdGenerator {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = (seed >>> 0) ^ 0xdeadbeef;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b | 0) + d | 0;
    d = d + 1 | 0;
    a = b ^ (b >>> 9);
    b = c + (c << 3) | 0;
    c = (c << 21) | (c >>> 11);
    c = c + t | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next(); // mix the seed in before the first id
  return () => {
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i += 4) {
      const n = next();
      bytes[i] = n >>> 24; bytes[i + 1] = (n >>> 16) & 255; bytes[i + 2] = (n >>> 8) & 255; bytes[i + 3] = n & 255;
    }
    bytes[6] = (bytes[6]! & 0x0f) | 0x40; // a version-4 UUID shape, like the random ones
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    return base62(bytes);
  };
}
