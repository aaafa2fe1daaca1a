import { describe, expect, test } from 'bun:test';
import { saveFlow } from '../helpers/flows.ts';
import { testRuntime, YAML } from '../helpers/runtime.ts';

const FLOW = `id: deploy
namespace: company.team
inputs:
  - id: env
    type: STRING
    defaults: dev
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: ["a", "b"]
    tasks:
      - id: child
        type: io.kestra.plugin.core.flow.Subflow
        namespace: company.other
        flowId: worker
        revision: 2
  - id: approve
    type: io.kestra.plugin.core.flow.Pause
    onResume:
      - id: ok
        type: BOOLEAN
  - id: log
    type: io.kestra.core.tasks.log.Log
    message: done
errors:
  - id: alert
    type: io.kestra.plugin.core.log.Log
    message: failed
triggers:
  - id: nightly
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "0 1 * * *"
`;
const simple = (id: string, ns: string) => `id: ${id}\nnamespace: ${ns}\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`;

describe('GET /executions/namespaces, /executions/namespaces/{namespace}/flows, /executions/flows/{namespace}/{flowId}', () => {
  for (const base of ['/api/v1', '/api/v1/main', '/api/v1/t2']) {
    test(`namespaces with flows, their flows and one flow as FlowForExecution under ${base}`, async () => {
      const c = await testRuntime();
      for (const src of [FLOW, simple('b', 'company.team'), simple('x', 'other'), simple('gone', 'deleted.ns')]) {
        expect((await c.json('POST', `${base}/flows`, { body: src, type: YAML })).status).toBe(200);
      }
      expect((await c.call('DELETE', `${base}/flows/deleted.ns/gone`)).status).toBe(204);

      expect((await c.json('GET', `${base}/executions/namespaces`)).body).toEqual(['company.team', 'other']);

      const list = await c.json('GET', `${base}/executions/namespaces/company.team/flows`);
      expect(list.status).toBe(200);
      expect(list.body.map((f: any) => f.id)).toEqual(['b', 'deploy']);
      expect(list.body[0]).toEqual({
        id: 'b', namespace: 'company.team', revision: 1, disabled: false, deleted: false,
        tasks: [{ id: 't', type: 'io.kestra.plugin.core.log.Log' }], triggers: [],
      });
      expect((await c.json('GET', `${base}/executions/namespaces/company/flows`)).body).toEqual([]);

      const one = await c.json('GET', `${base}/executions/flows/company.team/deploy`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual({
        id: 'deploy', namespace: 'company.team', revision: 1,
        inputs: [{ id: 'env', type: 'STRING', defaults: 'dev', required: true }],
        disabled: false, deleted: false,
        tasks: [
          { id: 'each', type: 'io.kestra.plugin.core.flow.ForEach', tasks: [
            { id: 'child', type: 'io.kestra.plugin.core.flow.Subflow', subflowId: { namespace: 'company.other', flowId: 'worker', revision: 2 } },
          ] },
          { id: 'approve', type: 'io.kestra.plugin.core.flow.Pause', tasks: [], inputs: [{ id: 'ok', type: 'BOOLEAN' }] },
          { id: 'log', type: 'io.kestra.core.tasks.log.Log' },
        ],
        triggers: [{ id: 'nightly', type: 'io.kestra.plugin.core.trigger.Schedule' }],
      });
      expect(one.body.source).toBeUndefined();
    });
  }

  test('revisions, unknown flows and tenants', async () => {
    const c = await testRuntime();
    await saveFlow(c, simple('b', 'company.team'));
    await c.json('PUT', '/api/v1/flows/company.team/b', { body: simple('b', 'company.team').replace('hi', 'ho'), type: YAML });
    expect((await c.json('GET', '/api/v1/executions/flows/company.team/b')).body.revision).toBe(2);
    expect((await c.json('GET', '/api/v1/executions/flows/company.team/b?revision=1')).body.revision).toBe(1);
    for (const path of ['company.team/b?revision=9', 'company.team/nope', 'nope/b']) {
      const r = await c.json('GET', `/api/v1/executions/flows/${path}`);
      expect(r.status).toBe(404);
      expect(r.body.message).toBe('Not Found: No value present');
    }
    expect((await c.json('GET', '/api/v1/executions/flows/company.team/b?revision=x')).status).toBe(422);
    expect((await c.json('GET', '/api/v1/t2/executions/flows/company.team/b')).status).toBe(404);
    expect((await c.json('GET', '/api/v1/t2/executions/namespaces')).body).toEqual([]);
    expect((await c.json('GET', '/api/v1/t2/executions/namespaces/company.team/flows')).body).toEqual([]);
  });
});
