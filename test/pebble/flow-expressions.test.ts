import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML } from '../helpers/runtime.ts';

const FLOW = `id: ctx
namespace: company.team
labels:
  team: data
inputs:
  - id: who
    type: STRING
variables:
  region: eu
triggers:
  - id: daily
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "0 9 * * *"
tasks:
  - id: first
    type: io.kestra.plugin.core.log.Log
    message: hi
  - id: second
    type: io.kestra.plugin.core.log.Log
    message: "{{ outputs.first }}"
`;

describe('POST /flows/expressions', () => {
  for (const prefix of ['/api/v1', '/api/v1/main']) {
    test(`categorised expressions of a flow source (${prefix})`, async () => {
      const c = await testRuntime({ env: { SECRET_API_KEY: 'c2VjcmV0' } } as never);
      c.rt.services.kv.kv.forTenant('main').set('company.team', 'token', 'abc'); // the KV API is served by another feature
      const res = await c.json('POST', `${prefix}/flows/expressions`, { body: FLOW, type: YAML });
      expect(res.status).toBe(200);
      const cat = res.body.categories;
      expect(cat.taskOutputs).toEqual(['outputs.first', 'outputs.second', 'trigger.date', 'trigger.next', 'trigger.previous']);
      expect(cat.inputs).toEqual(['inputs.who']);
      expect(cat.variables).toEqual(['vars.region']);
      expect(cat.executionContext).toContain('labels.team');
      expect(cat.executionContext).toContain('execution.id');
      expect(cat.secrets).toEqual(["secret('API_KEY')"]);
      expect(cat.kvPairs).toEqual(["kv('token')"]);
      expect(cat.filters).toContain('| upper');
      expect(cat.functions).toContain('kv(key, namespace, errorOnMissing)');
      expect(cat.appContext).toContain('kestra.url');
    });
  }

  test('taskId keeps only the outputs of the tasks before it; an invalid source is a 422', async () => {
    const c = await testRuntime();
    const res = await c.json('POST', '/api/v1/flows/expressions?taskId=second', { body: FLOW, type: YAML });
    expect(res.body.categories.taskOutputs.filter((e: string) => e.startsWith('outputs.'))).toEqual(['outputs.first']);
    const bad = await c.json('POST', '/api/v1/flows/expressions', { body: 'id: x', type: YAML });
    expect(bad.status).toBe(422);
  });
});
