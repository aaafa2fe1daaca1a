import { describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeClock, type FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime, YAML } from '../helpers/runtime.ts';
import { saveFlow } from '../helpers/flows.ts';

const tick = async (n = 3) => { for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r)); };
const scheduleFlow = (cron: string, extra = '') => `id: sched\nnamespace: t\ntriggers:\n  - id: every\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "${cron}"\n${extra}tasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ trigger.date }}"\n`;

async function executions(c: Awaited<ReturnType<typeof testRuntime>>) {
  return (await c.json('GET', '/api/v1/executions/search?flowId=sched&namespace=t&size=1000&sort=state.startDate:asc')).body;
}

/** advances the fake clock step by step, letting the engine and the scheduler settle in between */
async function advance(c: Awaited<ReturnType<typeof testRuntime>>, ms: number, step = 60_000) {
  const clock = c.rt.clock as FakeClock;
  for (let done = 0; done < ms; done += step) { clock.advance(Math.min(step, ms - done)); await tick(); }
}

describe('ScheduleOnDates with expressions', () => {
  const flow = (dates: string) => `id: sched\nnamespace: t\ntriggers:\n  - id: on\n    type: io.kestra.plugin.core.trigger.ScheduleOnDates\n    dates: ${dates}\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ trigger.date }}"\n`;

  test('items and a whole-list expression are rendered (flow variables too) and fire on the fake clock', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 0, 1)) });
    await saveFlow(c, flow(`["{{ '2025-01-01T00:10:00Z' }}", "2025-01-01T00:30:00Z", "2025-01-01T00:{{ flow.id == 'sched' ? '20' : '50' }}:00Z"]`));
    const ctx = async () => (await c.json('GET', '/api/v1/triggers/t/sched')).body.results[0];
    expect((await ctx()).nextExecutionDate).toBe('2025-01-01T00:10:00Z');
    await advance(c, 35 * 60_000);
    expect((await executions(c)).results.map((e: any) => e.scheduleDate)).toEqual(['2025-01-01T00:10:00.000Z', '2025-01-01T00:20:00.000Z', '2025-01-01T00:30:00.000Z']);
    // one expression rendering to a JSON list of dates
    const updated = await c.json('PUT', '/api/v1/flows/t/sched', { body: flow(`"{{ '[\\"2025-01-01T01:00:00Z\\", \\"2025-01-01T02:00:00Z\\"]' }}"`), type: YAML });
    expect(updated.status).toBe(200);
    expect((await ctx()).nextExecutionDate).toBe('2025-01-01T01:00:00Z');
  });

  test('a date expression that fails to render leaves the trigger without dates and logs the error', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 0, 1)) });
    await saveFlow(c, flow(`["{{ nope.missing }}"]`));
    expect((await c.json('GET', '/api/v1/triggers/t/sched')).body.results[0].nextExecutionDate).toBeUndefined();
    const logs = (await c.json('GET', '/api/v1/logs/search?namespace=t&minLevel=ERROR')).body.results;
    expect(logs.some((l: any) => /Trigger on of t.sched: cannot render dates/.test(l.message))).toBe(true);
  });
});

