// Kestra 2.0 reads one execution's logs with `filters[...]` (level, taskId, taskRunId,
// attemptNumber) instead of the legacy query parameters; both forms work, unknown filters are 422.
import { describe, expect, test } from 'bun:test';
import type { LogEntry, LogLevel } from '../../src/logs/model.ts';
import { logRoutes } from '../../src/logs/routes.ts';
import { createLogStore } from '../../src/logs/store.ts';
import { openDb } from '../../src/shared/db.ts';
import { observedBus, observedClock, serveModules, sseReader } from '../helpers/sse.ts';

const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);
const log = (over: Partial<LogEntry> & { message: string }): LogEntry => ({
  tenant: 'main', namespace: 'company.team', flowId: 'hello', executionId: 'exec1', taskId: 'a', taskRunId: 'tr1',
  attemptNumber: 0, timestamp: T0, level: 'INFO' as LogLevel, thread: 'worker', ...over,
});

function setup() {
  const logs = createLogStore(openDb(false));
  const bus = observedBus();
  const { clock } = observedClock(T0);
  const { app, url } = serveModules(logRoutes({ logs, events: bus.events, clock }));
  logs.insert([
    log({ message: 'a-debug', level: 'DEBUG' }),
    log({ message: 'a-info-retry', timestamp: T0 + 1, attemptNumber: 1 }),
    log({ message: 'b-warn', timestamp: T0 + 2, level: 'WARN', taskId: 'b', taskRunId: 'tr2' }),
    log({ message: 'b-error', timestamp: T0 + 3, level: 'ERROR', taskId: 'b', taskRunId: 'tr2' }),
  ]);
  const get = async (path: string) => {
    const res = await app.handle(new Request(`http://localhost${path}`));
    const text = await res.text();
    return { status: res.status, text, body: (() => { try { return JSON.parse(text); } catch { return text; } })() };
  };
  return { get, url, bus, logs };
}
const messages = (body: any) => body.map((l: any) => l.message);

describe.each(['/api/v1', '/api/v1/main'])('execution log filters under %s', (base) => {
  test('GET /logs/{id} with filters[level], [taskId], [taskRunId], [attemptNumber]', async () => {
    const { get } = setup();
    expect(messages((await get(`${base}/logs/exec1?filters[level][EQUALS]=WARN`)).body)).toEqual(['b-warn', 'b-error']);
    expect(messages((await get(`${base}/logs/exec1?filters[level][GREATER_THAN_OR_EQUAL_TO]=ERROR`)).body)).toEqual(['b-error']);
    expect(messages((await get(`${base}/logs/exec1?filters[taskId][EQUALS]=b`)).body)).toEqual(['b-warn', 'b-error']);
    expect(messages((await get(`${base}/logs/exec1?filters[taskRunId][EQUALS]=tr1&filters[attemptNumber][EQUALS]=1`)).body)).toEqual(['a-info-retry']);
    // the legacy parameters still work
    expect(messages((await get(`${base}/logs/exec1?taskRunId=tr1&attempt=0`)).body)).toEqual(['a-debug']);
  });

  test('download takes the same filters; bad filters are 422', async () => {
    const { get } = setup();
    const text = (await get(`${base}/logs/exec1/download?filters[taskId][EQUALS]=b&filters[level][EQUALS]=ERROR`)).text;
    expect(text).toBe('2025-01-01T10:00:00.003Z ERROR b-error');
    expect((await get(`${base}/logs/exec1?filters[namespace][EQUALS]=x`)).status).toBe(422);
    expect((await get(`${base}/logs/exec1?filters[attemptNumber][EQUALS]=one`)).status).toBe(422);
    expect((await get(`${base}/logs/exec1?filters[level][EQUALS]=LOUD`)).status).toBe(422);
  });

  test('follow takes the filters: only task b, history then live', async () => {
    const { url, bus, logs } = setup();
    const res = await fetch(`${url}${base}/logs/exec1/follow?filters[taskId][EQUALS]=b`);
    const sse = sseReader(res);
    expect((await sse.next())!.data.message).toBe('b-warn');
    expect((await sse.next())!.data.message).toBe('b-error');
    await bus.untilListeners('log.created', 1);
    for (const entry of [log({ message: 'a-live', timestamp: T0 + 5 }), log({ message: 'b-live', timestamp: T0 + 6, taskId: 'b' })]) {
      logs.insert([entry]);
      bus.events.emit('log.created', { entry });
    }
    expect((await sse.next())!.data.message).toBe('b-live');
    await sse.cancel();
  });
});
