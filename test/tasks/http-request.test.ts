import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { blobKey, toUri } from '../../src/shared/storage/paths.ts';
import { memoryBlobStore } from '../../src/shared/storage/blobs.ts';
import { httpRequestTask } from '../../src/tasks/core/http-request.ts';
import { TaskKilledError } from '../../src/tasks/types.ts';
import { buildRunContext, runExpectingError, type RunContextOptions } from '../helpers/run-context.ts';

// A real server on loopback: it echoes what it received, or answers per path.
let server: ReturnType<typeof Bun.serve>;
let base: string;
const held: (() => void)[] = [];
let onHold: (() => void) | undefined;
/** resolves once the server holds a /hang request (no polling, no delay) */
const nextHold = () => new Promise<void>((resolve) => { onHold = resolve; });

beforeAll(() => {
  server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(req) {
      const url = new URL(req.url);
      if (url.pathname === '/missing') return new Response('nothing here', { status: 404 });
      if (url.pathname === '/empty') return new Response(null, { status: 204 });
      if (url.pathname === '/redirect') return new Response(null, { status: 302, headers: { location: '/echo' } });
      if (url.pathname === '/cookies') {
        const headers = new Headers();
        headers.append('set-cookie', 'a=1');
        headers.append('set-cookie', 'b=2');
        return new Response('ok', { headers });
      }
      if (url.pathname === '/hang') {
        return new Promise<Response>((resolve) => {
          held.push(() => resolve(new Response('late')));
          onHold?.();
        });
      }
      const form = req.headers.get('content-type')?.startsWith('multipart/form-data') ? await req.formData() : undefined;
      const parts: Record<string, unknown> = {};
      form?.forEach((v, k) => { parts[k] = typeof v === 'string' ? v : { name: (v as File).name, size: (v as File).size }; });
      return Response.json({
        method: req.method,
        path: url.pathname + url.search,
        headers: Object.fromEntries(req.headers),
        body: form ? parts : await req.text(),
      });
    },
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(() => {
  held.forEach((release) => release());
  server.stop(true);
});

const request = (props: Record<string, unknown>, extra: Partial<RunContextOptions> = {}) =>
  buildRunContext({ task: { id: 'http', type: 'io.kestra.plugin.core.http.Request', ...props }, ...extra });

describe('http.Request', () => {
  test('GET: {uri, code, headers as lists, body as text}, DEBUG log, response.length metric', async () => {
    const r = request({ uri: `${base}/echo?q={{ inputs.q }}` }, { variables: { inputs: { q: 'x' } } });
    const result = (await r.run(httpRequestTask)) as { outputs: Record<string, any> };
    const { outputs } = result;
    expect(outputs.uri).toBe(`${base}/echo?q=x`);
    expect(outputs.code).toBe(200);
    expect(outputs.headers['content-type']).toEqual(['application/json;charset=utf-8']);
    expect(typeof outputs.body).toBe('string');
    expect(JSON.parse(outputs.body)).toMatchObject({ method: 'GET', path: '/echo?q=x', body: '' });
    expect(r.logs).toEqual([{ level: 'DEBUG', message: `Request '${base}/echo?q=x' with the response code '200'` }]);
    expect(r.metrics).toEqual([
      { type: 'counter', name: 'response.length', value: Number(outputs.headers['content-length'][0]), tags: { 'request.method': 'GET', 'response.code': '200' } },
    ]);
  });

  test('POST with a rendered body, content type and headers (a header may list values)', async () => {
    const r = request({
      uri: `${base}/echo`, method: 'POST', contentType: 'application/json', body: '{"name": "{{ flow.id }}"}',
      headers: { 'X-Flow': '{{ flow.namespace }}', 'X-Multi': ['a', 'b'] },
    });
    const { outputs } = (await r.run(httpRequestTask)) as { outputs: Record<string, any> };
    const echoed = JSON.parse(outputs.body);
    expect(echoed.method).toBe('POST');
    expect(echoed.body).toBe('{"name": "my-flow"}');
    expect(echoed.headers['content-type']).toBe('application/json');
    expect(echoed.headers['x-flow']).toBe('company.team');
    expect(echoed.headers['x-multi']).toBe('a, b');
  });

  test('status >= 400 fails unless allowFailed', async () => {
    const e = await runExpectingError(request({ uri: `${base}/missing` }), httpRequestTask);
    expect(e.message).toBe("Failed http request with response code '404' and body:\nnothing here");
    const r = request({ uri: `${base}/missing`, allowFailed: true });
    expect(await r.run(httpRequestTask)).toMatchObject({ outputs: { code: 404, body: 'nothing here' } });
    const viaOptions = request({ uri: `${base}/missing`, options: { allowFailed: true } });
    expect(await viaOptions.run(httpRequestTask)).toMatchObject({ outputs: { code: 404 } });
  });

  test('options.allowedResponseCodes replaces the >= 400 rule', async () => {
    expect(await request({ uri: `${base}/missing`, options: { allowedResponseCodes: [200, 404] } }).run(httpRequestTask)).toMatchObject({ outputs: { code: 404 } });
    const e = await runExpectingError(request({ uri: `${base}/echo`, options: { allowedResponseCodes: [404] } }), httpRequestTask);
    expect(e.message).toStartWith("Failed http request with response code '200'");
  });

  test('an empty response has no body output; failOnEmptyResponse fails', async () => {
    const { outputs } = (await request({ uri: `${base}/empty` }).run(httpRequestTask)) as { outputs: Record<string, unknown> };
    expect(outputs.code).toBe(204);
    expect('body' in outputs).toBe(false);
    const e = await runExpectingError(request({ uri: `${base}/empty`, failOnEmptyResponse: true }), httpRequestTask);
    expect(e.message).toBe("Failed http request with response code '204' and empty response");
  });

  test('url-encoded form data by default, multipart with files when asked', async () => {
    const form = request({ uri: `${base}/echo`, method: 'POST', formData: { user: '{{ flow.id }}', n: 1 } });
    const { outputs } = (await form.run(httpRequestTask)) as { outputs: Record<string, any> };
    expect(JSON.parse(outputs.body)).toMatchObject({ body: 'user=my-flow&n=1', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' } });

    const blobs = memoryBlobStore();
    const path = '/company/team/my-flow/executions/exec1/inputs/file/data.csv';
    blobs.put(blobKey('main', path), 'a,b\n1,2\n');
    const multi = request({
      uri: `${base}/echo`, method: 'POST', contentType: 'multipart/form-data',
      formData: { user: 'John', upload: '{{ inputs.file }}', named: { name: 'my.txt', content: 'hello' } },
    }, { blobs, variables: { inputs: { file: toUri(path) } } });
    const out = (await multi.run(httpRequestTask)) as { outputs: Record<string, any> };
    expect(JSON.parse(out.outputs.body).body).toEqual({ user: 'John', upload: { name: 'data.csv', size: 8 }, named: { name: 'my.txt', size: 5 } });
  });

  test('basic and bearer authentication', async () => {
    const basic = request({ uri: `${base}/echo`, options: { basicAuthUser: 'admin', basicAuthPassword: '{{ "pw" }}' } });
    const b = (await basic.run(httpRequestTask)) as { outputs: Record<string, any> };
    expect(JSON.parse(b.outputs.body).headers.authorization).toBe(`Basic ${btoa('admin:pw')}`);
    const bearer = request({ uri: `${base}/echo`, options: { auth: { type: 'BEARER', token: 'tok' } } });
    const t = (await bearer.run(httpRequestTask)) as { outputs: Record<string, any> };
    expect(JSON.parse(t.outputs.body).headers.authorization).toBe('Bearer tok');
  });

  test('redirects are followed unless options.followRedirects is false', async () => {
    expect(await request({ uri: `${base}/redirect` }).run(httpRequestTask)).toMatchObject({ outputs: { code: 200 } });
    const noFollow = (await request({ uri: `${base}/redirect`, options: { followRedirects: false } }).run(httpRequestTask)) as { outputs: Record<string, any> };
    expect(noFollow.outputs.code).toBe(302);
    expect(noFollow.outputs.headers.location).toEqual(['/echo']);
  });

  test('several Set-Cookie headers stay separate values', async () => {
    const { outputs } = (await request({ uri: `${base}/cookies` }).run(httpRequestTask)) as { outputs: Record<string, any> };
    expect(outputs.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  test('options.readTimeout is timed on the injected clock', async () => {
    const r = request({ uri: `${base}/hang`, options: { readTimeout: 'PT1S' } });
    const holding = nextHold();
    const running = runExpectingError(r, httpRequestTask);
    await holding;
    r.clock.advance(1000);
    expect((await running).message).toBe('Read timed out after PT1S');
    held.splice(0).forEach((release) => release());
    expect(r.clock.pendingTimers()).toBe(0);
  });

  test('killing the task aborts the request', async () => {
    const r = request({ uri: `${base}/hang` });
    const holding = nextHold();
    const running = runExpectingError(r, httpRequestTask);
    await holding;
    r.kill();
    expect(await running).toBeInstanceOf(TaskKilledError);
    held.splice(0).forEach((release) => release());
  });

  test('connection errors and invalid URIs fail the task', async () => {
    const closed = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('') });
    const port = closed.port;
    closed.stop(true);
    const e = await runExpectingError(request({ uri: `http://127.0.0.1:${port}/` }), httpRequestTask);
    expect(e.message).toStartWith('Unable to execute HTTP request:');
    expect((await runExpectingError(request({ uri: 'not a uri' }), httpRequestTask)).message).toBe('Illegal character or invalid URI: not a uri');
  });

  test('encryptBody is reported as unsupported, the body stays readable', async () => {
    const r = request({ uri: `${base}/echo`, encryptBody: true });
    const { outputs } = (await r.run(httpRequestTask)) as { outputs: Record<string, any> };
    expect(outputs.body).toContain('"method":"GET"');
    expect(r.logs.some((l) => l.level === 'WARN' && l.message.includes('encryptBody'))).toBe(true);
  });
});