describe('Schedule trigger on the fake clock', () => {
  test('fires exactly at its cron times with trigger.date/next/previous, no immediate run', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 0, 1, 0, 0, 30)) });
    await saveFlow(c, scheduleFlow('*/15 * * * *'));
    await tick();
    expect((await executions(c)).total).toBe(0);
    await advance(c, 46 * 60_000);
    const list = (await executions(c)).results;
    expect(list.map((e: any) => e.trigger.variables.date)).toEqual(['2025-01-01T00:15:00Z', '2025-01-01T00:30:00Z', '2025-01-01T00:45:00Z']);
    expect(list[0].trigger).toMatchObject({ id: 'every', type: 'io.kestra.plugin.core.trigger.Schedule', variables: { next: '2025-01-01T00:30:00Z', previous: '2025-01-01T00:00:00Z' } });
    expect(list[0].variables.schedule.date).toBe('2025-01-01T00:15:00Z');
    expect(list[0].labels.some((l: any) => l.key === 'system.correlationId')).toBe(false);
    expect(list.every((e: any) => e.state.current === 'SUCCESS')).toBe(true);
  });

  test('across a DST change in Europe/Paris: 02:30 local on spring-forward day', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 2, 29, 0, 0)) });
    await saveFlow(c, scheduleFlow('30 2 * * *', '    timezone: Europe/Paris\n'));
    await advance(c, 3 * 86_400_000, 30 * 60_000);
    const dates = (await executions(c)).results.map((e: any) => e.trigger.variables.date);
    expect(dates[0]).toBe('2025-03-29T02:30:00+01:00');
    expect(dates.slice(1)).toEqual(['2025-03-30T03:30:00+02:00', '2025-03-31T02:30:00+02:00']);
  });

  test('a disabled trigger stops; re-enabled it fires again', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 0, 1)) });
    await saveFlow(c, scheduleFlow('0 * * * *'));
    await advance(c, 60 * 60_000);
    expect((await executions(c)).total).toBe(1);
    const put = await c.json('PUT', '/api/v1/triggers', { body: { namespace: 't', flowId: 'sched', triggerId: 'every', disabled: true } });
    expect(put.status).toBe(200);
    expect(put.body.disabled).toBe(true);
    expect(put.body.nextExecutionDate).toBeUndefined();
    await advance(c, 3 * 60 * 60_000);
    expect((await executions(c)).total).toBe(1);
    await c.json('PUT', '/api/v1/triggers', { body: { namespace: 't', flowId: 'sched', triggerId: 'every', disabled: false } });
    await advance(c, 60 * 60_000);
    expect((await executions(c)).total).toBe(2);
  });

  test('editing the flow without changing the schedule keeps the slot: no duplicate, no lost fire', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 0, 1)) });
    await saveFlow(c, scheduleFlow('0 * * * *'));
    await advance(c, 30 * 60_000);
    await c.json('PUT', '/api/v1/flows/t/sched', { body: scheduleFlow('0 * * * *').replace('message:', 'description: edited\n    message:').replace('tasks:', 'description: edited\ntasks:').replace('    description: edited\n', ''), type: YAML });
    await advance(c, 30 * 60_000);
    expect((await executions(c)).total).toBe(1);
    await c.json('PUT', '/api/v1/flows/t/sched', { body: scheduleFlow('30 * * * *'), type: YAML });
    await advance(c, 30 * 60_000);
    const dates = (await executions(c)).results.map((e: any) => e.trigger.variables.date);
    expect(dates).toEqual(['2025-01-01T01:00:00Z', '2025-01-01T01:30:00Z']);
    await c.call('DELETE', '/api/v1/flows/t/sched');
    expect((await c.json('GET', '/api/v1/triggers/search')).body.total).toBe(0);
  });

  test('one execution at a time: a slot waits for the running one, then fires', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 0, 1)) });
    await saveFlow(c, `id: sched\nnamespace: t\ntriggers:\n  - id: every\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "* * * * *"\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT150S\n`);
    await advance(c, 5 * 60_000, 30_000);
    const list = (await executions(c)).results;
    expect(list.length).toBe(2);
    const ctx = (await c.json('GET', '/api/v1/triggers/t/sched')).body.results[0];
    expect(ctx.executionId).toBe(list[1].id);
  });

  test('backfill of 100 fire times creates 100 executions with the right trigger.date and labels', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 1, 1)) });
    await saveFlow(c, scheduleFlow('0 * * * *'));
    const start = new Date(Date.UTC(2025, 0, 1, 0, 0)).toISOString();
    const end = new Date(Date.UTC(2025, 0, 5, 3, 0)).toISOString();
    const put = await c.json('PUT', '/api/v1/triggers', { body: { namespace: 't', flowId: 'sched', triggerId: 'every', backfill: { start, end, labels: [{ key: 'run', value: 'backfill' }] } } });
    expect(put.status).toBe(200);
    expect(put.body.backfill).toMatchObject({ start: '2025-01-01T00:00:00Z', paused: false });
    for (let i = 0; i < 400; i++) await tick(1);
    // all created at the same fake instant: order by slot
    const list = (await executions(c)).results.sort((a: any, b: any) => a.trigger.variables.date.localeCompare(b.trigger.variables.date));
    expect(list.length).toBe(100);
    expect(new Set(list.map((e: any) => e.trigger.variables.date)).size).toBe(100);
    expect(list[0].trigger.variables.date).toBe('2025-01-01T00:00:00Z');
    expect(list[99].trigger.variables.date).toBe('2025-01-05T03:00:00Z');
    // Kestra's Schedule adds the backfill labels and no system label of its own
    expect(list[0].labels.filter((l: any) => l.key.startsWith('system.'))).toEqual([]);
    expect(list[0].labels).toContainEqual({ key: 'run', value: 'backfill' });
    const ctx = (await c.json('GET', '/api/v1/triggers/t/sched')).body.results[0];
    expect(ctx.backfill).toBeUndefined();
  });

  test('bad backfills are refused; backfill pause/unpause/delete', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 1, 1)) });
    await saveFlow(c, `id: sched\nnamespace: t\ntriggers:\n  - id: every\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "0 * * * *"\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n`);
    const ref = { namespace: 't', flowId: 'sched', triggerId: 'every' };
    const bad = await c.json('PUT', '/api/v1/triggers', { body: { ...ref, backfill: { start: '2025-01-05T00:00:00Z', end: '2025-01-01T00:00:00Z' } } });
    expect(bad.status).toBe(400);
    expect((await c.json('PUT', '/api/v1/triggers', { body: { ...ref, backfill: { start: 'yesterday' } } })).status).toBe(400);
    expect((await c.json('PUT', '/api/v1/triggers/backfill/pause', { body: ref })).status).toBe(400);
    expect((await c.json('PUT', '/api/v1/triggers', { body: { namespace: 't', flowId: 'nope', triggerId: 'every' } })).status).toBe(404);
    await c.json('PUT', '/api/v1/triggers', { body: { ...ref, backfill: { start: '2025-01-01T00:00:00Z', end: '2025-01-01T05:00:00Z', paused: true } } });
    await tick();
    expect((await executions(c)).total).toBe(0);
    const unpaused = await c.json('PUT', '/api/v1/triggers/backfill/unpause', { body: ref });
    expect(unpaused.body.backfill.paused).toBe(false);
    await tick();
    expect((await executions(c)).total).toBe(1);
    const deleted = await c.json('POST', '/api/v1/triggers/backfill/delete', { body: ref });
    expect(deleted.body.backfill).toBeUndefined();
    const unlock = await c.json('POST', '/api/v1/triggers/t/sched/every/unlock');
    expect(unlock.status).toBe(200);
    expect(unlock.body.executionId).toBeUndefined();
    expect((await c.json('POST', '/api/v1/triggers/t/sched/every/unlock')).status).toBe(409);
  });

  test('missed schedules after a restart honour recoverMissedSchedules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-sched-'));
    try {
      for (const [policy, expected] of [['ALL', 3], ['LAST', 1], ['NONE', 0]] as const) {
        const data = join(dir, policy);
        const clock = fakeClock(Date.UTC(2025, 0, 1));
        const first = await testRuntime({ memory: false, dataDir: data, clock });
        await saveFlow(first, scheduleFlow('0 * * * *', `    recoverMissedSchedules: ${policy}\n`));
        await first.rt.dispose();
        clock.set(Date.UTC(2025, 0, 1, 3, 30));
        const second = await testRuntime({ memory: false, dataDir: data, clock });
        for (let i = 0; i < 20; i++) await tick(1);
        expect((await executions(second)).total).toBe(expected);
        await second.rt.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('flow enable/disable and the scheduler', () => {
  test('a disabled flow does not fire; enabled again it does', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 0, 1)) });
    await saveFlow(c, scheduleFlow('0 * * * *'));
    await c.json('POST', '/api/v1/flows/disable/by-ids', { body: [{ namespace: 't', id: 'sched' }] });
    await advance(c, 2 * 60 * 60_000);
    expect((await executions(c)).total).toBe(0);
    await c.json('POST', '/api/v1/flows/enable/by-ids', { body: [{ namespace: 't', id: 'sched' }] });
    await tick();
    // the missed slot fires once enabled (ALL), then the schedule goes on
    await advance(c, 60 * 60_000);
    expect((await executions(c)).total).toBeGreaterThanOrEqual(2);
  });
});

