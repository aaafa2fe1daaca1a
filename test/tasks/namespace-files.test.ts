import { describe, expect, test } from 'bun:test';
import { createNamespaceFilesStore, namespaceFilesPrefix, NamespaceFilesError, normalizeNamespacePath } from '../../src/namespaces/files/store.ts';
import { memoryBlobStore } from '../../src/shared/storage/blobs.ts';
import { namespaceDeleteFilesTask } from '../../src/tasks/core/namespace-delete-files.ts';
import { namespaceDownloadFilesTask } from '../../src/tasks/core/namespace-download-files.ts';
import { namespaceUploadFilesTask } from '../../src/tasks/core/namespace-upload-files.ts';
import { pathMatcher, rootedGlobMatcher } from '../../src/tasks/core/path-glob.ts';
import { buildRunContext, runExpectingError, type RunContextOptions, type TestRun } from '../helpers/run-context.ts';

const CORE = 'io.kestra.plugin.core.namespace.';
const ctx = (type: string, props: Record<string, unknown>, extra: Partial<RunContextOptions> = {}) =>
  buildRunContext({ task: { id: 'ns', type: CORE + type, ...props }, ...extra });
const text = (data: Uint8Array | undefined) => (data ? new TextDecoder().decode(data) : undefined);
const seed = (r: TestRun, namespace: string, files: Record<string, string>) => {
  for (const [path, content] of Object.entries(files)) r.ctx.namespaceFiles!.put(namespace, path, content);
};

describe('namespace files store', () => {
  test('files live at /<ns path>/_files/<path> per tenant; list, children, stat, get, delete, uri', () => {
    let now = 1000;
    const blobs = memoryBlobStore(() => now);
    const store = createNamespaceFilesStore(blobs);
    const main = store.forTenant('main');
    expect(main.put('company.team', 'scripts//etl.py', 'print(1)')).toEqual({ path: '/scripts/etl.py', size: 8, modified: 1000 });
    now = 2000;
    main.put('company.team', '/scripts/sub/x.sql', 'select 1');
    main.put('company.team', 'README.md', '# hi');
    main.put('company', 'parent.txt', 'p');
    store.forTenant('other').put('company.team', 'secret.txt', 's');
    expect(blobs.get('main/company/team/_files/scripts/etl.py')).toBeDefined();
    expect(main.list('company.team').map((f) => f.path)).toEqual(['/README.md', '/scripts/etl.py', '/scripts/sub/x.sql']);
    expect(main.list('company.team', 'scripts/sub').map((f) => f.path)).toEqual(['/scripts/sub/x.sql']);
    expect(main.list('company').map((f) => f.path)).toEqual(['/parent.txt']);
    expect(main.children('company.team')).toEqual([
      { name: 'README.md', path: '/README.md', type: 'File', size: 4, modified: 2000 },
      { name: 'scripts', path: '/scripts', type: 'Directory', size: 0, modified: 2000 },
    ]);
    expect(main.children('company.team', '/scripts').map((e) => [e.name, e.type])).toEqual([['etl.py', 'File'], ['sub', 'Directory']]);
    expect(main.stat('company.team', 'README.md')).toEqual({ path: '/README.md', size: 4, modified: 2000 });
    expect(text(main.get('company.team', '/scripts/etl.py'))).toBe('print(1)');
    expect(main.uri('company.team', 'scripts/etl.py')).toBe('kestra:///company/team/_files/scripts/etl.py');
    expect(main.delete('company.team', 'README.md')).toBe(true);
    expect(main.delete('company.team', 'README.md')).toBe(false);
    expect(main.get('company.team', 'secret.txt')).toBeUndefined();
  });

  test('invalid namespaces and paths are refused', () => {
    const main = createNamespaceFilesStore(memoryBlobStore()).forTenant('main');
    expect(() => main.put('company.team', '../escape', 'x')).toThrow(NamespaceFilesError);
    expect(() => main.put('company.team', '/', 'x')).toThrow("Invalid namespace file path '/'");
    expect(() => namespaceFilesPrefix('../etc')).toThrow("Invalid namespace '../etc'");
    expect(normalizeNamespacePath('a/./b//c')).toBe('/a/b/c');
  });
});

