import { describe, expect, test } from 'bun:test';
import type { LogEntry, LogLevel } from '../../src/logs/model.ts';
import { logRoutes } from '../../src/logs/routes.ts';
import { createLogStore, type LogStore } from '../../src/logs/store.ts';
import { openDb } from '../../src/shared/db.ts';
import { observedBus, observedClock, serveModules, sseReader } from '../helpers/sse.ts';

const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);

function log(over: Partial<LogEntry> & { message: string }): LogEntry {
  return {
    tenant: 'main', namespace: 'company.team', flowId: 'hello', executionId: 'exec1', taskId: 'log', taskRunId: 'tr1',
    attemptNumber: 0, timestamp: T0, level: 'INFO' as LogLevel, thread: 'worker', ...over,
  };
}

function setup() {
  const logs: LogStore = createLogStore(openDb(false));
  const bus = observedBus();
  const { clock } = observedClock(T0);
  const { app, url } = serveModules(logRoutes({ logs, events: bus.events, clock }));
  const get = async (path: string, method = 'GET') => {
    const res = await app.handle(new Request(`http://localhost${path}`, { method }));
    const text = await res.text();
    let body: any = text;
    try { body = text ? JSON.parse(text) : undefined; } catch { /* text */ }
    return { status: res.status, body, res, text };
  };
  /** what the engine does: store, then announce */
  const write = (...entries: LogEntry[]) => {
    logs.insert(entries);
    for (const entry of entries) bus.events.emit('log.created', { entry });
  };
  return { logs, bus, url, get, write };
}

function seed(write: (...e: LogEntry[]) => void) {
  write(
    log({ message: 'first', timestamp: T0, level: 'DEBUG' }),
    log({ message: 'second', timestamp: T0 + 1, level: 'INFO', taskRunId: 'tr1', attemptNumber: 1 }),
    log({ message: 'third warn', timestamp: T0 + 2, level: 'WARN', taskId: 'other', taskRunId: 'tr2' }),
    log({ message: 'fourth error', timestamp: T0 + 3, level: 'ERROR', taskId: 'other', taskRunId: 'tr2', attemptNumber: 1 }),
    log({ message: 'elsewhere', executionId: 'exec2', timestamp: T0 + 4, namespace: 'company.team.sub', flowId: 'hello' }),
    log({ message: 'trigger says hi', executionId: undefined, taskId: undefined, taskRunId: undefined, triggerId: 'schedule', timestamp: T0 + 5, flowId: 'hello' }),
    log({ message: 'other ns', executionId: 'exec3', namespace: 'acme', flowId: 'etl', timestamp: T0 + 6 }),
    log({ message: 'other tenant', tenant: 'blue', timestamp: T0 + 7 }),
  );
}

const messages = (items: { message: string }[]) => items.map((l) => l.message);

describe('GET /logs/search', () => {
  test('pages in timestamp order with a total', async () => {
    const { get, write } = setup();
    seed(write);
    const r = await get('/api/v1/logs/search?size=3&page=2');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(7);
    expect(messages(r.body.results)).toEqual(['fourth error', 'elsewhere', 'trigger says hi']);
    expect((await get('/api/v1/logs/search?page=9')).body).toEqual({ results: [], total: 7 });
  });

  test('filters: namespace prefix, flowId, triggerId, minLevel, q, dates, sort', async () => {
    const { get, write } = setup();
    seed(write);
    expect((await get('/api/v1/logs/search?namespace=company.team&size=50')).body.total).toBe(6);
    expect((await get('/api/v1/logs/search?namespace=company.team.sub')).body.results[0].message).toBe('elsewhere');
    expect((await get('/api/v1/logs/search?flowId=etl')).body.total).toBe(1);
    expect(messages((await get('/api/v1/logs/search?triggerId=schedule')).body.results)).toEqual(['trigger says hi']);
    expect(messages((await get('/api/v1/logs/search?minLevel=WARN')).body.results)).toEqual(['third warn', 'fourth error']);
    expect(messages((await get('/api/v1/logs/search?q=error')).body.results)).toEqual(['fourth error']);
    const from = encodeURIComponent(new Date(T0 + 2).toISOString());
    const to = encodeURIComponent(new Date(T0 + 3).toISOString());
    expect(messages((await get(`/api/v1/logs/search?startDate=${from}&endDate=${to}`)).body.results)).toEqual(['third warn', 'fourth error']);
    expect(messages((await get('/api/v1/logs/search?sort=timestamp:desc&size=2')).body.results)).toEqual(['other ns', 'trigger says hi']);
  });

  test('validation errors are 422s with Kestra messages', async () => {
    const { get } = setup();
    const dates = await get('/api/v1/logs/search?startDate=2025-01-02T00:00:00Z&endDate=2025-01-01T00:00:00Z');
    expect(dates.status).toBe(422);
    expect(dates.body.message).toBe('Illegal argument: Start date must be before End Date');
    expect((await get('/api/v1/logs/search?page=0')).status).toBe(422);
    expect((await get('/api/v1/logs/search?size=0')).status).toBe(422);
    expect((await get('/api/v1/logs/search?startDate=yesterday')).status).toBe(422);
    expect((await get('/api/v1/logs/search?sort=timestamp')).body.message).toBe('Unprocessable Entity: Invalid sort parameter');
    const level = await get('/api/v1/logs/search?minLevel=LOUD');
    expect(level.status).toBe(422);
    expect(level.body.message).toContain('[minLevel]');
  });

  test('tenants only see their own logs', async () => {
    const { get, write } = setup();
    seed(write);
    const r = await get('/api/v1/blue/logs/search');
    expect(messages(r.body.results)).toEqual(['other tenant']);
    expect(r.body.results[0].tenantId).toBe('blue');
  });
});

