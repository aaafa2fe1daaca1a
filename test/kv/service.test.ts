import { describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKvService } from '../../src/kv/service.ts';
import { INVALID_KEY_MESSAGE, KvError } from '../../src/kv/model.ts';
import { fakeClock } from '../../src/shared/time/clock.ts';
import { openDb } from '../../src/shared/db.ts';

const T0 = Date.UTC(2025, 0, 1);
const setup = () => {
  const clock = fakeClock(T0);
  return { clock, kv: createKvService({ db: openDb(false), clock }) };
};
const kvError = (fn: () => unknown): KvError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof KvError) return e;
    throw e;
  }
  throw new Error('expected a KvError');
};

describe('KV service', () => {
  test('put/get with inferred types, creation and update dates', () => {
    const { kv, clock } = setup();
    kv.put('main', 'ns', 'str', 'hello');
    kv.put('main', 'ns', 'num', 1.5);
    kv.put('main', 'ns', 'bool', false);
    kv.put('main', 'ns', 'json', { a: [1, 'x'] });
    kv.put('main', 'ns', 'dur', 'PT5S');
    expect(kv.get('main', 'ns', 'str')).toEqual({ namespace: 'ns', key: 'str', type: 'STRING', value: 'hello', creationDate: T0, updateDate: T0, version: 1 });
    expect(kv.get('main', 'ns', 'num')?.type).toBe('NUMBER');
    expect(kv.get('main', 'ns', 'bool')).toMatchObject({ type: 'BOOLEAN', value: false });
    expect(kv.get('main', 'ns', 'json')).toMatchObject({ type: 'JSON', value: { a: [1, 'x'] } });
    expect(kv.get('main', 'ns', 'dur')).toMatchObject({ type: 'DURATION', value: 'PT5S' });
    clock.advance(1000);
    kv.put('main', 'ns', 'str', 'again', { description: 'greeting' });
    expect(kv.get('main', 'ns', 'str')).toEqual({
      namespace: 'ns', key: 'str', type: 'STRING', value: 'again', description: 'greeting', creationDate: T0, updateDate: T0 + 1000, version: 2,
    });
  });

  test('explicit types are recorded as given', () => {
    const { kv } = setup();
    kv.put('main', 'ns', 'd', '2024-01-02', { type: 'DATE' });
    kv.put('main', 'ns', 'dt', '2024-01-02T03:04:05Z', { type: 'DATETIME' });
    expect(kv.get('main', 'ns', 'd')).toMatchObject({ type: 'DATE', value: '2024-01-02' });
    expect(kv.get('main', 'ns', 'dt')).toMatchObject({ type: 'DATETIME', value: '2024-01-02T03:04:05Z' });
  });

  test('tenants and namespaces are isolated', () => {
    const { kv } = setup();
    kv.put('main', 'a', 'k', 1);
    kv.put('other', 'a', 'k', 2);
    kv.put('main', 'a.b', 'k', 3);
    expect(kv.get('main', 'a', 'k')?.value).toBe(1);
    expect(kv.get('other', 'a', 'k')?.value).toBe(2);
    expect(kv.list('main', 'a').map((r) => r.value)).toEqual([1]);
    expect(kv.namespaces('main')).toEqual(['a', 'a.b']);
    expect(kv.namespaces('nobody')).toEqual([]);
  });

  test('TTL: expirationDate = now + ttl; an expired entry is gone, and deleted when read', () => {
    const { kv, clock } = setup();
    kv.put('main', 'ns', 'k', 'v', { ttlMs: 5000 });
    kv.put('main', 'ns', 'keep', 'v');
    expect(kv.get('main', 'ns', 'k')?.expirationDate).toBe(T0 + 5000);
    expect(kv.get('main', 'ns', 'keep')?.expirationDate).toBeUndefined();
    clock.advance(4999);
    expect(kv.getEntry('main', 'ns', 'k').status).toBe('found');
    clock.advance(1);
    expect(kv.getEntry('main', 'ns', 'k')).toEqual({ status: 'expired' });
    // the expired read removed it: now it is simply missing
    expect(kv.getEntry('main', 'ns', 'k')).toEqual({ status: 'missing' });
  });

  test('list and keys skip expired entries without deleting them (the first read still tells expired); ordered by key', () => {
    const { kv, clock } = setup();
    kv.put('main', 'ns', 'b', 1);
    kv.put('main', 'ns', 'a', 2, { ttlMs: 10 });
    kv.put('main', 'ns', 'c', 3);
    expect(kv.list('main', 'ns').map((r) => r.key)).toEqual(['a', 'b', 'c']);
    clock.advance(10);
    expect(kv.list('main', 'ns').map((r) => r.key)).toEqual(['b', 'c']);
    expect(kv.forTenant('main').keys('ns')).toEqual(['b', 'c']);
    expect(kv.getEntry('main', 'ns', 'a').status).toBe('expired');
    expect(kv.getEntry('main', 'ns', 'a').status).toBe('missing');
  });

  test('a new value replaces the TTL; an expired key starts a new entry', () => {
    const { kv, clock } = setup();
    kv.put('main', 'ns', 'k', 1, { ttlMs: 10 });
    kv.put('main', 'ns', 'k', 2);
    clock.advance(20);
    expect(kv.get('main', 'ns', 'k')).toMatchObject({ value: 2, creationDate: T0 });
    kv.put('main', 'ns', 'e', 1, { ttlMs: 10 });
    clock.advance(10);
    kv.put('main', 'ns', 'e', 2);
    expect(kv.get('main', 'ns', 'e')).toMatchObject({ value: 2, creationDate: T0 + 30 });
  });

  test('overwrite: false refuses a live key but accepts an expired one', () => {
    const { kv, clock } = setup();
    kv.put('main', 'ns', 'k', 1, { ttlMs: 10 });
    const e = kvError(() => kv.put('main', 'ns', 'k', 2, { overwrite: false }));
    expect(e.code).toBe('KEY_EXISTS');
    expect(e.message).toBe("Cannot set value for key 'k'. Key already exists and `overwrite` is set to `false`.");
    clock.advance(10);
    kv.put('main', 'ns', 'k', 3, { overwrite: false });
    expect(kv.get('main', 'ns', 'k')?.value).toBe(3);
  });

  test('keys are validated on every keyed call', () => {
    const { kv } = setup();
    for (const bad of ['', '-x', '.x', 'a b', 'a/b', 'é']) {
      const e = kvError(() => kv.put('main', 'ns', bad, 1));
      expect(e.code).toBe('INVALID_KEY');
      expect(e.message).toBe(INVALID_KEY_MESSAGE);
    }
    expect(kvError(() => kv.get('main', 'ns', '_k')).code).toBe('INVALID_KEY');
    expect(kvError(() => kv.delete('main', 'ns', '_k')).code).toBe('INVALID_KEY');
    expect(kvError(() => kv.deleteMany('main', 'ns', ['ok', '_k'])).code).toBe('INVALID_KEY');
    kv.put('main', 'ns', 'A1.b_c-d', 1);
  });

  test('negative TTL is refused', () => {
    const { kv } = setup();
    const e = kvError(() => kv.put('main', 'ns', 'k', 1, { ttlMs: -1 }));
    expect(e.code).toBe('NEGATIVE_TTL');
    expect(e.message).toBe('ttl cannot be negative');
  });

  test('delete and deleteMany report what existed', () => {
    const { kv, clock } = setup();
    kv.put('main', 'ns', 'a', 1);
    kv.put('main', 'ns', 'b', 1);
    kv.put('main', 'ns', 'x', 1, { ttlMs: 1 });
    clock.advance(1);
    expect(kv.delete('main', 'ns', 'a')).toBe(true);
    expect(kv.delete('main', 'ns', 'a')).toBe(false);
    expect(kv.delete('main', 'ns', 'x')).toBe(false);
    kv.put('main', 'ns', 'c', 1);
    expect(kv.deleteMany('main', 'ns', ['b', 'nope', 'c'])).toEqual(['b', 'c']);
    expect(kv.list('main', 'ns')).toEqual([]);
  });

  test('forTenant binds the tenant and exposes type and expiration', () => {
    const { kv } = setup();
    const access = kv.forTenant('t1');
    access.set('ns', 'k', '42', { type: 'NUMBER', ttlMs: 100, description: 'd' });
    expect(access.get('ns', 'k')).toEqual({ value: '42', type: 'NUMBER', expirationDate: T0 + 100 });
    expect(kv.get('t1', 'ns', 'k')?.description).toBe('d');
    expect(kv.get('main', 'ns', 'k')).toBeUndefined();
    expect(access.keys('ns', 'k')).toEqual(['k']);
    expect(access.keys('ns', 'z')).toEqual([]);
    expect(access.delete('ns', 'k')).toBe(true);
  });

  test('values survive reopening a persisted database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kv-'));
    try {
      const clock = fakeClock(T0);
      const path = join(dir, 'db.sqlite');
      const db1 = openDb(path);
      createKvService({ db: db1, clock }).put('main', 'ns', 'k', { deep: [1] }, { ttlMs: 1000 });
      db1.close();
      const db2 = openDb(path);
      expect(createKvService({ db: db2, clock }).get('main', 'ns', 'k')).toMatchObject({ value: { deep: [1] }, expirationDate: T0 + 1000 });
      db2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