describe('path patterns', () => {
  test('Kestra PathMatcherPredicate rules: word-start patterns match at any depth; glob: and regex: prefixes', () => {
    const m = pathMatcher(['a.txt', '**.upl', 'glob:/data/*.csv', 'regex:/logs/\\d+\\.log']);
    expect(['/a.txt', '/x/y/a.txt', '/deep/file.upl', '/data/z.csv', '/logs/12.log'].every(m)).toBe(true);
    expect(['/b.txt', '/data/sub/z.csv', '/logs/x.log'].some(m)).toBe(false);
  });

  test('DownloadFiles globs are rooted: "*.txt" only at the root; ** crosses folders; classes and groups', () => {
    const m = rootedGlobMatcher(['*.txt', '/scripts/**', '**input.{csv,json}', 'f[!0-9].md']);
    expect(['/a.txt', '/scripts/a/b.py', '/x/input.json', '/input.csv', '/fa.md'].every(m)).toBe(true);
    expect(['/d/a.txt', '/f1.md', '/input.xml'].some(m)).toBe(false);
  });
});

describe('namespace.UploadFiles', () => {
  test('filesMap: kestra:// values are copied, other values are contents; destination prefix; outputs the namespace URIs', async () => {
    const r = ctx('UploadFiles', { namespace: '{{ flow.namespace }}', filesMap: { 'LICENCE': '{{ inputs.f }}', 'conf/app.yml': 'name: {{ flow.id }}' }, destination: '/uploaded' });
    Object.assign(r.ctx.variables, { inputs: { f: r.ctx.storage.putFile('lic.txt', 'MIT') } });
    expect((await r.run(namespaceUploadFilesTask))!.outputs).toEqual({
      files: {
        '/uploaded/LICENCE': 'kestra:///company/team/_files/uploaded/LICENCE',
        '/uploaded/conf/app.yml': 'kestra:///company/team/_files/uploaded/conf/app.yml',
      },
    });
    expect(text(r.ctx.namespaceFiles!.get('company.team', '/uploaded/LICENCE'))).toBe('MIT');
    expect(text(r.ctx.namespaceFiles!.get('company.team', '/uploaded/conf/app.yml'))).toBe('name: my-flow');
  });

  test('filesMap as a JSON string; a missing kestra:// file is skipped with a warning', async () => {
    const r = ctx('UploadFiles', { namespace: 'other.ns', filesMap: '{{ inputs.m }}' }, {
      variables: { inputs: { m: '{"a.txt": "kestra:///company/team/my-flow/executions/exec1/missing.txt", "b.txt": "B"}' } },
    });
    expect((await r.run(namespaceUploadFilesTask))!.outputs).toEqual({ files: { '/b.txt': 'kestra:///other/ns/_files/b.txt' } });
    expect(r.logs).toEqual([{ level: 'WARN', message: "File 'kestra:///company/team/my-flow/executions/exec1/missing.txt' not found, 'a.txt' not uploaded" }]);
  });

  test('conflict: OVERWRITE (default), SKIP keeps the old file, ERROR fails', async () => {
    const base = ctx('UploadFiles', { namespace: 'company.team', filesMap: { 'a.txt': 'new' } });
    seed(base, 'company.team', { '/a.txt': 'old' });
    await base.run(namespaceUploadFilesTask);
    expect(text(base.ctx.namespaceFiles!.get('company.team', 'a.txt'))).toBe('new');
    const skip = ctx('UploadFiles', { namespace: 'company.team', filesMap: { 'a.txt': 'newer' }, conflict: 'SKIP' }, { blobs: base.blobs });
    await skip.run(namespaceUploadFilesTask);
    expect(text(base.ctx.namespaceFiles!.get('company.team', 'a.txt'))).toBe('new');
    const error = ctx('UploadFiles', { namespace: 'company.team', filesMap: { 'a.txt': 'x' }, conflict: 'ERROR' }, { blobs: base.blobs });
    expect((await runExpectingError(error, namespaceUploadFilesTask)).message).toBe("File '/a.txt' already exists in namespace 'company.team' and conflict is set to ERROR");
  });

  test('errors: `files` globs unsupported, nothing to upload, bad path, no namespace files service', async () => {
    const globs = ctx('UploadFiles', { namespace: 'company.team', files: ['glob:**/dbt/**'] });
    expect((await runExpectingError(globs, namespaceUploadFilesTask)).message).toContain('`files` (globs over a working directory) is not supported by kestra-lite');
    expect((await runExpectingError(ctx('UploadFiles', { namespace: 'company.team' }), namespaceUploadFilesTask)).message).toBe('files or filesMap is required');
    const escape = ctx('UploadFiles', { namespace: 'company.team', filesMap: { '../../x': 'y' } });
    expect((await runExpectingError(escape, namespaceUploadFilesTask)).message).toBe("Invalid namespace file path '/../../x'");
    const bare = ctx('UploadFiles', { namespace: 'company.team', filesMap: { a: 'b' } }, { withoutDefaultServices: true });
    expect((await runExpectingError(bare, namespaceUploadFilesTask)).message).toBe(
      "namespace.UploadFiles is not available: this kestra-lite runner provides no 'namespaceFiles' service to tasks",
    );
  });
});

