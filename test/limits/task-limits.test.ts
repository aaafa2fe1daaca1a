// The limits as a flow meets them: the runaway Log fails its execution with the limit named;
// long log messages are split like Kestra and capped with a marker; outputs over the cap fail
// the task with Kestra's message-protection error and no outputs.
import { describe, expect, test } from 'bun:test';
import { LOG_ENTRY_CHARS, LOG_MESSAGE_MAX_CHARS, splitLogMessage } from '../../src/logs/limits.ts';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const run = async (c: TestClient, source: string) => {
  const created = await c.json('POST', '/api/v1/flows', { body: source, type: YAML });
  if (created.status !== 200) throw new Error(JSON.stringify(created.body));
  const r = await c.json('POST', `/api/v1/executions/${created.body.namespace}/${created.body.id}?wait=true`);
  const logs = await c.json('GET', `/api/v1/logs/${r.body.id}`);
  return { exec: r.body, logs: logs.body as { message: string; level: string; timestamp: string }[] };
};
const logFlow = (message: string) => `id: f\nnamespace: t\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "${message}"\n`;

describe('limits in a flow', () => {
  test('the runaway render: the execution FAILS with the limit named; no giant log', async () => {
    const c = await testRuntime();
    const { exec, logs } = await run(c, logFlow('{% for i in range(1, 9000) %}{% for j in range(1, 9000) %}x{% endfor %}{% endfor %}'));
    expect(exec.state.current).toBe('FAILED');
    expect(exec.taskRunList[0].state.current).toBe('FAILED');
    const errors = logs.filter((l) => l.level === 'ERROR').map((l) => l.message);
    expect(errors[0]).toStartWith('io.pebbletemplates.pebble.error.PebbleException: Render limit exceeded: more than 100000 loop iterations');
    expect(logs.reduce((n, l) => n + l.message.length, 0)).toBeLessThan(10_000);
  });

  test('the limits follow the config', async () => {
    const c = await testRuntime({ renderMaxIterations: 5 });
    const { exec, logs } = await run(c, logFlow('{% for i in range(1, 6) %}x{% endfor %}'));
    expect(exec.state.current).toBe('FAILED');
    expect(logs.some((l) => l.message.includes('more than 5 loop iterations'))).toBe(true);
  });

  test('a long message is split in 10,240-character entries, 1 ms apart, as Kestra', async () => {
    const c = await testRuntime();
    const { exec, logs } = await run(c, logFlow(`{% for i in range(1, 25) %}{{ '${'y'.repeat(1000)}' }}{% endfor %}`));
    expect(exec.state.current).toBe('SUCCESS');
    const info = logs.filter((l) => l.level === 'INFO' && l.message.startsWith('y'));
    expect(info.map((l) => l.message.length)).toEqual([10_240, 10_240, 4_520]);
    expect(Date.parse(info[1]!.timestamp) - Date.parse(info[0]!.timestamp)).toBe(1);
  });

  test('a message over 1 MiB keeps its first 1 MiB and ends with a truncation marker', () => {
    const parts = splitLogMessage('z'.repeat(LOG_MESSAGE_MAX_CHARS + 12_345));
    expect(parts).toHaveLength(LOG_MESSAGE_MAX_CHARS / LOG_ENTRY_CHARS + 1);
    expect(parts.slice(0, -1).every((p) => p.length === LOG_ENTRY_CHARS)).toBe(true);
    expect(parts.at(-1)).toBe(`[truncated: 12345 more characters not stored; a log message keeps at most ${LOG_MESSAGE_MAX_CHARS} characters]`);
    expect(splitLogMessage('')).toEqual(['']);
  });

  test("outputs over the cap: the task FAILS, outputs dropped, with Kestra's message-protection error", async () => {
    const c = await testRuntime({ maxOutputsBytes: 1000 });
    const flow = `id: big\nnamespace: t\ntasks:\n  - id: out\n    type: io.kestra.plugin.core.output.OutputValues\n    values:\n      v: "{% for i in range(1, 600) %}ab{% endfor %}"\n`;
    const { exec, logs } = await run(c, flow);
    expect(exec.state.current).toBe('FAILED');
    expect(exec.taskRunList[0].outputs ?? {}).toEqual({});
    const error = logs.find((l) => l.level === 'ERROR')!.message;
    expect(error).toMatch(/^Unable to emit the worker task result to the queue: Message of size \d+ has exceeded the configured limit of 1000$/);
  });

  test('outputs within the cap are kept', async () => {
    const c = await testRuntime({ maxOutputsBytes: 1000 });
    const flow = `id: small\nnamespace: t\ntasks:\n  - id: out\n    type: io.kestra.plugin.core.output.OutputValues\n    values:\n      v: "{% for i in range(1, 100) %}ab{% endfor %}"\n`;
    const { exec } = await run(c, flow);
    expect(exec.state.current).toBe('SUCCESS');
    expect(exec.taskRunList[0].outputs.values.v).toHaveLength(200);
  });
});
