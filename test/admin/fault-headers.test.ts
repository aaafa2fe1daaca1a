// HTTP fault headers are checked when the fault is created (review finding 9): a header name or
// value that no HTTP response can carry (CR/LF injection, spaces in names, control characters)
// is a 422 and registers nothing; the next request gets its real answer, never an error page.
import { describe, expect, test } from 'bun:test';
import { adminRuntime } from './helpers.ts';

describe('POST /_kestra-lite/faults headers', () => {
  test('invalid header names and values are a 422 naming the header; nothing registered', async () => {
    const c = await adminRuntime();
    const cases: [Record<string, string>, string][] = [
      [{ 'X-A': 'b\r\nInjected: yes' }, 'fault.headers.X-A'],
      [{ 'X-A': 'b\nc' }, 'fault.headers.X-A'],
      [{ 'X-A': 'nul\u0000' }, 'fault.headers.X-A'],
      [{ 'Bad Name': 'v' }, 'fault.headers.Bad Name'],
      [{ 'X-Ä': 'v' }, 'fault.headers.X-Ä'],
      [{ '': 'v' }, 'fault.headers'],
      [{ 'X-Emoji': '😀' }, 'fault.headers.X-Emoji'],
    ];
    for (const [headers, path] of cases) {
      const r = await c.json('POST', '/_kestra-lite/faults', { body: { path: '/**', status: 200, headers } });
      expect(r.status).toBe(422);
      expect(r.body.message).toContain(path);
    }
    expect((await c.json('GET', '/_kestra-lite/faults')).body.results).toEqual([]);
    const next = await c.call('GET', '/api/v1/flows/search');
    expect(next.status).toBe(200);
    expect(next.headers.get('content-type')).toContain('application/json');
  });

  test('valid headers (tab and visible characters in values) are answered as given', async () => {
    const c = await adminRuntime();
    const r = await c.json('POST', '/_kestra-lite/faults', { body: { path: '/api/v1/flows/search', status: 503, headers: { 'Retry-After': '5', 'X-Note': 'a\tb "quoted" ~' } } });
    expect(r.status).toBe(200);
    const res = await c.call('GET', '/api/v1/flows/search');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('x-note')).toBe('a\tb "quoted" ~');
  });
});
