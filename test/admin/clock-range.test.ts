// The fake clock stays within the instants it can show (review finding 2): a move past year
// 9999 is a 422 and leaves the clock where it was (it used to go invalid, and every request after
// it failed).
import { describe, expect, test } from 'bun:test';
import { fakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime } from '../helpers/runtime.ts';

describe('fake clock range (POST /_kestra-lite/clock/advance and /set)', () => {
  test('a move past year 9999 is a 422 and the clock stays where it was', async () => {
    const c = await testRuntime({ clock: fakeClock() });
    for (const [path, body] of [
      ['/_kestra-lite/clock/advance', { ms: 1e20 }],
      ['/_kestra-lite/clock/advance', { duration: 'P99999999D' }],
      ['/_kestra-lite/clock/set', { now: 1e20 }],
      ['/_kestra-lite/clock/set', { now: '+275760-09-13T00:00:00Z' }],
    ] as const) {
      const r = await c.json('POST', path, { body });
      expect(r.status).toBe(422);
      expect(r.body.message).toContain('Invalid entity');
    }
    expect((await c.json('GET', '/_kestra-lite/clock')).body.now).toBe('2025-01-01T00:00:00.000Z');
    const search = await c.call('GET', '/api/v1/flows/search');
    expect(search.status).toBe(200);
    expect(search.headers.get('content-type')).toContain('application/json');
  });

  test('up to the last millisecond of 9999 is fine', async () => {
    const c = await testRuntime({ clock: fakeClock() });
    const r = await c.json('POST', '/_kestra-lite/clock/set', { body: { now: '9999-12-31T23:59:59.999Z' } });
    expect(r.status).toBe(200);
    expect(r.body.now).toBe('9999-12-31T23:59:59.999Z');
    expect((await c.json('POST', '/_kestra-lite/clock/advance', { body: { ms: 1 } })).status).toBe(422);
  });
});
