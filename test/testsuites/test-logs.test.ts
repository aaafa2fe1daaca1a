// The lines of test executions are treated like the executions (Kestra's LogEntry.executionKind):
// left out of log searches and log statistics, as test executions are left out of execution
// searches; read by execution id (read, download) they are all there, marked executionKind TEST.
import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML } from '../helpers/runtime.ts';

const FLOW = `id: greet
namespace: qa
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: "hello from {{ execution.id }}"
`;
const SUITE = `id: greet_tests
namespace: qa
flowId: greet
testCases:
  - id: says_hello
    type: io.kestra.core.tests.flow.UnitTest
    assertions:
      - value: "{{ tasks.hello.state }}"
        equalTo: SUCCESS
`;

describe('logs of test executions', () => {
  test('out of log search, statistics and execution search; there when read by execution', async () => {
    const c = await testRuntime();
    expect((await c.json('POST', '/api/v1/flows', { body: FLOW, type: YAML })).status).toBe(200);
    expect((await c.json('POST', '/api/v1/tests', { body: SUITE, type: YAML })).status).toBe(200);
    const normal = (await c.json('POST', '/api/v1/main/executions/qa/greet?wait=true', { body: new FormData() })).body;
    expect(normal.state.current).toBe('SUCCESS');
    const run = (await c.json('POST', '/api/v1/main/tests/qa/greet_tests/run', { body: {} })).body;
    expect(run.state).toBe('SUCCESS');
    const testId = run.results[0].executionId as string;

    const search = (await c.json('GET', '/api/v1/main/logs/search?namespace=qa&size=100')).body;
    expect(search.results.map((l: any) => l.executionId)).toEqual(search.results.map(() => normal.id));
    expect(search.results.some((l: any) => l.message === `hello from ${normal.id}`)).toBe(true);
    expect(search.results.every((l: any) => l.executionKind === undefined)).toBe(true);
    expect((await c.json('GET', `/api/v1/main/logs/search?q=${testId}`)).body.total).toBe(0);

    const own = (await c.json('GET', `/api/v1/main/logs/${testId}`)).body;
    expect(own.some((l: any) => l.message === `hello from ${testId}`)).toBe(true);
    expect(own.every((l: any) => l.executionKind === 'TEST')).toBe(true);
    expect(await (await c.call('GET', `/api/v1/main/logs/${testId}/download`)).text()).toContain(`hello from ${testId}`);

    const executions = (await c.json('GET', '/api/v1/main/executions/search?namespace=qa')).body;
    expect(executions.results.map((e: any) => e.id)).toEqual([normal.id]);
    expect((await c.json('GET', `/api/v1/main/executions/${testId}`)).body.kind).toBe('TEST');

    const daily = (await c.json('POST', '/api/v1/main/stats/logs/daily', { body: {} })).body as { counts: Record<string, number> }[];
    const infos = daily.reduce((n, b) => n + b.counts.INFO!, 0);
    expect(infos).toBe(search.results.filter((l: any) => l.level === 'INFO').length);
  });
});
