// The `filters[field][OPERATION]=value` query form: execution search and by-query actions, and the 422s
// the other searches give for filters they do not understand.
import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';
import { execute, saveFlow } from '../helpers/flows.ts';

const LOG = 'id: ok\nnamespace: t\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n';

describe('filters[...] form', () => {
  test('unsupported fields and operations are 422, so a by-query delete never widens', async () => {
    const c = await testRuntime();
    await saveFlow(c, LOG);
    await execute(c, 't', 'ok');
    for (const q of ['filters[flowId][WHAT]=x', 'filters[bogus][EQUALS]=x', 'filters[namespace][NOT_EQUALS]=t']) {
      const r = await c.json('DELETE', `/api/v1/executions/by-query?${q}`);
      expect(r.status).toBe(422);
    }
    expect((await c.json('GET', '/api/v1/executions/search')).body.total).toBe(1);
    expect((await c.json('GET', '/api/v1/flows/search?filters[q][REGEX]=x')).status).toBe(422);
    expect((await c.json('GET', '/api/v1/triggers/search?filters[flowId][CONTAINS]=x')).status).toBe(422);
    expect((await c.json('GET', '/api/v1/logs/search?filters[taskId][EQUALS]=x')).status).toBe(422);
  });

  test('NOT_EQUALS, IN, NOT_IN, EQUALS (exact namespace) and date operations work', async () => {
    const c = await testRuntime();
    await saveFlow(c, LOG);
    await saveFlow(c, 'id: ko\nnamespace: t.sub\ntasks:\n  - id: f\n    type: io.kestra.plugin.core.execution.Fail\n');
    await execute(c, 't', 'ok');
    await execute(c, 't.sub', 'ko');
    const total = async (q: string) => (await c.json('GET', `/api/v1/executions/search?${q}`)).body.total;
    expect(await total('filters[flowId][NOT_EQUALS]=ok')).toBe(1);
    expect(await total('filters[flowId][IN]=ok,ko')).toBe(2);
    expect(await total('filters[state][NOT_IN]=SUCCESS')).toBe(1);
    expect(await total('filters[namespace][EQUALS]=t')).toBe(1);
    expect(await total('filters[namespace][PREFIX]=t')).toBe(2);
    expect(await total('filters[startDate][GREATER_THAN_OR_EQUAL_TO]=2100-01-01T00:00:00Z')).toBe(0);
    expect((await c.json('GET', '/api/v1/executions/search?scope=NOPE')).status).toBe(422);
    expect((await c.json('GET', '/api/v1/flows/search?scope=NOPE')).status).toBe(422);
  });
});
