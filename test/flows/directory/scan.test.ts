// Start-up scan, restarts in persisted mode (files added/deleted/changed while stopped) and
// the scan-only mode (watch: false).

import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { existsSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { createHarness, flowYaml, record, type Harness } from './harness.ts';

let h: Harness;
beforeEach(() => { h = createHarness(); });
afterEach(async () => { await h.cleanup(); });

const NS = 'company.team';

describe('flows directory: start-up scan', () => {
  test('creates a missing directory and loads nothing', async () => {
    const inst = h.open();
    expect(existsSync(h.dir)).toBe(false);
    expect(await inst.directory.start()).toEqual({ loaded: 0, invalid: 0, deleted: 0 });
    expect(existsSync(h.dir)).toBe(true);
  });

  test('loads every flow file at any depth with any name, and counts invalid ones', async () => {
    h.write('hello.yml', flowYaml('hello'));
    h.write('team/a/any-name.yaml', flowYaml('nested', 'team.a'));
    h.write('team/README.md', '# not a flow');
    h.write('broken.yml', 'id: [');
    const inst = h.open({ watch: false });
    const changed = record(inst.events, 'flow.changed');
    expect(await inst.directory.start()).toEqual({ loaded: 2, invalid: 1, deleted: 0 });
    expect(changed.items.every((e) => e.origin === 'file')).toBe(true);
    expect(inst.directory.fileOf('team.a', 'nested')).toBe('team/a/any-name.yaml');
    expect(inst.directory.invalidFiles().map((f) => f.file)).toEqual(['broken.yml']);
  });

  test('duplicates at start: only the most recently written file is saved (one revision)', async () => {
    h.write('old.yml', flowYaml('same', NS, 'old'));
    h.write('new.yml', flowYaml('same', NS, 'new'));
    utimesSync(join(h.dir, 'old.yml'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    const inst = h.open({ watch: false });
    const errors = record(inst.events, 'flow.file-error');
    await inst.directory.start();
    expect(inst.flows.revisions('main', NS, 'same')).toHaveLength(1);
    expect(inst.flows.getCurrent('main', NS, 'same')?.source).toBe(flowYaml('same', NS, 'new'));
    expect(inst.directory.fileOf(NS, 'same')).toBe('new.yml');
    expect(errors.items).toEqual([expect.objectContaining({ file: 'old.yml' })]);
  });

  test('watch: false scans once, ignores later files, still writes API changes back', async () => {
    const inst = h.open({ watch: false });
    await inst.directory.start();
    // A watching probe on the same folder (another tenant, its own db) tells us when a watcher
    // would have seen the file, so we can assert "not loaded" without a fixed sleep.
    const probe = h.open({ tenant: 'probe' });
    await probe.directory.start();
    await h.synced(probe, 'late.yml', () => h.write('late.yml', flowYaml('late')), 'saved');
    await inst.directory.idle();
    expect(inst.flows.getCurrent('main', NS, 'late')).toBeUndefined();

    inst.flows.create('main', inst.flows.parseYaml(flowYaml('viaapi')));
    expect(readFileSync(join(h.dir, `${NS}.viaapi.yml`), 'utf8')).toBe(flowYaml('viaapi'));
  });
});

describe('flows directory: restart in persisted mode', () => {
  test('files added, changed and deleted while stopped are applied at the next start', async () => {
    const dbPath = join(h.root, 'data', 'db.sqlite');
    h.write('keep.yml', flowYaml('keep'));
    h.write('gone.yml', flowYaml('gone'));
    h.write('sub/renamed.yml', flowYaml('before'));
    h.write('stays-invalid.yml', flowYaml('draft'));
    let inst = h.open({ dbPath, watch: false });
    expect(await inst.directory.start()).toEqual({ loaded: 4, invalid: 0, deleted: 0 });
    inst.flows.create('main', inst.flows.parseYaml(flowYaml('fromapi')));
    await h.close(inst);

    h.remove('gone.yml');
    h.write('added.yml', flowYaml('added'));
    h.write('sub/renamed.yml', flowYaml('after'));
    h.write('stays-invalid.yml', 'id: draft\nnamespace: company.team\ntasks: [');

    inst = h.open({ dbPath, watch: false });
    const result = await inst.directory.start();
    expect(result).toEqual({ loaded: 4, invalid: 1, deleted: 2 }); // keep, renamed(after), added, fromapi file; gone + before
    const ids = inst.flows.list('main').map((r) => r.id).sort();
    expect(ids).toEqual(['added', 'after', 'draft', 'fromapi', 'keep']);
    expect(inst.flows.revisions('main', NS, 'keep')).toHaveLength(1);
    expect(inst.directory.fileOf(NS, 'fromapi')).toBe(`${NS}.fromapi.yml`);
    expect(inst.directory.fileOf(NS, 'draft')).toBe('stays-invalid.yml');
    await h.close(inst);

    // a third start with nothing changed is a no-op
    inst = h.open({ dbPath, watch: false });
    const changed = record(inst.events, 'flow.changed');
    expect(await inst.directory.start()).toEqual({ loaded: 4, invalid: 1, deleted: 0 });
    expect(changed.items).toEqual([]);
  });

  test('a flow created through the API without a file survives a restart', async () => {
    const dbPath = join(h.root, 'data', 'db.sqlite');
    let inst = h.open({ dbPath, watch: false });
    inst.flows.create('main', inst.flows.parseYaml(flowYaml('dbonly')));
    await h.close(inst); // never started: nothing written, nothing mapped
    inst = h.open({ dbPath, watch: false });
    expect(await inst.directory.start()).toEqual({ loaded: 0, invalid: 0, deleted: 0 });
    expect(inst.flows.getCurrent('main', NS, 'dbonly')).toBeDefined();
  });
});
