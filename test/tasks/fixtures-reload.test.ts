import { describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureQuery } from '../../src/tasks/fixtures.ts';
import { changed, startFixtures, tempDir, writeFile } from './fixtures-helpers.ts';

const q = (taskId: string): FixtureQuery => ({ namespace: 'n', flowId: 'f', taskId, type: 'io.kestra.plugin.x.Task' });

describe('fixture loading', () => {
  test('loads .yml and .yaml files at any depth, ignores other files', async () => {
    const dir = tempDir({
      'a.yml': 'tasks: [{id: a}]\n',
      'deep/er/b.yaml': 'tasks: [{id: b}]\n',
      'notes.txt': 'tasks: [{id: c}]\n',
    });
    const f = await startFixtures(dir);
    expect(f.files()).toEqual([join(dir, 'a.yml'), join(dir, 'deep/er/b.yaml')]);
    expect(f.match(q('b'))?.entry.id).toBe('b');
    expect(f.match(q('c'))).toBeUndefined();
  });

  test('invalid files are reported, never thrown; valid files still load', async () => {
    const dir = tempDir({ 'bad.yml': 'tasks: [\n', 'typo.yml': 'tasks: [{id: x, ouputs: {}}]\n', 'good.yml': 'tasks: [{id: g}]\n' });
    const f = await startFixtures(dir);
    expect(f.errors().map((e) => [e.file, e.message.split(':')[0]])).toEqual([
      [join(dir, 'bad.yml'), 'Invalid YAML'],
      [join(dir, 'typo.yml'), 'tasks[0].ouputs'],
    ]);
    expect(f.match(q('g'))?.entry.id).toBe('g');
  });

  test('a missing directory is simply empty', async () => {
    const f = await startFixtures(join(tempDir(), 'does-not-exist'));
    expect(f.files()).toEqual([]);
    expect(f.errors()).toEqual([]);
  });
});

describe('fixture hot reload', () => {
  test('added, changed, broken, fixed and deleted files are picked up', async () => {
    const dir = tempDir({ 'a.yml': 'tasks: [{id: a, outputs: {v: 1}}]\n' });
    const f = await startFixtures(dir, { watch: true });
    expect(f.match(q('a'))?.entry.outputs).toEqual({ v: 1 });

    // added, nested, in a new folder
    let next = changed(f, (c) => c.kind === 'loaded' && c.file.endsWith('b.yml'));
    writeFile(dir, 'sub/b.yml', 'tasks: [{id: b}]\n');
    await next;
    expect(f.match(q('b'))?.entry.id).toBe('b');

    // changed
    next = changed(f, () => f.match(q('a'))?.entry.outputs?.v === 2);
    writeFile(dir, 'a.yml', 'tasks: [{id: a, outputs: {v: 2}}]\n');
    await next;

    // broken: reported, the last good version stays in use
    next = changed(f, (c) => c.kind === 'invalid');
    writeFile(dir, 'a.yml', 'tasks: [{id: a, state: NOPE}]\n');
    await next;
    expect(f.errors()).toEqual([{ file: join(dir, 'a.yml'), message: 'tasks[0].state: must be one of SUCCESS, WARNING, FAILED' }]);
    expect(f.match(q('a'))?.entry.outputs).toEqual({ v: 2 });

    // fixed
    next = changed(f, (c) => c.kind === 'loaded' && c.file.endsWith('a.yml'));
    writeFile(dir, 'a.yml', 'tasks: [{id: a, outputs: {v: 3}}]\n');
    await next;
    expect(f.errors()).toEqual([]);
    expect(f.match(q('a'))?.entry.outputs).toEqual({ v: 3 });

    // deleted
    next = changed(f, (c) => c.kind === 'removed');
    unlinkSync(join(dir, 'a.yml'));
    await next;
    expect(f.match(q('a'))).toBeUndefined();
    expect(f.files()).toEqual([join(dir, 'sub/b.yml')]);
  });

  test('two quick saves: the last one wins', async () => {
    const dir = tempDir({ 'a.yml': 'tasks: [{id: a, outputs: {v: 1}}]\n' });
    const f = await startFixtures(dir, { watch: true });
    const next = changed(f, () => f.match(q('a'))?.entry.outputs?.v === 3);
    writeFile(dir, 'a.yml', 'tasks: [{id: a, outputs: {v: 2}}]\n');
    writeFile(dir, 'a.yml', 'tasks: [{id: a, outputs: {v: 3}}]\n');
    await next;
  });

  test('a directory created after start is watched (and never created by the loader)', async () => {
    const dir = join(tempDir(), 'later', 'fixtures');
    const f = await startFixtures(dir, { watch: true });
    expect(existsSync(dir)).toBe(false);
    const next = changed(f, (c) => c.kind === 'loaded');
    writeFile(join(dir, '..'), 'sibling.yml', 'tasks: [{id: s}]\n');
    writeFile(dir, 'x/new.yml', 'tasks: [{id: n}]\n');
    await next;
    expect(f.match(q('n'))?.entry.id).toBe('n');
    expect(f.match(q('s'))).toBeUndefined();
  });

  test('a deleted folder removes its fixtures', async () => {
    const dir = tempDir({ 'keep.yml': 'tasks: [{id: k}]\n', 'team/x.yml': 'tasks: [{id: x}]\n', 'team/deeper/y.yml': 'tasks: [{id: y}]\n' });
    const f = await startFixtures(dir, { watch: true });
    expect(f.files()).toHaveLength(3);
    const gone = changed(f, () => f.files().length === 1);
    rmSync(join(dir, 'team'), { recursive: true });
    await gone;
    expect(f.match(q('x'))).toBeUndefined();
    expect(f.match(q('k'))?.entry.id).toBe('k');
  });

  test('deleting the whole directory removes every fixture', async () => {
    const dir = join(tempDir(), 'fx');
    writeFile(dir, 'a.yml', 'tasks: [{id: a}]\n');
    const f = await startFixtures(dir, { watch: true });
    expect(f.files()).toHaveLength(1);
    const gone = changed(f, () => f.files().length === 0);
    rmSync(dir, { recursive: true });
    await gone;
    expect(f.match(q('a'))).toBeUndefined();
  });

  test('non-fixture files never trigger a load', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'nested'));
    const f = await startFixtures(dir, { watch: true });
    const seen: string[] = [];
    f.onChange((c) => seen.push(c.file));
    const next = changed(f, (c) => c.file.endsWith('z.yml'));
    writeFile(dir, 'nested/readme.md', 'tasks: [{id: md}]\n');
    writeFile(dir, 'nested/z.yml', 'tasks: [{id: z}]\n');
    await next;
    expect(seen.every((file) => file.endsWith('z.yml'))).toBe(true);
    expect(f.match(q('md'))).toBeUndefined();
  });

  test('close stops watching and is idempotent', async () => {
    const f = await startFixtures(tempDir(), { watch: true });
    await f.close();
    await f.close();
  });
});
