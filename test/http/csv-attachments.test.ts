// The three CSV exports name their file the same way, byte for byte as Kestra does
// (TriggerController.exportTriggers, FlowControllerTest.exportFlows, ExecutionController):
// `attachment; filename=<name>.csv`, a bare token.

import { expect, test } from 'bun:test';
import { flowYaml, testRuntime, YAML } from '../helpers/runtime.ts';

test('executions, flows and triggers CSV exports share Kestra\'s Content-Disposition', async () => {
  const c = await testRuntime();
  await c.json('POST', '/api/v1/flows', { body: flowYaml('a'), type: YAML });
  for (const [path, name] of [['executions', 'executions.csv'], ['flows', 'flows.csv'], ['triggers', 'triggers.csv']]) {
    const res = await c.call('GET', `/api/v1/main/${path}/export/by-query/csv`);
    expect([path, res.status, res.headers.get('content-disposition')]).toEqual([path, 200, `attachment; filename=${name}`]);
  }
});
