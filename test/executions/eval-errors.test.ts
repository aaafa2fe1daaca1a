// A failing eval answers {error, stackTrace} as Kestra does, and the stack trace names functions,
// never the server's file paths or source locations (review finding 5).
import { describe, expect, test } from 'bun:test';
import { testRuntime, flowYaml, YAML } from '../helpers/runtime.ts';

const SERVER_PATH = /\/(?:work|home|tmp|usr|opt|Users|root|var|src)\/|\.tsx?\b|:\d+:\d+|file:\/\//;

describe('POST /executions/{id}/eval errors', () => {
  test('error and stackTrace carry no server paths', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/flows', { body: flowYaml('hello', 't'), type: YAML });
    const e = (await c.json('POST', '/api/v1/executions/t/hello?wait=true', { body: new FormData() })).body;
    const tr = e.taskRunList[0].id;
    for (const [path, expression] of [
      [`/api/v1/executions/${e.id}/eval/${tr}`, '{{ nope }}'],
      [`/api/v1/executions/${e.id}/actions/eval`, '{{ 1 + }}'],
      [`/api/v1/executions/${e.id}/actions/eval/${tr}`, "{{ read('/etc/passwd-does-not-exist') }}"],
    ] as const) {
      const r = await c.json('POST', path, { body: expression, type: 'text/plain' });
      expect(r.status).toBe(200);
      expect(typeof r.body.error).toBe('string');
      expect(r.body.stackTrace).toStartWith(r.body.stackTrace.split(':')[0]);
      expect(r.body.stackTrace).toContain(r.body.error.split('\n')[0].slice(0, 20));
      expect(r.body.stackTrace).not.toMatch(SERVER_PATH);
      expect(r.body.error).not.toMatch(/\/(?:work|home|usr|opt|Users|root)\//);
    }
  });
});
