import { describe, expect, test } from 'bun:test';
import { storageConcatTask } from '../../src/tasks/core/storage-concat.ts';
import { storageDeleteTask } from '../../src/tasks/core/storage-delete.ts';
import { storageLocalFilesTask } from '../../src/tasks/core/storage-local-files.ts';
import { storagePurgeExecutionFilesTask } from '../../src/tasks/core/storage-purge-execution-files.ts';
import { storageReverseTask } from '../../src/tasks/core/storage-reverse.ts';
import { storageSizeTask } from '../../src/tasks/core/storage-size.ts';
import { parseReadableBytes, splitRows, storageSplitTask } from '../../src/tasks/core/storage-split.ts';
import { buildRunContext, runExpectingError, type RunContextOptions, type TestRun } from '../helpers/run-context.ts';

const CORE = 'io.kestra.plugin.core.storage.';
const ctx = (type: string, props: Record<string, unknown>, extra: Partial<RunContextOptions> = {}) =>
  buildRunContext({ task: { id: 'files_task', type: CORE + type, ...props }, ...extra });
const text = (r: TestRun, uri: unknown) => new TextDecoder().decode(r.ctx.storage.readFile(uri as string));
const PREFIX = 'kestra:///company/team/my-flow/executions/exec1/tasks/files-task/taskrun1/';

describe('storage.Concat', () => {
  test('concatenates a list of rendered URIs with a separator after each file; default extension .tmp', async () => {
    const r = ctx('Concat', { files: ['{{ inputs.a }}', '{{ inputs.b }}'], separator: '\n' });
    const a = r.ctx.storage.putFile('a.txt', 'Hello John');
    const b = r.ctx.storage.putFile('b.txt', 'Hello Jane');
    Object.assign(r.ctx.variables, { inputs: { a, b } });
    const out = (await r.run(storageConcatTask))!.outputs!;
    expect(out.uri).toBe(`${PREFIX}concat.tmp`);
    expect(text(r, out.uri)).toBe('Hello John\nHello Jane\n');
  });

  test('a JSON string of URIs works; no separator by default; custom extension', async () => {
    const r = ctx('Concat', { files: '{{ inputs.files }}', extension: '.csv' });
    const uris = [r.ctx.storage.putFile('1.csv', 'a,b\n'), r.ctx.storage.putFile('2.csv', 'c,d\n')];
    Object.assign(r.ctx.variables, { inputs: { files: JSON.stringify(uris) } });
    const out = (await r.run(storageConcatTask))!.outputs!;
    expect(out.uri).toEndWith('concat.csv');
    expect(text(r, out.uri)).toBe('a,b\nc,d\n');
  });

  test('errors: missing files, not a JSON list, missing file', async () => {
    expect((await runExpectingError(ctx('Concat', {}), storageConcatTask)).message).toBe("Missing required property 'files'");
    expect((await runExpectingError(ctx('Concat', { files: 'nope' }), storageConcatTask)).message).toBe('Invalid `files` property: "nope" is not a JSON list');
    expect((await runExpectingError(ctx('Concat', { files: ['kestra:///x/y.txt'] }), storageConcatTask)).message).toBe('File not found: kestra:///x/y.txt');
  });
});

