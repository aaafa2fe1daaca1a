import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLOW_BLUEPRINTS } from '../../src/blueprints/catalogue/flows.ts';
import { execute, runWithClock, saveFlow } from '../helpers/flows.ts';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';

const dirs: string[] = [];
afterEach(() => { while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true }); });

const sourceOf = (id: string) => FLOW_BLUEPRINTS.find((b) => b.id === id)!.source;
const messages = async (c: TestClient, id: string) => (await c.json('GET', `/api/v1/logs/${id}`)).body.map((l: any) => `${l.level} ${l.message}`);

describe('the flow blueprints do what their descriptions say', () => {
  test('parent-and-subflow reads the outputs of hello-world', async () => {
    const c = await testRuntime();
    await saveFlow(c, sourceOf('hello-world'));
    await saveFlow(c, sourceOf('parent-and-subflow'));
    const e = await execute(c, 'company.team', 'parent-and-subflow');
    expect(e.state.current).toBe('SUCCESS');
    expect(await messages(c, e.id)).toContain('INFO The child said: greeted subflow');
  });

  test('mocked-script-with-fixtures: WARNING without a fixture, 42 rows with the one its description gives', async () => {
    const bare = await testRuntime();
    await saveFlow(bare, sourceOf('mocked-script-with-fixtures'));
    expect((await execute(bare, 'company.team', 'mocked-script-with-fixtures')).state.current).toBe('WARNING');

    const dir = mkdtempSync(join(tmpdir(), 'bp-fixtures-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'extract.yml'), 'tasks:\n  - id: extract\n    outputs:\n      vars:\n        rows: 42\n');
    const c = await testRuntime({ fixturesDir: dir });
    await saveFlow(c, sourceOf('mocked-script-with-fixtures'));
    const e = await execute(c, 'company.team', 'mocked-script-with-fixtures');
    expect(e.state.current).toBe('SUCCESS');
    expect(await messages(c, e.id)).toContain('INFO Extracted 42 rows');
  });

  test('retry-and-errors retries the call three times then runs its errors branch', async () => {
    let calls = 0;
    const c = await testRuntime({ fetch: (async () => { calls++; return new Response('down', { status: 503 }); }) as unknown as typeof fetch });
    const e = await runWithClock(c, sourceOf('retry-and-errors'));
    expect(e.state.current).toBe('FAILED');
    expect(calls).toBe(3);
    expect(await messages(c, e.id)).toContain('ERROR retry-and-errors failed: the API did not answer after 3 attempts');
  });

  test('webhook-receiver starts on its webhook key and logs the body', async () => {
    const c = await testRuntime();
    await saveFlow(c, sourceOf('webhook-receiver'));
    const started = await c.json('POST', '/api/v1/executions/webhook/company.team/webhook-receiver/my-secret-key', { body: { order: 7 } });
    expect(started.status).toBe(200);
    await c.rt.engine.waitForTerminal('main', started.body.id);
    expect((await c.json('GET', `/api/v1/executions/${started.body.id}`)).body.state.current).toBe('SUCCESS');
    expect((await messages(c, started.body.id))[0]).toContain('order');
  });
});
