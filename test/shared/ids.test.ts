// base62 is the number the bytes spell, big-endian, in Kestra's alphabet: checked against a plain
// BigInt conversion over edge cases and random UUID-sized inputs.

import { describe, expect, test } from 'bun:test';
import { base62, friendlyIds } from '../../src/shared/ids.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function viaBigInt(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  const out: string[] = [];
  for (; n > 0n; n /= 62n) out.unshift(ALPHABET[Number(n % 62n)]!);
  return out.join('') || '0';
}

describe('base62', () => {
  test('edge cases', () => {
    for (const bytes of [[], [0], [0, 0], [61], [62], [0, 1], [255], [255, 255], new Array(16).fill(255), [1, ...new Array(15).fill(0)]]) {
      expect(base62(new Uint8Array(bytes))).toBe(viaBigInt(new Uint8Array(bytes)));
    }
    expect(base62(new Uint8Array([61]))).toBe('z');
    expect(base62(new Uint8Array([62]))).toBe('10');
  });
  test('random 16-byte ids', () => {
    for (let i = 0; i < 2000; i++) {
      const bytes = crypto.getRandomValues(new Uint8Array(16));
      expect(base62(bytes)).toBe(viaBigInt(bytes));
    }
  });
  test('friendly ids are base62 strings of about 22 characters', () => {
    const id = friendlyIds()();
    expect(id).toMatch(/^[0-9A-Za-z]{18,22}$/);
  });
});
