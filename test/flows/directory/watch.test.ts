// Hot reload of the flows directory on a real temp directory with a real chokidar watcher.

import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHarness, flowYaml, nextEvent, record, type Harness } from './harness.ts';

let h: Harness;
beforeEach(() => { h = createHarness(); });
afterEach(async () => { await h.cleanup(); });

const NS = 'company.team';

describe('flows directory: hot reload', () => {
  test('a new file is loaded with origin file', async () => {
    const inst = h.open();
    await inst.directory.start();
    const changed = nextEvent(inst.events, 'flow.changed', (e) => e.id === 'hello');
    await h.synced(inst, 'hello.yml', () => h.write('hello.yml', flowYaml('hello')), 'saved');
    const e = await changed;
    expect(e).toMatchObject({ tenant: 'main', namespace: NS, id: 'hello', revision: 1, origin: 'file', deleted: false });
    expect(inst.flows.getCurrent('main', NS, 'hello')?.source).toBe(flowYaml('hello'));
    expect(inst.directory.fileOf(NS, 'hello')).toBe('hello.yml');
  });

  test('a change makes a new revision; rewriting identical content does not', async () => {
    const inst = h.open();
    h.write('a.yml', flowYaml('a'));
    await inst.directory.start();
    await h.synced(inst, 'a.yml', () => h.write('a.yml', flowYaml('a', NS, 'changed')), 'saved');
    expect(inst.flows.getCurrent('main', NS, 'a')?.revision).toBe(2);
    await h.synced(inst, 'a.yml', () => h.write('a.yml', `${flowYaml('a', NS, 'changed')}\n`), 'unchanged');
    expect(inst.flows.revisions('main', NS, 'a')).toHaveLength(2);
  });

  test('an invalid save keeps the last good revision, is reported, and a fix clears it', async () => {
    const inst = h.open();
    h.write('a.yml', flowYaml('a'));
    await inst.directory.start();
    const invalid = nextEvent(inst.events, 'flow.invalid', (e) => e.file === 'a.yml');
    await h.synced(inst, 'a.yml', () => h.write('a.yml', 'id: a\nnamespace: company.team\ntasks:\n  - id: [broken'), 'invalid');
    const report = await invalid;
    expect(report).toMatchObject({ tenant: 'main', file: 'a.yml', namespace: NS, id: 'a' });
    expect(report.violations.length).toBeGreaterThan(0);
    expect(inst.flows.getCurrent('main', NS, 'a')).toMatchObject({ revision: 1, source: flowYaml('a') });
    expect(inst.directory.invalidFiles()).toEqual([{ file: 'a.yml', violations: report.violations }]);

    // a document that is YAML but not a flow is reported the same way
    await h.synced(inst, 'a.yml', () => h.write('a.yml', 'services:\n  db:\n    image: postgres\n'), 'invalid');
    expect(inst.flows.getCurrent('main', NS, 'a')?.revision).toBe(1);

    await h.synced(inst, 'a.yml', () => h.write('a.yml', flowYaml('a', NS, 'fixed')), 'saved');
    expect(inst.flows.getCurrent('main', NS, 'a')?.revision).toBe(2);
    expect(inst.directory.invalidFiles()).toEqual([]);
  });

  test('an invalid file that is then deleted deletes its last good flow and its report', async () => {
    const inst = h.open();
    h.write('a.yml', flowYaml('a'));
    await inst.directory.start();
    await h.synced(inst, 'a.yml', () => h.write('a.yml', 'tasks: ['), 'invalid');
    await h.synced(inst, 'a.yml', () => h.remove('a.yml'), 'deleted');
    expect(inst.flows.getCurrent('main', NS, 'a')).toBeUndefined();
    expect(inst.directory.invalidFiles()).toEqual([]);
  });

  test('deleting the file deletes the flow', async () => {
    const inst = h.open();
    h.write('sub/a.yml', flowYaml('a'));
    await inst.directory.start();
    const changed = nextEvent(inst.events, 'flow.changed', (e) => e.deleted);
    await h.synced(inst, 'sub/a.yml', () => h.remove('sub/a.yml'), 'deleted');
    expect(await changed).toMatchObject({ id: 'a', origin: 'file', deleted: true, revision: 2 });
    expect(inst.flows.getCurrent('main', NS, 'a')).toBeUndefined();
    expect(inst.directory.fileOf(NS, 'a')).toBeUndefined();
  });

  test('editor rename-save (temp file + rename over) updates without ever deleting', async () => {
    const inst = h.open();
    h.write('a.yml', flowYaml('a'));
    await inst.directory.start();
    const deletes = record(inst.events, 'flow.changed');
    await h.synced(inst, 'a.yml', () => h.renameSave('a.yml', flowYaml('a', NS, 'v2')), 'saved');
    // unlink + immediate re-create, as some editors (and `git checkout`) do
    await h.synced(inst, 'a.yml', () => { h.remove('a.yml'); h.write('a.yml', flowYaml('a', NS, 'v3')); }, 'saved');
    // truncate then write in two steps (an editor flushing a save in two writes)
    await h.synced(inst, 'a.yml', () => { h.write('a.yml', ''); h.write('a.yml', flowYaml('a', NS, 'v4')); }, 'saved');
    deletes.stop();
    expect(deletes.items.some((e) => e.deleted)).toBe(false);
    expect(inst.flows.revisions('main', NS, 'a').map((r) => r.deleted)).not.toContain(true);
    expect(inst.flows.getCurrent('main', NS, 'a')?.source).toBe(flowYaml('a', NS, 'v4'));
    expect(inst.directory.invalidFiles()).toEqual([]);
  });

  test('renaming a file (mv) keeps the flow: no delete, no duplicate report', async () => {
    const inst = h.open();
    h.write('a.yml', flowYaml('a'));
    await inst.directory.start();
    const changed = record(inst.events, 'flow.changed');
    const errors = record(inst.events, 'flow.file-error');
    await h.syncedAll(inst, ['a.yml', 'sub/b.yml'], () => { mkdirSync(join(h.dir, 'sub')); renameSync(join(h.dir, 'a.yml'), join(h.dir, 'sub/b.yml')); });
    expect(changed.items.filter((e) => e.deleted)).toEqual([]);
    expect(errors.items).toEqual([]);
    expect(inst.directory.fileOf(NS, 'a')).toBe('sub/b.yml');
    expect(inst.flows.getCurrent('main', NS, 'a')?.revision).toBe(1);
  });

  test('changing the id in a file creates the new flow and deletes the old one', async () => {
    const inst = h.open();
    h.write('a.yml', flowYaml('old'));
    await inst.directory.start();
    await h.synced(inst, 'a.yml', () => h.write('a.yml', flowYaml('new', 'other.ns')), 'saved');
    expect(inst.flows.getCurrent('main', NS, 'old')).toBeUndefined();
    expect(inst.flows.getCurrent('main', 'other.ns', 'new')?.revision).toBe(1);
    expect(inst.directory.fileOf('other.ns', 'new')).toBe('a.yml');
    expect(inst.directory.fileOf(NS, 'old')).toBeUndefined();
  });

  test('two files defining the same flow: the most recent write wins and it is reported', async () => {
    const inst = h.open();
    h.write('a.yml', flowYaml('same', NS, 'from a'));
    await inst.directory.start();
    const dup = nextEvent(inst.events, 'flow.file-error', (e) => e.file === 'b.yml');
    await h.synced(inst, 'b.yml', () => h.write('b.yml', flowYaml('same', NS, 'from b')), 'saved');
    expect((await dup).message).toContain('a.yml');
    expect(inst.flows.getCurrent('main', NS, 'same')?.source).toBe(flowYaml('same', NS, 'from b'));
    expect(inst.directory.fileOf(NS, 'same')).toBe('b.yml');

    // removing the winner hands the flow back to the other file instead of deleting it
    await h.synced(inst, 'b.yml', () => h.remove('b.yml'), 'missing');
    expect(inst.flows.getCurrent('main', NS, 'same')?.source).toBe(flowYaml('same', NS, 'from a'));
    expect(inst.directory.fileOf(NS, 'same')).toBe('a.yml');
    await h.synced(inst, 'a.yml', () => h.remove('a.yml'), 'deleted');
    expect(inst.flows.getCurrent('main', NS, 'same')).toBeUndefined();
  });

  test('nested folders, .yaml extension, and whole folders moved in and removed', async () => {
    const inst = h.open();
    await inst.directory.start();
    await h.synced(inst, 'a/b/c/deep.yaml', () => h.write('a/b/c/deep.yaml', flowYaml('deep')), 'saved');
    expect(inst.directory.fileOf(NS, 'deep')).toBe('a/b/c/deep.yaml');

    // a folder prepared elsewhere and moved in at once (git checkout, unzip, mv)
    const outside = join(h.root, 'outside');
    mkdirSync(join(outside, 'x'), { recursive: true });
    writeFileSync(join(outside, 'one.yml'), flowYaml('one'));
    writeFileSync(join(outside, 'x', 'two.yml'), flowYaml('two'));
    await h.syncedAll(inst, ['team/one.yml', 'team/x/two.yml'], () => renameSync(outside, join(h.dir, 'team')));
    expect(inst.directory.fileOf(NS, 'two')).toBe('team/x/two.yml');

    await h.syncedAll(inst, ['team/one.yml', 'team/x/two.yml'], () => h.remove('team'));
    expect(inst.flows.getCurrent('main', NS, 'one')).toBeUndefined();
    expect(inst.flows.getCurrent('main', NS, 'two')).toBeUndefined();
    expect(inst.flows.getCurrent('main', NS, 'deep')?.revision).toBe(1);
  });

  test('ignored files never become flows', async () => {
    const inst = h.open();
    await inst.directory.start();
    const seen = record(inst.events, 'flow.file-synced');
    for (const rel of ['.hidden.yml', '.git/x.yml', 'node_modules/pkg/x.yml', 'a.yml.swp', 'a.yml~', '.#a.yml', 'a.yml.tmp', 'notes.txt']) {
      h.write(rel, flowYaml(`ignored_${rel.replace(/[^a-z]/g, '')}`));
    }
    await h.synced(inst, 'sentinel.yml', () => h.write('sentinel.yml', flowYaml('sentinel')), 'saved');
    seen.stop();
    expect(seen.items.map((e) => e.file)).toEqual(['sentinel.yml']);
    expect(inst.flows.list('main').map((r) => r.id)).toEqual(['sentinel']);
  });
});
