// Retries with `behavior: CREATE_NEW_EXECUTION` (Kestra's RetryCaseTest retryNewExecution*):
// every retry is a new execution replayed from scratch, chained to the failed one.
import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../../src/shared/time/clock.ts';
import { testRuntime, type TestClient } from '../../helpers/runtime.ts';
import { saveFlow } from '../../helpers/flows.ts';

const FAIL = 'io.kestra.plugin.core.execution.Fail';
const tick = () => new Promise((r) => setImmediate(r));

/** Starts the flow and drives the clock until `count` executions of it are terminal. */
async function runChain(c: TestClient, source: string, count: number, query = '') {
  const flow = await saveFlow(c, source);
  await c.json('POST', `/api/v1/executions/${flow.namespace}/${flow.id}${query}`, { body: new FormData() });
  const clock = c.rt.clock as FakeClock;
  const terminal = new Set(['SUCCESS', 'WARNING', 'FAILED', 'KILLED', 'RETRIED']);
  let all: any[] = [];
  for (let i = 0; i < 200; i++) {
    await tick();
    all = (await c.json('GET', `/api/v1/executions/search?flowId=${flow.id}&size=50&sort=state.startDate:asc`)).body.results;
    if (all.length >= count && all.every((e: any) => terminal.has(e.state.current))) break;
    clock.advance(500);
  }
  return all.sort((a: any, b: any) => a.metadata.attemptNumber - b.metadata.attemptNumber);
}

describe('retry behavior CREATE_NEW_EXECUTION', () => {
  test('a task retry replays the execution until maxAttempt: RETRIED, RETRIED, FAILED, chained by parentId/originalId/attemptNumber', async () => {
    const c = await testRuntime();
    const chain = await runChain(c, `id: again
namespace: t
labels:
  team: a
tasks:
  - id: fail
    type: ${FAIL}
    retry:
      behavior: CREATE_NEW_EXECUTION
      type: constant
      maxAttempt: 3
      interval: PT1S
`, 3, '?labels=run:1');
    expect(chain.map((e) => e.state.current)).toEqual(['RETRIED', 'RETRIED', 'FAILED']);
    const [first, second, third] = chain;
    expect(chain.map((e) => e.metadata.attemptNumber)).toEqual([1, 2, 3]);
    expect(first.parentId).toBeUndefined();
    expect(second.parentId).toBe(first.id);
    expect(third.parentId).toBe(second.id);
    for (const e of chain) {
      expect(e.originalId).toBe(first.id);
      expect(e.metadata.originalCreatedDate).toBe(first.metadata.originalCreatedDate);
      expect(e.labels).toEqual(first.labels);
      expect(e.labels).toContainEqual({ key: 'run', value: '1' });
      expect(e.labels).toContainEqual({ key: 'system.correlationId', value: first.id });
    }
    // the failed task run goes FAILED then RETRIED, its attempt stays FAILED; one attempt per execution
    const run = first.taskRunList[0];
    expect(first.taskRunList).toHaveLength(1);
    expect(run.state.histories.map((h: any) => h.state)).toEqual(['CREATED', 'RUNNING', 'FAILED', 'RETRIED']);
    expect(run.attempts.map((a: any) => a.state.current)).toEqual(['FAILED']);
    expect(first.state.histories.map((h: any) => h.state)).toEqual(['CREATED', 'RUNNING', 'RETRIED']);
    expect(third.taskRunList[0].state.current).toBe('FAILED');
    expect(third.state.histories.map((h: any) => h.state)).toEqual(['CREATED', 'RUNNING', 'FAILED']);
    // the successor starts at the retry date, one interval after the failure
    expect(Date.parse(second.state.startDate) - Date.parse(first.state.endDate)).toBe(1000);
  });

  test('a flow-level policy with maxDuration retries until originalCreatedDate + maxDuration, ancestors go RETRIED', async () => {
    const c = await testRuntime();
    const chain = await runChain(c, `id: flowretry
namespace: t
retry:
  behavior: CREATE_NEW_EXECUTION
  type: constant
  interval: PT2S
  maxDuration: PT5S
tasks:
  - id: seq
    type: io.kestra.plugin.core.flow.Sequential
    tasks:
      - id: fail
        type: ${FAIL}
errors:
  - id: never-while-retrying
    type: io.kestra.plugin.core.log.Log
    message: errors
`, 3);
    expect(chain.map((e) => e.state.current)).toEqual(['RETRIED', 'RETRIED', 'FAILED']);
    const [first, , last] = chain;
    expect(first.taskRunList.map((r: any) => `${r.taskId}:${r.state.current}`)).toEqual(['seq:RETRIED', 'fail:RETRIED']);
    // a RETRIED execution is over: its errors branch does not run, the last one runs it
    expect(last.taskRunList.map((r: any) => `${r.taskId}:${r.state.current}`)).toEqual(['seq:FAILED', 'fail:FAILED', 'never-while-retrying:SUCCESS']);
  });

  test('RETRY_FAILED_TASK (the default) still retries in place', async () => {
    const c = await testRuntime();
    const chain = await runChain(c, `id: inplace\nnamespace: t\ntasks:\n  - id: fail\n    type: ${FAIL}\n    retry:\n      type: constant\n      maxAttempt: 2\n      interval: PT1S\n`, 1);
    expect(chain).toHaveLength(1);
    expect(chain[0].state.current).toBe('FAILED');
    expect(chain[0].taskRunList[0].attempts).toHaveLength(2);
  });
});
