import { describe, expect, test } from 'bun:test';
import { flowCounters, triggerContextCounter } from '../../src/stats/flow-counts.ts';
import type { FlowRecord } from '../../src/flows/store.ts';
import { HOUR, harness, logEntry } from './harness.ts';

const JAN30 = Date.UTC(2025, 0, 30);

describe('POST /stats/summary', () => {
  test('reports the flow and trigger counters, namespace passed as an exact match', async () => {
    const h = harness({ flows: 3, triggers: 2 });
    expect((await h.post('/stats/summary', {})).body).toEqual({ flows: 3, triggers: 2 });
    await h.post('/stats/summary', { namespace: 'company.team' }, 'blue');
    expect(h.counted.at(-1)).toEqual({ tenant: 'blue', namespace: 'company.team' });
  });

  test('dates are ignored but must parse', async () => {
    const h = harness();
    expect((await h.post('/stats/summary', { startDate: '2025-02-01T00:00:00Z', endDate: '2025-01-01T00:00:00Z' })).status).toBe(200);
    expect((await h.post('/stats/summary', { startDate: 'x' })).status).toBe(422);
    expect((await h.post('/stats/summary')).body).toEqual({ flows: 0, triggers: 0 });
  });

  test('flowCounters counts flows and the triggers that get a context', () => {
    const record = (namespace: string, triggers: string[]) => ({ namespace, flow: { triggers: triggers.map((type, i) => ({ id: `t${i}`, type })) } }) as unknown as FlowRecord;
    const counters = flowCounters({
      list: () => [
        record('a', ['io.kestra.plugin.core.trigger.Schedule', 'io.kestra.plugin.core.trigger.Webhook']),
        record('a.b', ['io.kestra.plugin.core.trigger.Flow', 'io.kestra.plugin.scripts.Poll']),
      ],
    });
    expect(counters.countFlows('main')).toBe(2);
    expect(counters.countFlows('main', 'a')).toBe(1);
    expect(counters.countTriggerDefinitions('main')).toBe(2);
    expect(counters.countTriggerDefinitions('main', 'a.b')).toBe(1);
    const contexts = triggerContextCounter({ all: () => [{ tenant: 'main', namespace: 'a' }, { tenant: 'main', namespace: 'a.b' }, { tenant: 'blue', namespace: 'a' }] });
    expect([contexts('main'), contexts('main', 'a'), contexts('blue', 'a.b')]).toEqual([2, 1, 0]);
  });
});

describe('POST /stats/logs/daily', () => {
  function seeded() {
    const h = harness();
    h.logs.insert([
      logEntry(JAN30 + HOUR, 'INFO'),
      logEntry(JAN30 + HOUR, 'INFO', { message: 'needle here' }),
      logEntry(JAN30 + 2 * HOUR, 'ERROR'),
      logEntry(JAN30 + 3 * HOUR, 'DEBUG', { namespace: 'company.team.sub' }),
      logEntry(JAN30 + 3 * HOUR, 'WARN', { namespace: 'acme', flowId: 'etl' }),
      logEntry(Date.UTC(2024, 0, 1), 'ERROR'),
      logEntry(JAN30, 'TRACE', { tenant: 'blue' }),
    ]);
    return h;
  }
  const sum = (list: any[], level: string) => list.reduce((n: number, b: any) => n + b.counts[level], 0);

  test('counts logs per level in daily buckets over the last 30 days', async () => {
    const r = await seeded().post('/stats/logs/daily', {});
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(31);
    expect(r.body[29]).toEqual({ timestamp: '2025-01-30T00:00:00Z', counts: { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 1, ERROR: 1 }, groupBy: 'day' });
    expect(r.body[0]).toEqual({ timestamp: '2025-01-01T00:00:00Z', counts: { TRACE: 0, DEBUG: 0, INFO: 0, WARN: 0, ERROR: 0 }, groupBy: 'day' });
  });

  test('filters: logLevel minimum, namespace prefix, flowId, q, tenant', async () => {
    const { post } = seeded();
    const warn = (await post('/stats/logs/daily', { logLevel: 'WARN' })).body;
    expect([sum(warn, 'INFO'), sum(warn, 'WARN'), sum(warn, 'ERROR')]).toEqual([0, 1, 1]);
    expect(sum((await post('/stats/logs/daily', { namespace: 'company.team' })).body, 'DEBUG')).toBe(1);
    expect(sum((await post('/stats/logs/daily', { namespace: 'acme' })).body, 'INFO')).toBe(0);
    expect(sum((await post('/stats/logs/daily', { flowId: 'etl' })).body, 'WARN')).toBe(1);
    expect(sum((await post('/stats/logs/daily', { q: 'NEEDLE' })).body, 'INFO')).toBe(1);
    expect(sum((await post('/stats/logs/daily', {}, 'blue')).body, 'TRACE')).toBe(1);
  });

  test('short windows group by hour; bad input is a 422', async () => {
    const { post } = seeded();
    const hours = await post('/stats/logs/daily', { startDate: '2025-01-30T00:00:00Z', endDate: '2025-01-30T10:00:00Z' });
    expect(hours.body).toHaveLength(11);
    expect(hours.body[1]).toMatchObject({ timestamp: '2025-01-30T01:00:00Z', groupBy: 'hour', counts: { INFO: 2 } });
    expect((await post('/stats/logs/daily', { logLevel: 'LOUD' })).status).toBe(422);
    expect((await post('/stats/logs/daily', { startDate: '2025-01-30T10:00:00Z', endDate: '2025-01-30T00:00:00Z' })).status).toBe(422);
  });
});
