import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML } from '../helpers/runtime.ts';
import { runFlow } from '../helpers/flows.ts';

const FLOW = `id: render
namespace: company.team
variables:
  region: eu-west-1
inputs:
  - id: who
    type: STRING
    defaults: world
tasks:
  - id: hello
    type: io.kestra.plugin.core.debug.Return
    format: "hi {{ inputs.who }}"
`;

describe('Pebble catalogue', () => {
  test('GET /pebble/filters lists the filter names the engine really has, sorted', async () => {
    const { json } = await testRuntime();
    const res = await json('GET', '/api/v1/pebble/filters');
    expect(res.status).toBe(200);
    expect(res.body).toContain('upper');
    expect(res.body).toContain('dateAdd');
    expect(res.body).toContain('jq');
    expect([...res.body].sort()).toEqual(res.body);
  });

  test('GET /pebble/functions gives each function with its arguments', async () => {
    const { json } = await testRuntime();
    const res = await json('GET', '/api/v1/pebble/functions');
    expect(res.status).toBe(200);
    const kv = res.body.find((f: any) => f.name === 'kv');
    expect(kv).toEqual({ name: 'kv', arguments: [{ name: 'key', defaultValue: null }, { name: 'namespace', defaultValue: null }, { name: 'errorOnMissing', defaultValue: null }] });
    expect(res.body.find((f: any) => f.name === 'uuid')).toEqual({ name: 'uuid', arguments: [] });
  });
});

describe('POST /expressions/render', () => {
  for (const prefix of ['/api/v1', '/api/v1/main']) {
    test(`against a saved flow, block by block, unresolvable blocks kept raw (${prefix})`, async () => {
      const c = await testRuntime();
      await c.json('POST', '/api/v1/flows', { body: FLOW, type: YAML });
      const res = await c.json('POST', `${prefix}/expressions/render`, {
        body: {
          namespace: 'company.team', flowId: 'render',
          expressions: ['{{ vars.region }}-{{ now() }}', '{{ flow.id | upper }}', "{{ secret('API_KEY') }}", '{{ inputs.who }}', '{{ envs.home }}', 'plain', '{{ vars.region'],
        },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ rendered: {
        '{{ vars.region }}-{{ now() }}': 'eu-west-1-{{ now() }}',
        '{{ flow.id | upper }}': 'RENDER',
        "{{ secret('API_KEY') }}": '[secret: API_KEY]',
        '{{ inputs.who }}': '{{ inputs.who }}',
        '{{ envs.home }}': '{{ envs.home }}',
        plain: 'plain',
        '{{ vars.region': '{{ vars.region',
      } });
    });
  }

  test('against an execution: inputs and outputs resolve; tenants are isolated', async () => {
    const c = await testRuntime();
    const exec = await runFlow(c, FLOW);
    const res = await c.json('POST', '/api/v1/expressions/render', {
      body: { executionId: exec.id, expressions: ['{{ inputs.who }} / {{ outputs.hello.value }} / {{ execution.id }}'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.rendered['{{ inputs.who }} / {{ outputs.hello.value }} / {{ execution.id }}']).toBe(`world / hi world / ${exec.id}`);
    const other = await c.json('POST', '/api/v1/t2/expressions/render', { body: { executionId: exec.id, expressions: ['x'] } });
    expect(other.status).toBe(404);
    expect(other.body.message).toBe(`Not Found: Unable to find execution '${exec.id}'`);
  });

  test('against an unsaved flow source; without context only globals resolve', async () => {
    const c = await testRuntime({ globals: { team: 'data' } } as never);
    const fromSource = await c.json('POST', '/api/v1/expressions/render', { body: { flow: FLOW, expressions: ['{{ flow.namespace }}:{{ vars.region }}'] } });
    expect(fromSource.body.rendered).toEqual({ '{{ flow.namespace }}:{{ vars.region }}': 'company.team:eu-west-1' });
    const bare = await c.json('POST', '/api/v1/expressions/render', { body: { expressions: ['{{ globals.team }}', '{{ flow.id }}', "{% raw %}{{ globals.team }}{% endraw %}"] } });
    expect(bare.body.rendered).toEqual({ '{{ globals.team }}': 'data', '{{ flow.id }}': '{{ flow.id }}', '{% raw %}{{ globals.team }}{% endraw %}': '{% raw %}{{ globals.team }}{% endraw %}' });
  });

  test('bad requests: empty or missing expressions (422), unknown flow (404), invalid source (422)', async () => {
    const c = await testRuntime();
    const empty = await c.json('POST', '/api/v1/expressions/render', { body: { expressions: [] } });
    expect(empty.status).toBe(422);
    expect(empty.body.message).toBe('Invalid entity: request.expressions: must not be empty');
    expect((await c.json('POST', '/api/v1/expressions/render', { body: {} })).status).toBe(422);
    expect((await c.json('POST', '/api/v1/expressions/render', { body: '[1]', type: 'application/json' })).status).toBe(422);
    const missing = await c.json('POST', '/api/v1/expressions/render', { body: { namespace: 'a', flowId: 'b', expressions: ['x'] } });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe("Not Found: Unable to find flow 'a.b'");
    const bad = await c.json('POST', '/api/v1/expressions/render', { body: { flow: 'id: x', expressions: ['x'] } });
    expect(bad.status).toBe(422);
  });
});
