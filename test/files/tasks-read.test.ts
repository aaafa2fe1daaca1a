// A file uploaded through the Files API is what flows read: `read()` of its kestra:/// URI and
// namespace.DownloadFiles; files written by namespace.UploadFiles show up in the API with revisions.
import { expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';
import { execute, runFlow, taskRun } from '../helpers/flows.ts';
import { upload } from './helpers.ts';

const flow = (id: string, tasks: string) => `id: ${id}\nnamespace: company.team\ntasks:\n${tasks}`;

test('read() of the namespace file URI returns the uploaded content', async () => {
  const c = await testRuntime();
  await upload(c, 'company.team', '/queries/q.sql', 'select 42');
  const exec = await runFlow(c, flow('reader', `  - id: show
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read('kestra:///company/team/_files/queries/q.sql') }}"
`));
  expect(exec.state.current).toBe('SUCCESS');
  expect(taskRun(exec, 'show').outputs.value).toBe('select 42');
});

test('namespace.DownloadFiles copies API-uploaded files into the execution; the latest revision wins', async () => {
  const c = await testRuntime();
  await upload(c, 'company.team', '/data/a.csv', 'old');
  await upload(c, 'company.team', '/data/a.csv', 'a,1');
  await upload(c, 'company.team', '/data/b.csv', 'b,2');
  await upload(c, 'company.team', '/other.txt', 'x');
  await c.call('POST', '/api/v1/namespaces/company.team/files/directory?path=/data/empty');
  const exec = await runFlow(c, flow('downloader', `  - id: dl
    type: io.kestra.plugin.core.namespace.DownloadFiles
    namespace: company.team
    files: ["/data/**"]
  - id: show
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read(outputs.dl.files['/data/a.csv']) }}|{{ read(outputs.dl.files['/data/b.csv']) }}"
`));
  expect(exec.state.current).toBe('SUCCESS');
  expect(Object.keys(taskRun(exec, 'dl').outputs.files)).toEqual(['/data/a.csv', '/data/b.csv']);
  expect(taskRun(exec, 'show').outputs.value).toBe('a,1|b,2');
});

test('files written by namespace.UploadFiles are API files with revisions; DeleteFiles removes them', async () => {
  const c = await testRuntime();
  const writer = flow('writer', `  - id: up
    type: io.kestra.plugin.core.namespace.UploadFiles
    namespace: company.team
    filesMap:
      notes/today.txt: "written by {{ flow.id }}"
`);
  expect((await runFlow(c, writer)).state.current).toBe('SUCCESS');
  expect((await execute(c, 'company.team', 'writer')).state.current).toBe('SUCCESS');
  const r = await c.call('GET', '/api/v1/namespaces/company.team/files?path=/notes/today.txt');
  expect(await r.text()).toBe('written by writer');
  expect((await c.json('GET', '/api/v1/namespaces/company.team/files/revisions?path=/notes/today.txt')).body).toEqual([{ revision: 1 }, { revision: 2 }]);

  const cleaner = await runFlow(c, flow('cleaner', `  - id: rm
    type: io.kestra.plugin.core.namespace.DeleteFiles
    namespace: company.team
    files: ["today.txt"]
`));
  expect(cleaner.state.current).toBe('SUCCESS');
  expect((await c.json('GET', '/api/v1/namespaces/company.team/files/search?q=/')).body).toEqual([]);
  expect((await c.json('GET', '/api/v1/namespaces/company.team/files/directory')).body).toEqual([]);
});

test("read('relative/path') is a namespace file of the flow's namespace; '..' is refused", async () => {
  const c = await testRuntime();
  await upload(c, 'company.team', '/queries/q.sql', 'select 1');
  await upload(c, 'company', '/parent.txt', 'parent namespace');
  const exec = await runFlow(c, flow('relative', `  - id: show
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read('queries/q.sql') }}|{{ read('/queries/q.sql') }}"
`));
  expect(taskRun(exec, 'show').outputs.value).toBe('select 1|select 1');
  const escape = await runFlow(c, flow('escape', `  - id: show
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read('../parent.txt') }}"
`));
  expect(escape.state.current).toBe('FAILED');
});
