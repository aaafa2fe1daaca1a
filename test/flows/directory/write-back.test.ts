// API changes written back into the flows directory, without extra revisions or loops.

import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHarness, flowYaml, record, type Harness } from './harness.ts';

let h: Harness;
beforeEach(() => { h = createHarness(); });
afterEach(async () => { await h.cleanup(); });

const NS = 'company.team';
const read = (rel: string) => readFileSync(join(h.dir, rel), 'utf8');

describe('flows directory: write-back of API changes', () => {
  test('API create writes <namespace>.<id>.yml at the root, and the re-read adds no revision', async () => {
    const inst = h.open();
    await inst.directory.start();
    const changed = record(inst.events, 'flow.changed');
    const rel = `${NS}.created.yml`;
    await h.synced(inst, rel, () => inst.flows.create('main', inst.flows.parseYaml(flowYaml('created'))), 'unchanged');
    changed.stop();
    expect(read(rel)).toBe(flowYaml('created'));
    expect(inst.flows.revisions('main', NS, 'created')).toHaveLength(1);
    expect(changed.items.map((e) => e.origin)).toEqual(['api']);
    expect(inst.directory.fileOf(NS, 'created')).toBe(rel);
    // the temp file used for the atomic write is gone
    expect(readdirSync(h.dir)).toEqual([rel]);
  });

  test('API update is written into the (nested) file the flow came from', async () => {
    h.write('team/deep/mine.yaml', flowYaml('mine'));
    const inst = h.open();
    await inst.directory.start();
    const changed = record(inst.events, 'flow.changed');
    const next = flowYaml('mine', NS, 'from the api');
    await h.synced(inst, 'team/deep/mine.yaml', () => inst.flows.update('main', NS, 'mine', inst.flows.parseYaml(next)), 'unchanged');
    changed.stop();
    expect(read('team/deep/mine.yaml')).toBe(next);
    expect(existsSync(join(h.dir, `${NS}.mine.yml`))).toBe(false);
    expect(inst.flows.revisions('main', NS, 'mine')).toHaveLength(2);
    expect(changed.items.map((e) => e.origin)).toEqual(['api']);

    // a later edit of the file still reloads normally
    await h.synced(inst, 'team/deep/mine.yaml', () => h.write('team/deep/mine.yaml', flowYaml('mine', NS, 'edited')), 'saved');
    expect(inst.flows.getCurrent('main', NS, 'mine')?.revision).toBe(3);
  });

  test('API update over a file that is mid-edit (invalid) replaces it and clears the report', async () => {
    h.write('a.yml', flowYaml('a'));
    const inst = h.open();
    await inst.directory.start();
    await h.synced(inst, 'a.yml', () => h.write('a.yml', 'id: a\ntasks: ['), 'invalid');
    await h.synced(inst, 'a.yml', () => inst.flows.update('main', NS, 'a', inst.flows.parseYaml(flowYaml('a', NS, 'api'))), 'unchanged');
    expect(read('a.yml')).toBe(flowYaml('a', NS, 'api'));
    expect(inst.directory.invalidFiles()).toEqual([]);
  });

  test('API delete removes the file and the unlink does not touch the flow again', async () => {
    h.write('sub/a.yml', flowYaml('a'));
    const inst = h.open();
    await inst.directory.start();
    const changed = record(inst.events, 'flow.changed');
    await h.synced(inst, 'sub/a.yml', () => inst.flows.remove('main', NS, 'a', 'api'), 'missing');
    changed.stop();
    expect(existsSync(join(h.dir, 'sub/a.yml'))).toBe(false);
    expect(changed.items.map((e) => [e.origin, e.deleted])).toEqual([['api', true]]);
    expect(inst.flows.revisions('main', NS, 'a')).toHaveLength(2);
    expect(inst.directory.fileOf(NS, 'a')).toBeUndefined();
  });

  test('a create whose default file name is taken by another file picks a free name', async () => {
    h.write(`${NS}.x.yml`, 'not: a flow\n');
    const inst = h.open();
    await inst.directory.start();
    const rel = `${NS}.x-2.yml`;
    await h.synced(inst, rel, () => inst.flows.create('main', inst.flows.parseYaml(flowYaml('x'))), 'unchanged');
    expect(read(rel)).toBe(flowYaml('x'));
    expect(read(`${NS}.x.yml`)).toBe('not: a flow\n');
  });

  test('changes of other tenants and of file origin are not written back', async () => {
    const inst = h.open({ watch: false });
    await inst.directory.start();
    inst.flows.create('other', inst.flows.parseYaml(flowYaml('elsewhere')));
    inst.flows.save('main', inst.flows.parseYaml(flowYaml('fromfile')), 'file');
    expect(readdirSync(h.dir)).toEqual([]);
  });

  test('after close, API changes are no longer written', async () => {
    const inst = h.open();
    await inst.directory.start();
    await inst.directory.close();
    inst.flows.create('main', inst.flows.parseYaml(flowYaml('late')));
    expect(readdirSync(h.dir)).toEqual([]);
  });
});