describe('GET /logs/{executionId}', () => {
  test('returns the LogEntry shape, ordered, [] for unknown executions', async () => {
    const { get, write } = setup();
    seed(write);
    const r = await get('/api/v1/logs/exec1');
    expect(r.status).toBe(200);
    expect(messages(r.body)).toEqual(['first', 'second', 'third warn', 'fourth error']);
    expect(r.body[0]).toEqual({
      namespace: 'company.team', flowId: 'hello', taskId: 'log', executionId: 'exec1', taskRunId: 'tr1', attemptNumber: 0,
      timestamp: '2025-01-01T10:00:00.000Z', level: 'DEBUG', thread: 'worker', message: 'first', deleted: false,
    });
    expect((await get('/api/v1/logs/nope')).body).toEqual([]);
  });

  test('taskId wins over taskRunId; taskRunId honours attempt; minLevel applies', async () => {
    const { get, write } = setup();
    seed(write);
    expect(messages((await get('/api/v1/logs/exec1?taskId=other&taskRunId=tr1')).body)).toEqual(['third warn', 'fourth error']);
    expect(messages((await get('/api/v1/logs/exec1?taskId=other&minLevel=ERROR')).body)).toEqual(['fourth error']);
    expect(messages((await get('/api/v1/logs/exec1?taskRunId=tr1')).body)).toEqual(['first', 'second']);
    expect(messages((await get('/api/v1/logs/exec1?taskRunId=tr1&attempt=1')).body)).toEqual(['second']);
    expect(messages((await get('/api/v1/logs/exec1?minLevel=info')).body)).toEqual(['second', 'third warn', 'fourth error']);
    expect((await get('/api/v1/logs/exec1?minLevel=NOPE')).status).toBe(422);
  });

  test('download is a text attachment, one line per log, no trailing newline', async () => {
    const { get, write } = setup();
    seed(write);
    const r = await get('/api/v1/logs/exec1/download?minLevel=INFO');
    expect(r.status).toBe(200);
    expect(r.res.headers.get('content-type')).toStartWith('text/plain');
    expect(r.res.headers.get('content-disposition')).toBe('attachment; filename="exec1.log"');
    expect(r.text).toBe([
      '2025-01-01T10:00:00.001Z INFO second',
      '2025-01-01T10:00:00.002Z WARN third warn',
      '2025-01-01T10:00:00.003Z ERROR fourth error',
    ].join('\n'));
    // whole seconds print like java.time.Instant (no fraction)
    expect((await get('/api/v1/logs/exec1/download?taskRunId=tr1&attempt=0')).text).toBe('2025-01-01T10:00:00Z DEBUG first');
    expect((await get('/api/v1/logs/nope/download')).text).toBe('');
  });
});

