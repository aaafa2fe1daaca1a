// SSE against a real runtime on a real socket: follow an execution and its logs while it runs.
import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime } from '../helpers/runtime.ts';
import { saveFlow } from '../helpers/flows.ts';

/** Reads SSE frames until `until` says stop; returns them as {id, data}. */
async function readFrames(res: Response, until: (frames: { id: string; data: any }[]) => boolean) {
  const reader = res.body!.getReader();
  const frames: { id: string; data: any }[] = [];
  let buffer = '';
  while (!until(frames)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += new TextDecoder().decode(value);
    let i;
    while ((i = buffer.indexOf('\n\n')) >= 0) {
      const raw = buffer.slice(0, i); buffer = buffer.slice(i + 2);
      const id = /^id: (.*)$/m.exec(raw)?.[1];
      const data = /^data: (.*)$/m.exec(raw)?.[1];
      if (id && data) frames.push({ id, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return frames;
}

describe('follow endpoints on a running execution', () => {
  test('execution follow streams progress then the final execution as progress and end', async () => {
    const c = await testRuntime({ port: 0 });
    const url = await c.rt.listen();
    await saveFlow(c, 'id: slow\nnamespace: t\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1M\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: done\n');
    const created = await c.json('POST', '/api/v1/executions/t/slow');
    const res = await fetch(`${url}/api/v1/executions/${created.body.id}/follow`);
    expect(res.headers.get('content-type')).toStartWith('text/event-stream');
    const logs = await fetch(`${url}/api/v1/logs/${created.body.id}/follow`);
    const framesP = readFrames(res, (f) => f.some((x) => x.id === 'end'));
    const logsP = readFrames(logs, (f) => f.some((x) => x.data.message === 'done'));
    await new Promise((r) => setImmediate(r));
    (c.rt.clock as FakeClock).advance(60_000);
    const frames = await framesP;
    expect(frames[0]!.id).toBe('progress');
    expect(frames.at(-1)!.id).toBe('end');
    expect(frames.at(-1)!.data.state.current).toBe('SUCCESS');
    expect(frames.at(-2)!.id).toBe('progress');
    expect(frames.at(-2)!.data.state.current).toBe('SUCCESS');
    const logFrames = await logsP;
    expect(logFrames.every((f) => f.id === 'progress')).toBe(true);
    expect(logFrames.at(-1)!.data).toMatchObject({ taskId: 'log', level: 'INFO', message: 'done', executionId: created.body.id });
  });

  test('a finished execution gives one end event', async () => {
    const c = await testRuntime({ port: 0 });
    const url = await c.rt.listen();
    await saveFlow(c, 'id: quick\nnamespace: t\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n');
    const done = await c.json('POST', '/api/v1/executions/t/quick?wait=true');
    const frames = await readFrames(await fetch(`${url}/api/v1/executions/${done.body.id}/follow`), (f) => f.length >= 1);
    expect(frames.map((f) => f.id)).toEqual(['end']);
    const logs = await c.json('GET', `/api/v1/logs/${done.body.id}`);
    expect(logs.body.map((l: any) => l.message)).toEqual(['hi']);
  });
});
