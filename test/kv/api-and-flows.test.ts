import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';
import { runFlow } from '../helpers/flows.ts';

// One KV store behind the API, the KV tasks and the kv() function.
const READER = `id: reader
namespace: company.team
tasks:
  - id: read
    type: io.kestra.plugin.core.debug.Return
    format: "{{ kv('greeting') }} / {{ kv('config').retries }} / {{ kv('limit') + 1 }}"
`;
const WRITER = `id: writer
namespace: company.team
tasks:
  - id: set
    type: io.kestra.plugin.core.kv.Set
    key: from_flow
    value: "{{ flow.id }} wrote this"
  - id: set_typed
    type: io.kestra.plugin.core.kv.Set
    key: when
    value: "2024-05-06"
    kvType: DATE
    ttl: PT1H
`;

describe('KV shared by the API and flows', () => {
  for (const prefix of ['/api/v1', '/api/v1/main']) {
    test(`a value PUT through the API is read by a flow (${prefix})`, async () => {
      const c = await testRuntime();
      await c.json('PUT', `${prefix}/namespaces/company.team/kv/greeting`, { body: '"Hello"', type: 'application/json' });
      await c.json('PUT', `${prefix}/namespaces/company.team/kv/config`, { body: '{retries: 3}', type: 'text/plain' });
      await c.json('PUT', `${prefix}/namespaces/company.team/kv/limit`, { body: '41', type: 'application/json' });
      const execution = await runFlow(c, READER);
      expect(execution.state.current).toBe('SUCCESS');
      expect(execution.taskRunList[0].outputs.value).toBe('Hello / 3 / 42');
    });
  }

  test('a value set by a flow is read through the API, typed, with its TTL', async () => {
    const c = await testRuntime();
    const execution = await runFlow(c, WRITER);
    expect(execution.state.current).toBe('SUCCESS');
    expect((await c.json('GET', '/api/v1/namespaces/company.team/kv/from_flow')).body).toEqual({ type: 'STRING', value: 'writer wrote this' });
    expect((await c.json('GET', '/api/v1/main/namespaces/company.team/kv/when')).body).toEqual({ type: 'DATE', value: '2024-05-06' });
    const list = (await c.json('GET', '/api/v1/namespaces/company.team/kv')).body;
    expect(list.map((e: { key: string }) => e.key)).toEqual(['from_flow', 'when']);
    expect(list[1].expirationDate).toBe('2025-01-01T01:00:00Z');
  });

  test('a flow in another tenant does not see main tenant values', async () => {
    const c = await testRuntime();
    await c.json('PUT', '/api/v1/t2/namespaces/company.team/kv/greeting', { body: '"t2 only"', type: 'application/json' });
    const execution = await runFlow(c, READER);
    expect(execution.state.current).toBe('FAILED');
  });
});
