// Watcher abuse on a real temp directory with a real chokidar watcher: bursts of saves, torn
// writes, a file turned into a folder, symlink loops, entries that fail on read, and the whole
// directory deleted and re-created. Never a crash; at the end the store equals the disk.
// Waits are on `flow.file-synced` events (and `idle()`), never on fixed sleeps.

import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFlowFiles } from '../../../src/flows/directory/paths.ts';
import { createHarness, flowYaml, type Harness, type Instance } from './harness.ts';

let h: Harness;
beforeEach(() => { h = createHarness(); });
afterEach(async () => { await h.cleanup(); });

const NS = 'company.team';

/** Resolves once `done()` holds, checked now and after every reconcile; then waits for idle. */
async function until(inst: Instance, done: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  if (!done()) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { off(); reject(new Error(`timed out waiting for: ${what}`)); }, timeoutMs);
      const off = inst.events.on('flow.file-synced', () => {
        if (!done()) return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }
  await inst.directory.idle();
}

/** What the disk says: every readable, valid flow file's source, by flow. */
function diskFlows(inst: Instance): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of listFlowFiles(h.dir, () => {})) {
    let source: string;
    try { source = readFileSync(join(h.dir, f.rel), 'utf8'); } catch { continue; }
    const parsed = inst.flows.parseFlow(source);
    if (parsed.ok) out.set(`${parsed.flow.namespace}.${parsed.flow.id}`, source);
  }
  return out;
}

const storeFlows = (inst: Instance) =>
  new Map(inst.flows.list('main').map((f) => [`${f.namespace}.${f.id}`, inst.flows.getCurrent('main', f.namespace, f.id)!.source]));

const sameAsDisk = (inst: Instance) => {
  const disk = diskFlows(inst);
  const store = storeFlows(inst);
  return disk.size === store.size && [...disk].every(([k, v]) => store.get(k) === v);
};

function expectSameAsDisk(inst: Instance) {
  expect(Object.fromEntries(storeFlows(inst))).toEqual(Object.fromEntries(diskFlows(inst)));
}

