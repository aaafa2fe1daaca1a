// Suites in the flows directory: loaded at start, shown by the tests API, hot-reloaded like
// flows (an invalid save keeps the last good version and is reported), never taken for flows.
import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { nextEvent } from '../flows/directory/harness.ts';
import { FLOW, SUITE } from '../cli/suite-fixtures.ts';

const open: Runtime[] = [];
const dirs: string[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.dispose();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

async function start(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'kl-suites-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const rt = await createRuntime({ memory: true, flowsDir: dir, watch: true, dashboard: false, fixturesDir: null, watchDebounceMs: 5 });
  open.push(rt);
  const get = async (path: string) => (await rt.app.handle(new Request(`http://localhost${path}`))).json() as Promise<any>;
  return { rt, dir, get };
}

describe('suites in the flows directory', () => {
  test('appear in the API, hot-reload, and are no invalid flows', async () => {
    const { rt, dir, get } = await start({ 'math.yml': FLOW, 'math.tests.yml': SUITE });
    expect(rt.directory!.invalidFiles()).toEqual([]);
    expect((await get('/api/v1/main/flows/search')).total).toBe(1);
    const found = await get('/api/v1/main/tests/qa/math_tests');
    expect(found.source).toBe(SUITE);

    const runs: string[] = [];
    rt.events.on('testsuite.run', ({ result }) => runs.push(result.state));
    const run = await rt.app.handle(new Request('http://localhost/api/v1/main/tests/qa/math_tests/run', { method: 'POST', body: '{"testCases":["passes"]}', headers: { 'content-type': 'application/json' } }));
    expect((await run.json() as any).state).toBe('SUCCESS');
    expect(runs).toEqual(['SUCCESS']);

    // an edit is picked up
    let synced = nextEvent(rt.events, 'flow.file-synced', (e) => e.file === 'math.tests.yml');
    writeFileSync(join(dir, 'math.tests.yml'), SUITE.replace('id: passes', 'id: passes_renamed'));
    await synced;
    expect((await get('/api/v1/main/tests/qa/math_tests')).testCases[0].id).toBe('passes_renamed');

    // an invalid save is reported with its line and keeps the last good version
    const invalid = nextEvent(rt.events, 'flow.invalid', (e) => e.file === 'math.tests.yml');
    writeFileSync(join(dir, 'math.tests.yml'), SUITE.replace('equalTo: "10"', 'equalToo: "10"'));
    expect((await invalid).violations[0]).toEqual({ path: 'line 12 testCases[0].assertions[0]', message: expect.stringContaining('no assertions found') });
    expect((await get('/api/v1/main/tests/qa/math_tests')).testCases[0].id).toBe('passes_renamed');

    // deleting the file deletes the suite
    synced = nextEvent(rt.events, 'flow.file-synced', (e) => e.file === 'math.tests.yml');
    unlinkSync(join(dir, 'math.tests.yml'));
    await synced;
    expect((await get('/api/v1/main/tests/search')).total).toBe(0);
    expect((await get('/api/v1/main/flows/search')).total).toBe(1);
  });
});
