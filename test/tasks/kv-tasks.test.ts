import { describe, expect, test } from 'bun:test';
import { INVALID_KEY_MESSAGE } from '../../src/kv/model.ts';
import { kvDeleteTask } from '../../src/tasks/core/kv-delete.ts';
import { kvGetKeysTask } from '../../src/tasks/core/kv-get-keys.ts';
import { kvGetTask } from '../../src/tasks/core/kv-get.ts';
import { kvSetTask } from '../../src/tasks/core/kv-set.ts';
import { TaskError } from '../../src/tasks/types.ts';
import { buildRunContext, runExpectingError, type RunContextOptions } from '../helpers/run-context.ts';

const CORE = 'io.kestra.plugin.core.kv.';
const def = (type: string, props: Record<string, unknown>) => ({ id: 'kv', type: CORE + type, ...props });
const ctx = (type: string, props: Record<string, unknown>, extra: Partial<RunContextOptions> = {}) => buildRunContext({ task: def(type, props), ...extra });

describe('kv.Set', () => {
  test('stores a rendered value under the flow namespace by default; no outputs', async () => {
    const r = ctx('Set', { key: '{{ inputs.k }}', value: 'Hello {{ inputs.k }}' }, { variables: { inputs: { k: 'greeting' } } });
    expect(await r.run(kvSetTask)).toBeUndefined();
    expect(r.kv.get('main', 'company.team', 'greeting')).toMatchObject({ value: 'Hello greeting', type: 'STRING' });
  });

  test('a lone expression keeps its native type (typed rendering); maps are rendered deeply', async () => {
    const r = ctx('Set', { key: 'obj', value: '{{ inputs.payload }}', namespace: 'other.ns' }, { variables: { inputs: { payload: { a: [1, 2] } } } });
    await r.run(kvSetTask);
    expect(r.kv.get('main', 'other.ns', 'obj')).toMatchObject({ value: { a: [1, 2] }, type: 'JSON' });
    const n = ctx('Set', { key: 'n', value: '{{ 40 + 2 }}' }, { kv: r.kv, clock: r.clock });
    await n.run(kvSetTask);
    expect(r.kv.get('main', 'company.team', 'n')).toMatchObject({ value: 42, type: 'NUMBER' });
    const m = ctx('Set', { key: 'm', value: { x: '{{ flow.id }}', y: 2 } }, { kv: r.kv, clock: r.clock });
    await m.run(kvSetTask);
    expect(r.kv.get('main', 'company.team', 'm')?.value).toEqual({ x: 'my-flow', y: 2 });
  });

  test('kvType converts the rendered string', async () => {
    const cases: [string, string, unknown][] = [
      ['NUMBER', '{{ "12" }}', 12], ['BOOLEAN', 'true', true], ['DATETIME', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00Z'],
      ['DATE', '2024-01-01', '2024-01-01'], ['DURATION', 'PT90M', 'PT1H30M'], ['JSON', '{"a": 1}', { a: 1 }], ['STRING', '12', '12'],
    ];
    for (const [kvType, value, expected] of cases) {
      const r = ctx('Set', { key: 'k', value, kvType });
      await r.run(kvSetTask);
      expect(r.kv.get('main', 'company.team', 'k')).toMatchObject({ value: expected, type: kvType });
    }
  });

  test('an unconvertible value or unknown kvType fails', async () => {
    expect((await runExpectingError(ctx('Set', { key: 'k', value: 'abc', kvType: 'NUMBER' }), kvSetTask)).message).toBe("Unable to convert 'abc' to a NUMBER value");
    expect((await runExpectingError(ctx('Set', { key: 'k', value: 'x', kvType: 'TEXT' }), kvSetTask)).message).toContain('io.kestra.core.models.kv.KVType');
  });

  test('ttl sets the expiration from the clock; description is kept', async () => {
    const r = ctx('Set', { key: 'k', value: 'v', ttl: 'PT1M', description: 'for {{ flow.id }}' });
    await r.run(kvSetTask);
    const entry = r.kv.get('main', 'company.team', 'k')!;
    expect(entry.expirationDate).toBe(r.clock.now() + 60_000);
    expect(entry.description).toBe('for my-flow');
  });

  test('overwrite: false on an existing key fails with Kestra\'s message', async () => {
    const r = ctx('Set', { key: 'k', value: 'new', overwrite: '{{ false }}' });
    r.kv.put('main', 'company.team', 'k', 'old');
    const e = await runExpectingError(r, kvSetTask);
    expect(e).toBeInstanceOf(TaskError);
    expect(e.message).toBe("Cannot set value for key 'k'. Key already exists and `overwrite` is set to `false`.");
    expect(r.kv.get('main', 'company.team', 'k')?.value).toBe('old');
  });

  test('overwrite defaults to true', async () => {
    const r = ctx('Set', { key: 'k', value: 'new' });
    r.kv.put('main', 'company.team', 'k', 'old');
    await r.run(kvSetTask);
    expect(r.kv.get('main', 'company.team', 'k')?.value).toBe('new');
  });

  test('an invalid key fails with the key rule message', async () => {
    const e = await runExpectingError(ctx('Set', { key: 'bad key', value: 1 }), kvSetTask);
    expect(e.message).toBe(INVALID_KEY_MESSAGE);
  });

  test('the tenant of the run is used', async () => {
    const r = ctx('Set', { key: 'k', value: 1 }, { tenant: 'acme' });
    await r.run(kvSetTask);
    expect(r.kv.get('acme', 'company.team', 'k')?.value).toBe(1);
    expect(r.kv.get('main', 'company.team', 'k')).toBeUndefined();
  });
});

describe('kv.Get', () => {
  test('returns {value} with its type preserved', async () => {
    const r = ctx('Get', { key: 'k' });
    r.kv.put('main', 'company.team', 'k', { a: 1 });
    expect(await r.run(kvGetTask)).toEqual({ outputs: { value: { a: 1 } } });
  });

  test('missing: value null; errorOnMissing: Kestra\'s message', async () => {
    expect(await ctx('Get', { key: 'nope' }).run(kvGetTask)).toEqual({ outputs: { value: null } });
    const e = await runExpectingError(ctx('Get', { key: 'nope', namespace: 'x.y', errorOnMissing: true }), kvGetTask);
    expect(e.message).toBe("No value found for key 'nope' in namespace 'x.y' and `errorOnMissing` is set to true");
  });

  test('an expired value is missing (and removed)', async () => {
    const r = ctx('Get', { key: 'k', errorOnMissing: true });
    r.kv.put('main', 'company.team', 'k', 'v', { ttlMs: 1000 });
    expect(await r.run(kvGetTask)).toEqual({ outputs: { value: 'v' } });
    r.clock.advance(1000);
    expect((await runExpectingError(r, kvGetTask)).message).toContain("No value found for key 'k'");
    expect(r.kv.list('main', 'company.team')).toEqual([]);
  });

  test('an invalid key fails', async () => {
    expect((await runExpectingError(ctx('Get', { key: '-k' }), kvGetTask)).message).toBe(INVALID_KEY_MESSAGE);
  });
});

describe('kv.Delete', () => {
  test('returns {deleted}', async () => {
    const r = ctx('Delete', { key: 'k' });
    r.kv.put('main', 'company.team', 'k', 'v');
    expect(await r.run(kvDeleteTask)).toEqual({ outputs: { deleted: true } });
    expect(await r.run(kvDeleteTask)).toEqual({ outputs: { deleted: false } });
  });

  test('errorOnMissing fails when nothing was deleted', async () => {
    const e = await runExpectingError(ctx('Delete', { key: 'k', errorOnMissing: true }), kvDeleteTask);
    expect(e.message).toBe("No value found for key 'k' in namespace 'company.team' and `errorOnMissing` is set to true");
  });
});

describe('kv.GetKeys', () => {
  test('lists live keys, optionally by rendered prefix', async () => {
    const r = ctx('GetKeys', {});
    r.kv.put('main', 'company.team', 'b.one', 1);
    r.kv.put('main', 'company.team', 'a.one', 1);
    r.kv.put('main', 'company.team', 'a.two', 1, { ttlMs: 5 });
    r.kv.put('main', 'elsewhere', 'a.three', 1);
    expect(await r.run(kvGetKeysTask)).toEqual({ outputs: { keys: ['a.one', 'a.two', 'b.one'] } });
    r.clock.advance(5);
    const p = ctx('GetKeys', { prefix: '{{ "a" }}' }, { kv: r.kv, clock: r.clock });
    expect(await p.run(kvGetKeysTask)).toEqual({ outputs: { keys: ['a.one'] } });
    const other = ctx('GetKeys', { namespace: 'elsewhere' }, { kv: r.kv, clock: r.clock });
    expect(await other.run(kvGetKeysTask)).toEqual({ outputs: { keys: ['a.three'] } });
  });

  test('an empty namespace has no keys', async () => {
    expect(await ctx('GetKeys', {}).run(kvGetKeysTask)).toEqual({ outputs: { keys: [] } });
  });
});

describe('kv() expression function over the same store', () => {
  test('a value set by kv.Set is readable by kv()', async () => {
    const r = ctx('Set', { key: 'k', value: '{{ [1, 2] }}' });
    await r.run(kvSetTask);
    expect(r.ctx.render("{{ kv('k') }}")).toBe('[1,2]');
  });
});
