import { describe, expect, test } from 'bun:test';
import { Elysia } from 'elysia';
import { sseFrame, sseFromIterator, sseResponse } from '../../src/http/sse.ts';
import { serveModules, sseReader } from '../helpers/sse.ts';

describe('SSE helper', () => {
  test('frames carry the kind in `id:` and one line of JSON, no `event:` line', () => {
    expect(sseFrame('progress', { a: 1, b: 'x\ny' })).toBe('id: progress\ndata: {"a":1,"b":"x\\ny"}\n\n');
    expect(sseFrame('end', '{"pre":"serialised"}')).toBe('id: end\ndata: {"pre":"serialised"}\n\n');
  });

  test('an async iterator feeds frames and its end closes the stream', async () => {
    async function* events() {
      yield { kind: 'progress', data: { n: 1 } };
      yield { kind: 'end', data: { n: 2 } };
    }
    const { url } = serveModules(new Elysia().get('/s', ({ request }) => sseFromIterator(request, events())));
    const res = await fetch(`${url}/s`);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const sse = sseReader(res);
    // the iterator is asynchronous, so the stream opens with the header-flushing comment
    expect((await sse.next())!.raw).toBe(':\n\n');
    expect((await sse.next())!.raw).toBe('id: progress\ndata: {"n":1}\n\n');
    expect((await sse.next())!.raw).toBe('id: end\ndata: {"n":2}\n\n');
    expect(await sse.next()).toBeUndefined();
  });

  test('a client disconnect stops the iterator', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let stopped!: () => void;
    const finallyRan = new Promise<void>((r) => (stopped = r));
    async function* events() {
      try {
        yield { kind: 'progress', data: 1 };
        await gate;
        yield { kind: 'progress', data: 2 };
        yield { kind: 'progress', data: 3 };
      } finally {
        stopped();
      }
    }
    let cleaned!: () => void;
    const streamCleaned = new Promise<void>((r) => (cleaned = r));
    const { url } = serveModules(new Elysia()
      .get('/it', ({ request }) => sseFromIterator(request, events()))
      .get('/push', ({ request }) => sseResponse(request, (ch) => { ch.send('progress', 0); return cleaned; })));

    const sse = sseReader(await fetch(`${url}/it`));
    expect((await sse.next())!.raw).toBe(':\n\n');
    expect((await sse.next())!.data).toBe(1);
    await sse.cancel();
    release();
    await finallyRan;

    const push = sseReader(await fetch(`${url}/push`));
    expect((await push.next())!.raw).toBe('id: progress\ndata: 0\n\n');
    await push.cancel();
    await streamCleaned;
  });
});