describe('DELETE /logs', () => {
  test('by execution: filters combine with AND, 200 with an empty body', async () => {
    const { get, write } = setup();
    seed(write);
    const r = await get('/api/v1/logs/exec1?taskId=other&minLevel=ERROR', 'DELETE');
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    expect(messages((await get('/api/v1/logs/exec1')).body)).toEqual(['first', 'second', 'third warn']);
    await get('/api/v1/logs/exec1?taskRunId=tr1&attempt=1', 'DELETE');
    expect(messages((await get('/api/v1/logs/exec1')).body)).toEqual(['first', 'third warn']);
    await get('/api/v1/logs/exec1', 'DELETE');
    expect((await get('/api/v1/logs/exec1')).body).toEqual([]);
    expect((await get('/api/v1/logs/exec2')).body).toHaveLength(1);
    expect((await get('/api/v1/logs/unknown', 'DELETE')).status).toBe(200);
  });

  test('by flow: exact namespace (child namespaces survive), optionally one trigger', async () => {
    const { get, write } = setup();
    seed(write);
    const trig = await get('/api/v1/logs/company.team/hello?triggerId=schedule', 'DELETE');
    expect(trig.status).toBe(200);
    expect((await get('/api/v1/logs/search?triggerId=schedule')).body.total).toBe(0);
    expect((await get('/api/v1/logs/exec1')).body).toHaveLength(4);

    write(log({ message: 'late trigger', executionId: undefined, taskId: undefined, taskRunId: undefined, triggerId: 'schedule', timestamp: T0 + 9 }));
    await get('/api/v1/logs/company.team/hello', 'DELETE');
    expect((await get('/api/v1/logs/exec1')).body).toEqual([]);
    expect(messages((await get('/api/v1/logs/search?size=20')).body.results)).toEqual(['elsewhere', 'other ns']);
  });
});

describe('GET /logs/{executionId}/follow (SSE over a socket)', () => {
  test('history first (minLevel), then live entries of that execution only; never ends', async () => {
    const { url, bus, write } = setup();
    seed(write);
    const res = await fetch(`${url}/api/v1/logs/exec1/follow?minLevel=INFO`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const sse = sseReader(res);
    const first = await sse.next();
    expect(first!.raw).toBe(`id: progress\ndata: ${JSON.stringify({
      namespace: 'company.team', flowId: 'hello', taskId: 'log', executionId: 'exec1', taskRunId: 'tr1', attemptNumber: 1,
      timestamp: '2025-01-01T10:00:00.001Z', level: 'INFO', thread: 'worker', message: 'second', deleted: false,
    })}\n\n`);
    expect((await sse.next())!.data.message).toBe('third warn');
    expect((await sse.next())!.data.message).toBe('fourth error');

    await bus.untilListeners('log.created', 1);
    write(
      log({ message: 'live debug (filtered)', level: 'DEBUG', timestamp: T0 + 10 }),
      log({ message: 'other execution', executionId: 'exec2', timestamp: T0 + 11 }),
      log({ message: 'other tenant', tenant: 'blue', timestamp: T0 + 12 }),
      log({ message: 'live info', timestamp: T0 + 13 }),
    );
    const live = await sse.next();
    expect(live!.id).toBe('progress');
    expect(live!.data.message).toBe('live info');
    write(log({ message: 'still open after more', level: 'ERROR', timestamp: T0 + 14 }));
    expect((await sse.next())!.data.message).toBe('still open after more');
    expect(sse.pending()).toBe('');

    await sse.cancel();
    await bus.untilListeners('log.created', 0);
    expect(bus.listeners('log.created')).toBe(0);
  });

  test('an unknown execution is an empty stream that waits for logs; abort unsubscribes', async () => {
    const { url, bus, write } = setup();
    const abort = new AbortController();
    const res = await fetch(`${url}/api/v1/logs/later/follow`, { signal: abort.signal });
    expect(res.status).toBe(200);
    const sse = sseReader(res);
    // nothing to replay: only the comment that gets the headers out, no frame
    expect((await sse.next())!.raw).toBe(':\n\n');
    await bus.untilListeners('log.created', 1);
    write(log({ message: 'not mine', executionId: 'someone-else' }), log({ message: 'now it exists', executionId: 'later' }));
    const frame = await sse.next();
    expect(frame!.data.message).toBe('now it exists');
    abort.abort();
    await bus.untilListeners('log.created', 0);
    expect(bus.listeners('log.created')).toBe(0);
  });

  test('an invalid minLevel is a 422 before any stream starts', async () => {
    const { url, bus } = setup();
    const res = await fetch(`${url}/api/v1/logs/exec1/follow?minLevel=LOUD`);
    expect(res.status).toBe(422);
    expect(((await res.json()) as any).message).toContain('minLevel');
    expect(bus.listeners('log.created')).toBe(0);
  });
});
