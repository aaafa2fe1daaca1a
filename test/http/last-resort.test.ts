// No request ever gets Bun's HTML error page or a stack trace (review finding 2): an exception
// anywhere (an edge hook, a route, the error rendering itself) becomes Kestra's 500 error JSON
// with a plain message and no server paths.
import { describe, expect, test } from 'bun:test';
import { Elysia } from 'elysia';
import { createApp } from '../../src/http/app.ts';
import { fakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime } from '../helpers/runtime.ts';

const SERVER_PATH = /\/(?:work|home|tmp|usr|opt|Users|root|var)\/|\.tsx?:\d+|file:\/\//;

async function expectKestra500(res: Response, href: string) {
  expect(res.status).toBe(500);
  expect(res.headers.get('content-type')).toBe('application/json');
  const text = await res.text();
  expect(text).not.toMatch(SERVER_PATH);
  const body = JSON.parse(text);
  expect(body.message).toStartWith('Internal server error');
  expect(body._links.self.href).toBe(href);
  expect(Object.keys(body).sort()).toEqual(['_links', 'message']);
  return body.message as string;
}

function appWith(throwIn: 'before' | 'after' | 'route' | 'nonError') {
  const boom = () => { throw new Error(`ENOENT: no such file, open '${import.meta.dir}/secret.db'`); };
  return createApp({
    auth: { check: () => true }, maxBodyBytes: 1024,
    modules: [{
      feature: 'test',
      module: new Elysia({ prefix: '/api/v1' })
        .get('/boom', boom)
        .get('/ok', () => ({ ok: true }))
        .get('/odd', () => { throw Object.assign(Object.create(null), { weird: true }); }) as never,
    }],
    hooks: [{
      before: (x) => { if (throwIn === 'before' && x.path === '/api/v1/ok') boom(); return undefined; },
      after: (x) => { if (throwIn === 'after' && x.path === '/api/v1/ok') boom(); },
    }],
  });
}

describe('last-resort error JSON at the edge', () => {
  test('an exception in an edge hook before routing: 500 JSON, the path hidden', async () => {
    const message = await expectKestra500(await appWith('before').handle(new Request('http://localhost/api/v1/ok')), '/api/v1/ok');
    expect(message).toContain('ENOENT: no such file');
  });

  test('an exception in an edge hook after routing: the route\'s own answer is kept', async () => {
    const res = await appWith('after').handle(new Request('http://localhost/api/v1/ok'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  test('an exception inside a route, and a thrown non-Error: 500 JSON without server paths', async () => {
    const app = appWith('route');
    await expectKestra500(await app.handle(new Request('http://localhost/api/v1/boom')), '/api/v1/boom');
    await expectKestra500(await app.handle(new Request('http://localhost/api/v1/odd')), '/api/v1/odd');
  });

  test('a runtime whose clock went bad: every request still answers error JSON, never HTML', async () => {
    const clock = fakeClock();
    const c = await testRuntime({ clock });
    clock.set(Number.NaN); // what an unchecked advance used to leave behind
    for (const path of ['/api/v1/flows/search', '/_kestra-lite/clock', '/api/v1/executions/search']) {
      const res = await c.call('GET', path);
      expect(res.headers.get('content-type') ?? '').not.toContain('text/html');
      if (res.status >= 500) await expectKestra500(res, path);
    }
  });
});
