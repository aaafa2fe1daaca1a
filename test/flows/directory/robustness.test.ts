// Bursts and garbage: the flows directory must load everything valid and never crash.

import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdirSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createHarness, flowYaml, nextEvent, record, type Harness } from './harness.ts';
import { isFlowFile } from '../../../src/flows/directory/paths.ts';
import { createDebouncer } from '../../../src/shared/debounce.ts';

let h: Harness;
beforeEach(() => { h = createHarness(); });
afterEach(async () => { await h.cleanup(); });

const NS = 'company.team';

describe('flows directory: bursts and garbage', () => {
  test('50 files written at once all load', async () => {
    const inst = h.open();
    await inst.directory.start();
    const ids = Array.from({ length: 50 }, (_, i) => `f${i}`);
    const rels = ids.map((id, i) => (i % 2 ? `batch/${id}.yml` : `${id}.yaml`));
    await h.syncedAll(inst, rels, () => ids.forEach((id, i) => h.write(rels[i]!, flowYaml(id))));
    expect(inst.flows.list('main').map((r) => r.id).sort()).toEqual([...ids].sort());
  });

  test('binary garbage, huge, empty and non-flow files are reported, valid siblings still load', async () => {
    h.write('binary.yml', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255, 254, 0]));
    h.write('latin1.yml', new Uint8Array([0x69, 0x64, 0x3a, 0x20, 0xe9, 0xe8]));
    h.write('huge.yml', `${flowYaml('huge')}\n#${'x'.repeat(70_000)}\n`);
    h.write('empty.yml', '');
    h.write('compose.yaml', 'services:\n  web:\n    image: nginx\n');
    h.write('list.yml', '- 1\n- 2\n');
    h.write('scalar.yml', '42');
    h.write('dirs.yml/inner.yml', flowYaml('inner')); // a directory named like a flow file
    symlinkSync(join(h.dir, 'nowhere.yml'), join(h.dir, 'dangling.yml'));
    h.write('ok.yml', flowYaml('ok'));
    const inst = h.open({ maxFileBytes: 64 * 1024 });
    const errors = record(inst.events, 'flow.file-error');
    const result = await inst.directory.start();
    expect(result).toEqual({ loaded: 2, invalid: 7, deleted: 0 });
    expect(inst.flows.list('main').map((r) => r.id).sort()).toEqual(['inner', 'ok']);
    const bad = inst.directory.invalidFiles().map((f) => f.file).sort();
    expect(bad).toEqual(['binary.yml', 'compose.yaml', 'empty.yml', 'huge.yml', 'latin1.yml', 'list.yml', 'scalar.yml']);
    expect(errors.items.map((e) => e.file).sort()).toEqual(['binary.yml', 'huge.yml', 'latin1.yml']);
    expect(errors.items.find((e) => e.file === 'huge.yml')?.message).toContain('too large');

    // the same garbage arriving while watching is reported too
    const err = nextEvent(inst.events, 'flow.file-error', (e) => e.file === 'late.yml');
    await h.synced(inst, 'late.yml', () => h.write('late.yml', new Uint8Array([0, 0, 0, 7])), 'error');
    expect((await err).message).toContain('binary');
  });

  test('a FIFO named like a flow is refused, never read (reading would block forever)', async () => {
    mkdirSync(h.dir, { recursive: true });
    spawnSync('mkfifo', [join(h.dir, 'pipe.yml')]);
    h.write('ok.yml', flowYaml('ok'));
    const inst = h.open({ watch: false });
    expect(await inst.directory.start()).toEqual({ loaded: 1, invalid: 0, deleted: 0 });
  });
});

describe('flows directory helpers', () => {
  test('isFlowFile', () => {
    for (const ok of ['a.yml', 'A.YAML', 'x/y/z.yaml', 'my flow.yml']) expect(isFlowFile(ok)).toBe(true);
    for (const no of ['.a.yml', '.git/a.yml', 'node_modules/a.yml', 'a.yml.swp', '.a.yml.swp', 'a.yml~', '.#a.yml',
      '#a.yml#', 'a.yml.tmp', 'a.yml___jb_tmp___', 'a.json', '4913', '../a.yml', 'x/.cache/a.yml']) {
      expect(isFlowFile(no)).toBe(false);
    }
  });

  test('debouncer collapses bursts per key and idle() waits for them', async () => {
    const runs: string[] = [];
    const d = createDebouncer(5, (k) => void runs.push(k), () => {});
    await d.idle();
    d.schedule('a'); d.schedule('a'); d.schedule('b'); d.schedule('a');
    expect(d.pending()).toBe(2);
    await d.idle();
    expect(runs.sort()).toEqual(['a', 'b']);
    d.schedule('c');
    d.flush();
    expect(runs).toContain('c');
    expect(d.pending()).toBe(0);
  });

  test('a throwing run is reported and does not wedge idle()', async () => {
    const errors: string[] = [];
    const d = createDebouncer(1, () => { throw new Error('boom'); }, (k) => void errors.push(k));
    d.schedule('x');
    await d.idle();
    expect(errors).toEqual(['x']);
  });
});