describe('flows directory abuse', () => {
  test('1,000 rapid saves of one file (plain writes, rename-saves and torn halves) end on the last content', async () => {
    const inst = h.open();
    await inst.directory.start();
    const errors: string[] = [];
    inst.events.on('flow.file-error', (e) => void errors.push(e.message));
    let last = '';
    for (let i = 0; i < 1000; i++) {
      last = flowYaml('busy', NS, `save ${i}`);
      if (i % 10 === 3) h.write('busy.yml', last.slice(0, last.length / 2)); // a torn write, completed by the next one
      if (i % 3 === 0) h.renameSave('busy.yml', last);
      else h.write('busy.yml', last);
    }
    await until(inst, () => inst.flows.getCurrent('main', NS, 'busy')?.source === last, 'the last save');
    expectSameAsDisk(inst);
    expect(inst.flows.revisions('main', NS, 'busy').length).toBeLessThan(1000); // bursts collapse
    expect(errors).toEqual([]);
  }, 30_000);

  test('a half-written file never removes the flow; completing it loads it', async () => {
    const inst = h.open();
    const full = `${flowYaml('half', NS, 'complete')}  - id: second\n    type: io.kestra.plugin.core.log.Log\n    message: two\n`;
    h.write('half.yml', flowYaml('half', NS, 'v1'));
    await inst.directory.start();
    for (const cut of [7, 20, full.indexOf('tasks'), full.length - 5]) {
      const result = await h.synced(inst, 'half.yml', () => h.write('half.yml', full.slice(0, cut)));
      expect(['invalid', 'saved']).toContain(result.result);
      expect(inst.flows.getCurrent('main', NS, 'half')).toBeDefined();
    }
    await h.synced(inst, 'half.yml', () => h.write('half.yml', full), 'saved');
    expectSameAsDisk(inst);
  });

  test('a file replaced by a folder (holding a flow), then by a file again', async () => {
    const inst = h.open();
    h.write('a.yml', flowYaml('a'));
    await inst.directory.start();
    h.remove('a.yml');
    h.write('a.yml/b.yml', flowYaml('b'));
    const has = (id: string) => inst.flows.getCurrent('main', NS, id) !== undefined;
    await until(inst, () => has('b') && !has('a'), 'the folder replaced the file');
    expectSameAsDisk(inst);
    h.remove('a.yml');
    h.write('a.yml', flowYaml('a', NS, 'back'));
    await until(inst, () => !has('b') && inst.flows.getCurrent('main', NS, 'a')?.source === flowYaml('a', NS, 'back'), 'the file is back');
    expectSameAsDisk(inst);
  });

  test('symlink loops (a folder linking to its parent, a link to itself) neither hang nor duplicate', async () => {
    h.write('sub/inner.yml', flowYaml('inner'));
    symlinkSync(h.dir, join(h.dir, 'sub', 'loop'));
    symlinkSync(join(h.dir, 'self.yml'), join(h.dir, 'self.yml'));
    symlinkSync(join(h.dir, 'sub', 'ring-b'), join(h.dir, 'sub', 'ring-a'));
    symlinkSync(join(h.dir, 'sub', 'ring-a'), join(h.dir, 'sub', 'ring-b'));
    const inst = h.open();
    const scan = await inst.directory.start();
    expect(scan.loaded).toBe(1);
    // a loop created while watching
    symlinkSync(join(h.dir, 'sub'), join(h.dir, 'sub', 'again'));
    await h.synced(inst, 'top.yml', () => h.write('top.yml', flowYaml('top')), 'saved');
    expect(inst.flows.list('main').map((f) => f.id).sort()).toEqual(['inner', 'top']);
    expectSameAsDisk(inst);
  });

  test('entries that fail on read (EIO, ELOOP, dangling) are reported, never crash, and siblings still load', async () => {
    h.write('ok.yml', flowYaml('ok'));
    symlinkSync('/proc/self/mem', join(h.dir, 'eio.yml')); // a "regular file" whose read fails, even as root
    symlinkSync(join(h.dir, 'nowhere.yml'), join(h.dir, 'dangling.yml'));
    const inst = h.open();
    const errors: { file: string; message: string }[] = [];
    inst.events.on('flow.file-error', (e) => void errors.push(e));
    await inst.directory.start();
    expect(errors.find((e) => e.file === 'eio.yml')?.message).toContain('cannot read file');
    // the same entries appearing while watching
    const reported = new Promise<void>((resolve) => inst.events.on('flow.file-error', (e) => { if (e.file === 'late.yml') resolve(); }));
    await h.synced(inst, 'late.yml', () => symlinkSync('/proc/self/mem', join(h.dir, 'late.yml')), 'error');
    await reported;
    await h.synced(inst, 'ok2.yml', () => h.write('ok2.yml', flowYaml('ok2')), 'saved');
    expect(inst.flows.list('main').map((f) => f.id).sort()).toEqual(['ok', 'ok2']);
    expect(inst.directory.invalidFiles().map((f) => f.file).sort()).toEqual(['eio.yml', 'late.yml']);
    expectSameAsDisk(inst);
  });

  test('the flows directory deleted (flows go) and re-created (new files load)', async () => {
    h.write('a.yml', flowYaml('a'));
    h.write('nested/b.yml', flowYaml('b'));
    const inst = h.open();
    await inst.directory.start();
    rmSync(h.dir, { recursive: true, force: true });
    await until(inst, () => inst.flows.list('main').length === 0, 'every flow deleted');
    mkdirSync(h.dir);
    h.write('c.yml', flowYaml('c'));
    await until(inst, () => inst.flows.getCurrent('main', NS, 'c') !== undefined, 'a file of the re-created directory');
    h.write('nested/d.yml', flowYaml('d'));
    await until(inst, () => inst.flows.getCurrent('main', NS, 'd') !== undefined, 'a nested file of the re-created directory');
    expectSameAsDisk(inst);
  }, 30_000);

  test('the directory moved away and another one moved in its place', async () => {
    h.write('a.yml', flowYaml('a'));
    const inst = h.open();
    await inst.directory.start();
    const other = join(h.root, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'z.yml'), flowYaml('z'));
    renameSync(h.dir, join(h.root, 'moved-away'));
    renameSync(other, h.dir);
    const has = (id: string) => inst.flows.getCurrent('main', NS, id) !== undefined;
    await until(inst, () => has('z') && !has('a'), 'the new directory content');
    expectSameAsDisk(inst);
  }, 30_000);
});
