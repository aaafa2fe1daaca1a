// `kestra-lite push` and `kestra-lite test --server` against a second kestra-lite standing in
// for the remote Kestra: a runtime listening on port 0, with basic auth on.
import { afterEach, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { push } from '../../src/cli/push.ts';
import { runTests } from '../../src/cli/test.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { FLOW, SUITE } from './suite-fixtures.ts';
import { fileTree } from '../helpers/file-tree.ts';

const open: Runtime[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.dispose();
});

const AUTH = 'admin@example.com:s3cret';

async function remote(): Promise<{ url: string; rt: Runtime; get: (path: string) => Promise<any> }> {
  const rt = await createRuntime({ memory: true, flowsDir: null, watch: false, dashboard: false, fixturesDir: null, port: 0, basicAuth: { username: 'admin@example.com', password: 's3cret' } });
  open.push(rt);
  const url = await rt.listen();
  const headers = { authorization: `Basic ${Buffer.from(AUTH).toString('base64')}` };
  return { url, rt, get: async (path) => (await fetch(`${url}${path}`, { headers })).json() };
}

const tree = (files: Record<string, string>) => fileTree(files, 'kl-push-');

const other = (id: string, ns = 'qa') => `id: ${id}\nnamespace: ${ns}\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`;

async function runPush(opts: Partial<Parameters<typeof push>[0]> & { server: string; cwd: string }) {
  const lines: string[] = [];
  const code = await push({ paths: ['flows'], user: AUTH, ...opts }, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('kestra-lite push', () => {
  test('deploys flows, namespace files, KV and suites; --delete removes remote-only flows', async () => {
    const r = await remote();
    // a flow that exists only on the server
    const seed = await fetch(`${r.url}/api/v1/main/flows`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(AUTH).toString('base64')}`, 'content-type': 'application/x-yaml' }, body: other('legacy') });
    expect(seed.status).toBe(200);
    const cwd = tree({
      'flows/math.yml': FLOW, 'flows/extra.yml': other('extra'), 'flows/other-ns.yml': other('x', 'ops'), 'flows/math.tests.yml': SUITE,
      'files/qa/scripts/run.sh': 'echo hi\n', 'kv/qa.yml': 'threshold: 5\ngreeting: hello\n',
    });

    const dry = await runPush({ server: r.url, cwd, dryRun: true });
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('  + flow qa.math');
    expect(dry.out).toContain('Dry run: nothing changed.');
    expect((await r.get('/api/v1/main/flows/qa')).map((f: any) => f.id)).toEqual(['legacy']);

    const first = await runPush({ server: r.url, cwd });
    expect(first.code).toBe(0);
    expect(first.out).toContain('Plan for');
    expect(first.out).toContain('Flows: 3 to create, 0 to update, 0 unchanged, 0 to delete; files: 1 to send, 0 unchanged; KV pairs: 2 to send, 0 unchanged; test suites: 1 to send, 0 unchanged');
    expect(first.out).toContain('  + file qa:/scripts/run.sh');
    expect(first.out).toContain('  + kv   qa/threshold');
    expect(first.out).toContain('  + test qa.math_tests');
    expect((await r.get('/api/v1/main/flows/qa')).map((f: any) => f.id).sort()).toEqual(['extra', 'legacy', 'math']);
    expect((await r.get('/api/v1/main/flows/ops')).map((f: any) => f.id)).toEqual(['x']);
    expect((await r.get('/api/v1/main/namespaces/qa/kv/threshold')).value).toBe(5);
    expect(await (await fetch(`${r.url}/api/v1/main/namespaces/qa/files?path=/scripts/run.sh`, { headers: { authorization: `Basic ${Buffer.from(AUTH).toString('base64')}` } })).text()).toBe('echo hi\n');
    expect((await r.get('/api/v1/main/tests/qa/math_tests')).source).toBe(SUITE);

    const second = await runPush({ server: r.url, cwd, delete: true, namespace: 'qa' });
    expect(second.code).toBe(0);
    expect(second.out).toContain('  = flow qa.math (unchanged)');
    expect(second.out).toContain('  - flow qa.legacy');
    expect(second.out).toContain('  = test qa.math_tests (unchanged)');
    expect(second.out).not.toContain('ops.x');
    expect((await r.get('/api/v1/main/flows/qa')).map((f: any) => f.id).sort()).toEqual(['extra', 'math']);
  });

  test('unreachable or unauthorized server: a clear message, exit ≠ 0, nothing changed', async () => {
    const r = await remote();
    const cwd = tree({ 'flows/math.yml': FLOW });
    const denied = await runPush({ server: r.url, cwd, user: 'admin@example.com:wrong' });
    expect(denied.code).toBe(1);
    expect(denied.out).toContain('refused the credentials (HTTP 401): pass --user user:password or --token TOKEN');
    const none = await runPush({ server: r.url, cwd, user: undefined });
    expect(none.code).toBe(1);
    expect((await r.get('/api/v1/main/flows/qa'))).toEqual([]);
    const port = new URL(r.url).port;
    await r.rt.dispose();
    open.pop();
    const gone = await runPush({ server: `http://127.0.0.1:${port}`, cwd });
    expect(gone.code).toBe(1);
    expect(gone.out).toMatch(/kestra-lite push: cannot reach http:\/\/127\.0\.0\.1:\d+/);
    const broken = tree({ 'flows/bad.yml': 'id: bad\nnamespace: qa\ntasks: []\n' });
    const local = await runPush({ server: 'http://127.0.0.1:1', cwd: broken });
    expect(local.code).toBe(1);
    expect(local.out).toContain('Nothing pushed: fix the files above first.');
  });
});

describe('kestra-lite test --server', () => {
  test('runs the suites on the server\'s tests API', async () => {
    const r = await remote();
    const cwd = tree({ 'flows/math.yml': FLOW, 'flows/math.tests.yml': SUITE });
    expect((await runPush({ server: r.url, cwd })).code).toBe(0);
    const lines: string[] = [];
    const code = await runTests({ paths: ['flows'], cwd, server: r.url, user: AUTH }, { line: (l) => lines.push(l) });
    const out = lines.join('\n');
    expect(code).toBe(1);
    expect(out).toContain('PASS  qa.math_tests › passes');
    expect(out).toContain('FAIL  qa.math_tests › fails');
    expect(out).toContain("  ✗ expected '{{ outputs.double.value }}' to equal '5 & <more>' but was '4'");
    expect(out).toMatch(/Tests: 1 passed, 1 failed, 1 errors, 1 skipped/);
    expect((await r.get('/api/v1/main/tests/results/search')).total).toBe(1);
    // KESTRA_URL works too; wrong credentials are a load error (2)
    const denied: string[] = [];
    expect(await runTests({ paths: ['flows'], cwd, env: { KESTRA_URL: r.url }, user: 'x:y' }, { line: (l) => denied.push(l) })).toBe(2);
    expect(denied.join('\n')).toContain('refused the credentials');
  });
});