describe('trigger.Toggle', () => {
  test('a flow disables and re-enables another flow\'s schedule', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 0, 1)) });
    await saveFlow(c, scheduleFlow('0 * * * *'));
    await saveFlow(c, 'id: toggler\nnamespace: t\ninputs:\n  - id: on\n    type: BOOLEAN\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.trigger.Toggle\n    namespace: t\n    flowId: sched\n    trigger: every\n    enabled: "{{ inputs.on }}"\n');
    const off = new FormData();
    off.append('on', 'false');
    expect((await c.json('POST', '/api/v1/executions/t/toggler?wait=true', { body: off })).body.state.current).toBe('SUCCESS');
    expect((await c.json('GET', '/api/v1/triggers/t/sched')).body.results[0].disabled).toBe(true);
    const on = new FormData();
    on.append('on', 'true');
    await c.json('POST', '/api/v1/executions/t/toggler?wait=true', { body: on });
    expect((await c.json('GET', '/api/v1/triggers/t/sched')).body.results[0].disabled).toBe(false);
    await saveFlow(c, 'id: wrong\nnamespace: t\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.trigger.Toggle\n    namespace: t\n    flowId: sched\n    trigger: nope\n');
    expect((await c.json('POST', '/api/v1/executions/t/wrong?wait=true')).body.state.current).toBe('FAILED');
  });
});
