// Reset means an empty runtime (review finding 7): an execution that was running (a Sleep on the
// fake clock) is gone with everything else: not readable, not killable, not finished later by
// time, not re-saved by its aborted attempt.
import { describe, expect, test } from 'bun:test';
import { advance, adminRuntime, deploy, start } from './helpers.ts';

const SLEEPER = 'id: s\nnamespace: t\ntasks:\n  - id: z\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n  - id: after\n    type: io.kestra.plugin.core.log.Log\n    message: woke up\n';

describe('reset with a running execution', () => {
  for (const keep of ['', '?keep=flows']) {
    test(`POST /_kestra-lite/reset${keep}: nothing of the old execution answers`, async () => {
      const c = await adminRuntime();
      await deploy(c, SLEEPER);
      const id = await start(c, 't', 's');
      await advance(c, { duration: 'PT1M' });
      expect((await c.json('GET', `/api/v1/executions/${id}`)).body.state.current).toBe('RUNNING');

      expect((await c.call('POST', `/_kestra-lite/reset${keep}`)).status).toBe(204);
      expect((await c.json('GET', `/api/v1/executions/${id}`)).status).toBe(404);
      expect((await c.json('DELETE', `/api/v1/executions/${id}/kill`)).status).toBe(404);
      await advance(c, { duration: 'PT2H' });
      expect((await c.json('GET', `/api/v1/executions/${id}`)).status).toBe(404);
      expect((await c.json('GET', '/api/v1/executions/search')).body.total).toBe(0);
      expect((await c.json('GET', '/api/v1/logs/search')).body.total).toBe(0);
    });
  }

  test('after the reset, the flow (kept) runs again from scratch on the same clock', async () => {
    const c = await adminRuntime();
    await deploy(c, SLEEPER);
    await start(c, 't', 's');
    await c.call('POST', '/_kestra-lite/reset?keep=flows');
    const id = await start(c, 't', 's');
    await advance(c, { duration: 'PT1H' });
    expect((await c.json('GET', `/api/v1/executions/${id}`)).body.state.current).toBe('SUCCESS');
    expect((await c.json('GET', '/api/v1/executions/search')).body.total).toBe(1);
  });
});