describe('namespace.DownloadFiles', () => {
  test('copies matching files into the task storage, keyed by path; counter `downloaded`', async () => {
    const r = ctx('DownloadFiles', { namespace: 'tutorial', files: ['**input.txt', '/sql/*.sql'] });
    seed(r, 'tutorial', { '/input.txt': 'in', '/data/input.txt': 'in2', '/sql/a.sql': 'select', '/sql/deep/b.sql': 'no', '/other.md': 'no' });
    const files = (await r.run(namespaceDownloadFilesTask))!.outputs!.files as Record<string, string>;
    expect(Object.keys(files)).toEqual(['/data/input.txt', '/input.txt', '/sql/a.sql']);
    expect(files['/sql/a.sql']).toBe('kestra:///company/team/my-flow/executions/exec1/tasks/ns/taskrun1/sql/a.sql');
    expect(text(r.ctx.storage.readFile(files['/data/input.txt']!))).toBe('in2');
    expect(r.metrics).toEqual([{ type: 'counter', name: 'downloaded', value: 3, tags: {} }]);
  });

  test('a single pattern string and a destination folder; no match downloads nothing', async () => {
    const r = ctx('DownloadFiles', { namespace: 'tutorial', files: '**', destination: 'ns-files' });
    seed(r, 'tutorial', { '/a.txt': 'A' });
    expect((await r.run(namespaceDownloadFilesTask))!.outputs).toEqual({
      files: { '/a.txt': 'kestra:///company/team/my-flow/executions/exec1/tasks/ns/taskrun1/ns-files/a.txt' },
    });
    const none = ctx('DownloadFiles', { namespace: 'empty.ns', files: ['**'] });
    expect((await none.run(namespaceDownloadFilesTask))!.outputs).toEqual({ files: {} });
    expect(none.metrics[0]!.value).toBe(0);
    expect((await runExpectingError(ctx('DownloadFiles', { namespace: 'x' }), namespaceDownloadFilesTask)).message).toBe("Missing required property 'files'");
  });
});

describe('namespace.DeleteFiles', () => {
  test('deletes matching files; counter `deleted`; no outputs', async () => {
    const r = ctx('DeleteFiles', { namespace: 'tutorial', files: ['**.upl', 'keep/none.txt'] });
    seed(r, 'tutorial', { '/a.upl': '1', '/dir/b.upl': '2', '/c.txt': '3' });
    expect((await r.run(namespaceDeleteFilesTask))!.outputs).toEqual({});
    expect(r.ctx.namespaceFiles!.list('tutorial').map((f) => f.path)).toEqual(['/c.txt']);
    expect(r.metrics).toEqual([{ type: 'counter', name: 'deleted', value: 2, tags: {} }]);
    expect(r.logs.map((l) => l.message)).toEqual(['Deleted /a.upl', 'Deleted /dir/b.upl']);
  });

  test('a bare file name matches at any depth; the namespace defaults to the flow one', async () => {
    const r = ctx('DeleteFiles', { files: 'c.txt' });
    seed(r, 'company.team', { '/c.txt': '1', '/x/c.txt': '2', '/x/d.txt': '3' });
    await r.run(namespaceDeleteFilesTask);
    expect(r.ctx.namespaceFiles!.list('company.team').map((f) => f.path)).toEqual(['/x/d.txt']);
    expect((await runExpectingError(ctx('DeleteFiles', { files: 'f[0' }), namespaceDeleteFilesTask)).message).toBe("Invalid glob pattern '**/f[0': missing ']'");
  });
});
