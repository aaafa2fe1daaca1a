// Labels of scheduled executions as Kestra's Schedule builds them (LabelService.fromTrigger):
// the flow's non-system labels, then the trigger's labels rendered one by one (a label that fails
// to render is omitted with a WARN), then backfill labels; no system label of the scheduler's own.
import { describe, expect, test } from 'bun:test';
import { fakeClock, type FakeClock } from '../../src/shared/time/clock.ts';
import { saveFlow } from '../helpers/flows.ts';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';

const tick = async (n = 5) => { for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r)); };
const FLOW = `id: sched
namespace: t
labels:
  team: data
  system.readOnly: "true"
triggers:
  - id: hourly
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "0 * * * *"
    labels:
      slot: "{{ trigger.date | date('HH') }}"
      broken: "{{ nope.missing }}"
tasks:
  - id: l
    type: io.kestra.plugin.core.log.Log
    message: "{{ labels.slot }}"
`;
const executions = async (c: TestClient) => (await c.json('GET', '/api/v1/executions/search?flowId=sched&namespace=t&size=1000')).body.results as any[];

describe('Schedule execution labels', () => {
  test('flow labels + rendered trigger labels; a failing label is omitted with a WARN; no correlationId, no backfill label', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 0, 1, 0, 30)) });
    await saveFlow(c, FLOW);
    (c.rt.clock as FakeClock).advance(30 * 60_000);
    await tick();
    const [e] = await executions(c);
    expect(e.labels).toEqual([{ key: 'team', value: 'data' }, { key: 'slot', value: '01' }]);
    const logs = c.rt.services.logs.logs.find('main', { namespace: 't' }).results;
    expect(logs.filter((l) => l.level === 'WARN').map((l) => [l.triggerId, l.message])).toEqual([['hourly', "Failed to render label 'broken', it will be omitted"]]);
  });

  test('a backfill adds its own labels (rendered, system ones dropped) and still no system label', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 0, 2)) });
    await saveFlow(c, FLOW);
    const put = await c.json('PUT', '/api/v1/triggers', { body: { namespace: 't', flowId: 'sched', triggerId: 'hourly', backfill: {
      start: '2025-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z', labels: [{ key: 'run', value: 'bf-{{ trigger.date | date("d") }}' }, { key: 'system.x', value: 'y' }],
    } } });
    expect(put.status).toBe(200);
    for (let i = 0; i < 20; i++) await tick(1);
    const [e] = await executions(c);
    expect(e.labels).toEqual([{ key: 'team', value: 'data' }, { key: 'slot', value: '00' }, { key: 'run', value: 'bf-1' }]);
  });
});
