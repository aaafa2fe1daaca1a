// The edge's guards: a cap on concurrent SSE streams per client, CORS off unless configured,
// bounded bodies without a declared length (in-process streams and chunked uploads on a real
// socket, multipart included), and the loopback-only default bind.

import { describe, expect, test } from 'bun:test';
import { networkInterfaces } from 'node:os';
import { parseArgs } from '../../src/cli/args.ts';
import { resolveConfig } from '../../src/config.ts';
import { createRuntime } from '../../src/runtime.ts';
import { saveFlow } from '../helpers/flows.ts';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';

const PAUSED = 'id: paused\nnamespace: company.team\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n';
const from = (address: string) => ({ requestIP: () => ({ address }) });

async function pausedExecution(c: TestClient): Promise<string> {
  await saveFlow(c, PAUSED);
  return (await c.json('POST', '/api/v1/executions/company.team/paused', { body: new FormData() })).body.id;
}

describe('SSE streams per client', () => {
  test('past the cap a client gets a 429 with a JSON message; other clients are unaffected; closing frees a slot', async () => {
    const c = await testRuntime({ maxStreamsPerClient: 3 });
    const id = await pausedExecution(c);
    const follow = (client: string, path = `/api/v1/executions/${id}/follow`) => c.rt.app.handle(new Request(`http://localhost${path}`), from(client));
    const open = [await follow('10.0.0.1'), await follow('10.0.0.1', `/api/v1/logs/${id}/follow`), await follow('10.0.0.1')];
    for (const r of open) expect(r.status).toBe(200);
    const refused = await follow('10.0.0.1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/json');
    expect(((await refused.json()) as { message: string }).message).toBe('Too Many Requests: Too many open streams for client 10.0.0.1: the limit is 3 concurrent streams (--max-streams)');
    expect((await follow('10.0.0.2')).status).toBe(200);
    await open[0]!.body!.cancel(); // the client goes away
    const again = await follow('10.0.0.1');
    expect(again.status).toBe(200);
    // the stream still carries the execution's frames through the wrapper
    const first = new TextDecoder().decode((await again.body!.getReader().read()).value);
    expect(first).toContain('id: progress');
  });

  test('2.0 mode: the shaped streams count too', async () => {
    const c = await testRuntime({ maxStreamsPerClient: 1, kestraVersion: '2.0' });
    const id = await pausedExecution(c);
    const follow = () => c.rt.app.handle(new Request(`http://localhost/api/v1/main/executions/${id}/follow`), from('10.0.0.3'));
    const first = await follow();
    expect(first.status).toBe(200);
    expect((await follow()).status).toBe(429);
    await first.body!.cancel();
    expect((await follow()).status).toBe(200);
  });

  test('a stream that ends by itself frees its slot', async () => {
    const c = await testRuntime({ maxStreamsPerClient: 1 });
    const id = await pausedExecution(c);
    expect((await c.call('DELETE', `/api/v1/executions/${id}/kill`)).status).toBe(202);
    await c.rt.engine.waitForTerminal('main', id);
    for (let i = 0; i < 3; i++) {
      const r = await c.rt.app.handle(new Request(`http://localhost/api/v1/executions/${id}/follow`), from('10.0.0.9'));
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('id: end'); // read to the end: the slot is released
    }
  });
});