describe('storage.Split', () => {
  const lines = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n') + '\n';

  test('rows: chunks of N lines, named after their index with the source extension', async () => {
    const r = ctx('Split', { from: '{{ inputs.f }}', rows: 4 });
    Object.assign(r.ctx.variables, { inputs: { f: r.ctx.storage.putFile('data.csv', lines) } });
    const uris = (await r.run(storageSplitTask))!.outputs!.uris as string[];
    expect(uris).toEqual([`${PREFIX}0.csv`, `${PREFIX}1.csv`, `${PREFIX}2.csv`]);
    expect(text(r, uris[2])).toBe('line 8\nline 9\n');
  });

  test('partitions: round-robin, empty partitions dropped; custom separator', async () => {
    const r = ctx('Split', { from: '{{ inputs.f }}', partitions: '{{ 5 }}', separator: ';' });
    Object.assign(r.ctx.variables, { inputs: { f: r.ctx.storage.putFile('data', 'a\r\nb\nc') } });
    const uris = (await r.run(storageSplitTask))!.outputs!.uris as string[];
    expect(uris.map((u) => text(r, u))).toEqual(['a;', 'b;', 'c;']);
    expect(uris[0]).toEndWith('/0.tmp');
  });

  test('bytes: a new file once the previous reached the size (sizes like 1KB)', async () => {
    expect(parseReadableBytes('10')).toBe(10);
    expect(parseReadableBytes('2kb')).toBe(2048);
    expect(parseReadableBytes('1MB')).toBe(1024 * 1024);
    expect(parseReadableBytes('ten')).toBeUndefined();
    expect(splitRows(['aaa', 'bbb', 'ccc'], { bytes: 5 }, '\n')).toEqual(['aaa\nbbb\n', 'ccc\n']);
    const r = ctx('Split', { from: '{{ inputs.f }}', bytes: '14' });
    Object.assign(r.ctx.variables, { inputs: { f: r.ctx.storage.putFile('d.txt', lines) } });
    const uris = (await r.run(storageSplitTask))!.outputs!.uris as string[];
    expect(uris.map((u) => text(r, u))).toEqual(['line 0\nline 1\n', 'line 2\nline 3\n', 'line 4\nline 5\n', 'line 6\nline 7\n', 'line 8\nline 9\n']);
  });

  test('errors: no rule, bad size, bad integer', async () => {
    const make = (props: Record<string, unknown>) => {
      const r = ctx('Split', { from: 'kestra:///company/team/my-flow/executions/exec1/x.txt', ...props });
      r.blobs.put('main/company/team/my-flow/executions/exec1/x.txt', 'a\n');
      return r;
    };
    expect((await runExpectingError(make({}), storageSplitTask)).message).toBe('Invalid configuration with no size, count, nor rows');
    expect((await runExpectingError(make({ bytes: 'lots' }), storageSplitTask)).message).toBe("Invalid size with value 'lots'");
    expect((await runExpectingError(make({ rows: 'x' }), storageSplitTask)).message).toContain('java.lang.Integer');
    expect((await runExpectingError(make({ rows: 0 }), storageSplitTask)).message).toContain('must be greater than 0');
  });
});

describe('storage.Size, storage.Delete', () => {
  test('Size gives the byte length', async () => {
    const r = ctx('Size', { uri: '{{ inputs.f }}' });
    Object.assign(r.ctx.variables, { inputs: { f: r.ctx.storage.putFile('a.txt', 'héllo') } });
    expect((await r.run(storageSizeTask))!.outputs).toEqual({ size: 6 });
    expect((await runExpectingError(ctx('Size', {}), storageSizeTask)).message).toBe("Missing required property 'uri'");
  });

  test('Delete returns {uri, deleted}; errorOnMissing fails on a missing file', async () => {
    const r = ctx('Delete', { uri: '{{ inputs.f }}' });
    const uri = r.ctx.storage.putFile('a.txt', 'x');
    Object.assign(r.ctx.variables, { inputs: { f: uri } });
    expect((await r.run(storageDeleteTask))!.outputs).toEqual({ uri, deleted: true });
    expect(r.ctx.storage.exists(uri)).toBe(false);
    expect((await r.run(storageDeleteTask))!.outputs).toEqual({ uri, deleted: false });
    const strict = ctx('Delete', { uri, errorOnMissing: true });
    expect((await runExpectingError(strict, storageDeleteTask)).message).toBe(`Unable to find file '${uri}'`);
  });
});

