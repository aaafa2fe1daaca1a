// `listenEarly` (serve): the port opens while start-up still runs, and whatever arrives before
// the end of start-up waits for it — no request sees half-loaded state.

import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type Runtime } from '../../src/runtime.ts';

const dirs: string[] = [];
const runtimes: Runtime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.dispose()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kl-listen-early-'));
  dirs.push(dir);
  return dir;
}

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

describe('listenEarly', () => {
  test('requests sent during start-up wait for its end (here: the import of a state export)', async () => {
    // a state export holding one more flow: importing it is asynchronous (a file read), so early
    // requests really reach the port while start-up is still running
    const source = await createRuntime({ memory: true, flowsDir: null });
    runtimes.push(source);
    const created = await source.app.handle(new Request('http://localhost/api/v1/flows', {
      method: 'POST', headers: { 'content-type': 'application/x-yaml' },
      body: 'id: imported\nnamespace: early\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n',
    }));
    expect(created.status, await created.clone().text()).toBe(200);
    const exported = join(tempDir(), 'export.json');
    writeFileSync(exported, JSON.stringify(source.services.admin.state.exportDocument()));

    const port = await freePort();
    const starting = createRuntime({ memory: true, port, host: '127.0.0.1', listenEarly: true, importFile: exported, flowsDir: null });
    let imported: Response | undefined;
    while (!imported) {
      try { imported = await fetch(`http://127.0.0.1:${port}/api/v1/flows/early/imported`); } catch { await new Promise((r) => setImmediate(r)); }
    }
    const runtime = await starting;
    runtimes.push(runtime);
    expect(imported.status).toBe(200);
    expect(((await imported.json()) as { id: string }).id).toBe('imported');
    // listen() reports the port already open
    expect(await runtime.listen()).toBe(`http://127.0.0.1:${port}`);
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/flows/search?namespace=early&size=1`).then((r) => r.json()) as { total: number }).total).toBe(1);
  });

  test('a failed start-up closes the port it opened and reports its own error', async () => {
    const port = await freePort();
    const missing = join(tmpdir(), 'kl-listen-early-missing-export.json');
    await expect(createRuntime({ memory: true, port, host: '127.0.0.1', listenEarly: true, importFile: missing, flowsDir: null })).rejects.toThrow(/cannot import/);
    // the port is free again: a plain runtime can take it
    const again = await createRuntime({ memory: true, port, host: '127.0.0.1', flowsDir: null });
    runtimes.push(again);
    expect(await again.listen()).toBe(`http://127.0.0.1:${port}`);
  });
});