describe('CORS', () => {
  test('off by default: no header, and OPTIONS is not answered as a preflight', async () => {
    const c = await testRuntime();
    const pre = await c.call('OPTIONS', '/api/v1/flows/search', { headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' } });
    expect([...pre.headers.keys()].filter((k) => k.startsWith('access-control'))).toEqual([]);
    const get = await c.call('GET', '/api/v1/flows/search', { headers: { origin: 'http://evil.example' } });
    expect(get.status).toBe(200);
    expect([...get.headers.keys()].filter((k) => k.startsWith('access-control'))).toEqual([]);
  });

  test('--cors ORIGIN: preflight answered before auth, responses readable by that origin only', async () => {
    const c = await testRuntime({ corsOrigins: ['http://localhost:5173'], basicAuth: { username: 'a@b.c', password: 'p' } });
    const pre = await c.call('OPTIONS', '/api/v1/flows/search', {
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');

    const auth = { authorization: `Basic ${btoa('a@b.c:p')}` };
    const ok = await c.call('GET', '/api/v1/flows/search', { headers: { origin: 'http://localhost:5173', ...auth } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(ok.headers.get('vary')).toBe('Origin');
    const denied = await c.call('GET', '/api/v1/flows/search', { headers: { origin: 'http://localhost:5173' } });
    expect(denied.status).toBe(401); // readable by the page, so it can ask for credentials
    expect(denied.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');

    const other = await c.call('GET', '/api/v1/flows/search', { headers: { origin: 'http://evil.example', ...auth } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const otherPre = await c.call('OPTIONS', '/api/v1/flows/search', { headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' } });
    expect(otherPre.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the CLI flags', () => {
    expect(parseArgs(['serve', '--cors', 'http://a.test', '--cors=http://b.test', '--max-streams', '7']).serve).toMatchObject({ cors: 'http://a.test,http://b.test', maxStreams: 7 });
    expect(() => parseArgs(['serve', '--max-streams', '0'])).toThrow('--max-streams expects a positive number');
  });
});

describe('bodies without a declared length are bounded', () => {
  test('in process: a stream longer than the limit is refused after limit + one chunk, not read to the end', async () => {
    const c = await testRuntime({ maxBodyBytes: 1000 });
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({ pull(ctl) { pulled++; ctl.enqueue(new Uint8Array(300)); } });
    const r = await c.rt.app.handle(new Request('http://localhost/api/v1/flows', { method: 'POST', body: endless, headers: { 'content-type': 'application/x-yaml' } }));
    expect(r.status).toBe(413);
    expect(((await r.json()) as { message: string }).message).toBe('Request Entity Too Large: The content length [1200] exceeds the maximum allowed content length [1000]');
    expect(pulled).toBeLessThan(8);
  });

  test('on a real socket: chunked uploads, plain and multipart, get 413; a small chunked upload passes', async () => {
    const rt = await createRuntime({ memory: true, flowsDir: null, port: 0, maxBodyBytes: 64 * 1024 });
    try {
      const url = await rt.listen();
      const chunked = (parts: number, size: number, prefix = '') => new ReadableStream<Uint8Array>({
        start(ctl) {
          if (prefix) ctl.enqueue(new TextEncoder().encode(prefix));
          for (let i = 0; i < parts; i++) ctl.enqueue(new Uint8Array(size).fill(120));
          ctl.close();
        },
      });
      const big = await fetch(`${url}/api/v1/namespaces/company.team/kv/k`, { method: 'PUT', body: chunked(64, 4096), headers: { 'content-type': 'text/plain' } });
      expect(big.status).toBe(413);
      const boundary = 'XyZ';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="fileContent"; filename="a.txt"\r\n\r\n`;
      const multipart = await fetch(`${url}/api/v1/namespaces/company.team/files?path=/a.txt`, {
        method: 'POST', body: chunked(64, 4096, head), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(multipart.status).toBe(413);
      expect((await fetch(`${url}/api/v1/namespaces/company.team/files?path=/a.txt`)).status).toBe(404);
      const small = await fetch(`${url}/api/v1/namespaces/company.team/kv/k`, { method: 'PUT', body: chunked(2, 10), headers: { 'content-type': 'text/plain' } });
      expect(small.status).toBe(200);
    } finally {
      await rt.dispose();
    }
  });
});

describe('bind address', () => {
  test('127.0.0.1 unless told otherwise: the listening URL is loopback and other interfaces refuse', async () => {
    expect(resolveConfig({}).host).toBe('127.0.0.1');
    const rt = await createRuntime({ memory: true, flowsDir: null, port: 0 });
    try {
      const url = await rt.listen();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const port = new URL(url).port;
      const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
      // on a machine with a non-loopback IPv4 address, that address must not reach the server
      if (external) await expect(fetch(`http://${external}:${port}/ping`)).rejects.toThrow();
      expect((await fetch(`${url}/ping`)).status).toBe(200);
    } finally {
      await rt.dispose();
    }
  });
});