describe('storage.Reverse', () => {
  test('last line first, separator after each line, extension kept', async () => {
    const r = ctx('Reverse', { from: '{{ inputs.f }}' });
    Object.assign(r.ctx.variables, { inputs: { f: r.ctx.storage.putFile('numbers.txt', '1\n2\n3\n') } });
    const uri = (await r.run(storageReverseTask))!.outputs!.uri;
    expect(uri).toBe(`${PREFIX}reverse.txt`);
    expect(text(r, uri)).toBe('3\n2\n1\n');
  });

  test('custom separator and ISO-8859-1 charset; unknown charset fails', async () => {
    const r = ctx('Reverse', { from: '{{ inputs.f }}', separator: ',', charset: 'ISO-8859-1' });
    Object.assign(r.ctx.variables, { inputs: { f: r.ctx.storage.putFile('l', new Uint8Array([0x65, 0xe9, 0x0a, 0x61])) } });
    const uri = (await r.run(storageReverseTask))!.outputs!.uri as string;
    expect([...r.ctx.storage.readFile(uri)]).toEqual([0x61, 0x2c, 0x65, 0xe9, 0x2c]);
    const bad = ctx('Reverse', { from: uri, charset: 'EBCDIC' });
    expect((await runExpectingError(bad, storageReverseTask)).message).toBe('Unsupported charset: EBCDIC');
  });
});

describe('storage.PurgeCurrentExecutionFiles', () => {
  test('deletes every file of the execution and returns their URIs; other executions are kept', async () => {
    const r = ctx('PurgeCurrentExecutionFiles', {});
    const own = r.ctx.storage.putFile('a.txt', 'x');
    r.blobs.put('main/company/team/my-flow/executions/exec1/inputs/file/in.csv', 'y');
    r.blobs.put('main/company/team/my-flow/executions/exec2/inputs/file/in.csv', 'z');
    const uris = (await r.run(storagePurgeExecutionFilesTask))!.outputs!.uris;
    expect(uris).toEqual(['kestra:///company/team/my-flow/executions/exec1/inputs/file/in.csv', own]);
    expect(r.blobs.list('main/company/team/my-flow/executions').map((b) => b.key)).toEqual(['main/company/team/my-flow/executions/exec2/inputs/file/in.csv']);
  });

  test('fails clearly when the runner cannot list execution files', async () => {
    const r = ctx('PurgeCurrentExecutionFiles', {}, { withoutDefaultServices: true });
    expect((await runExpectingError(r, storagePurgeExecutionFilesTask)).message).toBe(
      "storage.PurgeCurrentExecutionFiles is not available: this kestra-lite runner provides no 'storage.deleteExecutionFiles' service to tasks",
    );
  });
});

describe('storage.LocalFiles', () => {
  test('inputs are rendered (kestra:// values copied); outputs globs select the files stored', async () => {
    const r = ctx('LocalFiles', {
      inputs: { 'hello.txt': 'Hello {{ flow.id }}', 'sub/dir/data.json': '{{ inputs.f }}', 'other.md': '# x' },
      outputs: ['*.txt', 'sub/**'],
    });
    Object.assign(r.ctx.variables, { inputs: { f: r.ctx.storage.putFile('src.json', '{"a":1}') } });
    const uris = (await r.run(storageLocalFilesTask))!.outputs!.uris as Record<string, string>;
    expect(Object.keys(uris)).toEqual(['hello.txt', 'sub/dir/data.json']);
    expect(uris['hello.txt']).toBe(`${PREFIX}hello.txt`);
    expect(text(r, uris['hello.txt'])).toBe('Hello my-flow');
    expect(text(r, uris['sub/dir/data.json'])).toBe('{"a":1}');
  });

  test('inputs as a JSON string; no outputs gives an empty map; `..` paths refused', async () => {
    const r = ctx('LocalFiles', { inputs: '{{ inputs.m }}' }, { variables: { inputs: { m: '{"a.txt": "A"}' } } });
    expect((await r.run(storageLocalFilesTask))!.outputs).toEqual({ uris: {} });
    const bad = ctx('LocalFiles', { inputs: { '../x': 'A' }, outputs: ['**'] });
    expect((await runExpectingError(bad, storageLocalFilesTask)).message).toBe("Invalid file name '../x'");
  });
});
