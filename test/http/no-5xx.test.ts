// A sweep over every registered route with odd path values, bodies and content types: bad input
// must always get a Kestra-style 4xx (or a 2xx), never a 5xx, and the server must keep answering.
import { describe, expect, test } from 'bun:test';
import { testRuntime, flowYaml, YAML } from '../helpers/runtime.ts';

const VALUES = ['x', 'company.team', '%F0%9F%98%80', 'a'.repeat(400), '..%2F..', "it's"];
const BODIES: { body?: string; type?: string }[] = [
  {},
  { body: '{"broken": ', type: 'application/json' },
  { body: '[null, 1, "x", {}]', type: 'application/json' },
  { body: 'null', type: 'application/json' },
  { body: 'id: [unclosed', type: YAML },
  { body: '- just\n- a list', type: YAML },
  { body: '\u0000\u0001binary', type: 'application/octet-stream' },
  { body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n', type: 'multipart/form-data; boundary=x' },
  { body: 'not multipart at all', type: 'multipart/form-data; boundary=zzz' },
];

describe('no 5xx on bad input', () => {
  test('every route, odd params, odd bodies', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/flows', { body: flowYaml('hello', 'company.team'), type: YAML });
    const routes = c.rt.app.routeTable()
      // the SSE endpoints hold the connection open by design
      .filter((r) => !r.path.endsWith('/follow'));
    expect(routes.length).toBeGreaterThan(100);
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) {
      for (const value of VALUES) {
        const path = route.path.replace(/:[A-Za-z]+/g, value).replace(/\*$/, value);
        for (const b of BODIES) {
          if ((route.method === 'GET' || route.method === 'HEAD') && b.body !== undefined) continue;
          sent++;
          const res = await c.call(route.method, `${path}?page=abc&size=-1&sort=x&labels=:&state=NOPE`, { body: b.body, type: b.type });
          if (res.status >= 500) failures.push(`${route.method} ${path} [${b.type ?? 'no body'}] → ${res.status} ${(await res.text()).slice(0, 120)}`);
          else await res.arrayBuffer();
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(4_000);
    expect((await c.call('GET', '/ping')).status).toBe(200);
  }, 120_000);
});
