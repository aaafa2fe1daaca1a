// io.kestra.plugin.core.flow.WorkingDirectory for real (WorkingDirectoryTest in Kestra): one
// temporary directory shared by the children, inputFiles, outputFiles, namespaceFiles, cache.
import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { createNamespaceFilesStore } from '../../src/namespaces/files/store.ts';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';
import { execute, logsOf, runFlow, saveFlow, taskRun } from '../helpers/flows.ts';

const WD = 'io.kestra.plugin.core.flow.WorkingDirectory';
const LOCAL = 'io.kestra.plugin.core.storage.LocalFiles';
const RET = 'io.kestra.plugin.core.debug.Return';

const fileText = async (c: TestClient, executionId: string, uri: string) =>
  (await c.call('GET', `/api/v1/executions/${executionId}/file?path=${encodeURIComponent(uri)}`)).text();

const SHARED = `id: shared
namespace: t
inputs:
  - id: fail
    type: BOOLEAN
    defaults: false
tasks:
  - id: wd
    type: ${WD}
    tasks:
      - id: write
        type: ${LOCAL}
        inputs:
          out/stay.txt: "{{ inputs.fail ? nope : 'written by ' ~ task.id }}"
      - id: collect
        type: ${LOCAL}
        outputs:
          - out/*
      - id: where
        type: ${RET}
        format: "{{ workingDir }}"
      - id: off
        type: ${RET}
        format: never
        disabled: true
    errors:
      - id: on-error
        type: ${RET}
        format: "handled"
  - id: end
    type: ${RET}
    format: "{{ outputs.collect.uris['out/stay.txt'] }}"
`;

describe('WorkingDirectory', () => {
  test('children share one real directory, removed when the task ends', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, SHARED);
    expect(e.state.current).toBe('SUCCESS');
    expect(e.taskRunList.map((r: any) => `${r.taskId}:${r.state.current}`)).toEqual(['wd:SUCCESS', 'write:SUCCESS', 'collect:SUCCESS', 'where:SUCCESS', 'end:SUCCESS']);
    // the second LocalFiles sees the file the first one wrote
    const uri = taskRun(e, 'end').outputs.value as string;
    expect(uri).toStartWith('kestra:///t/shared/executions/');
    expect(await fileText(c, e.id, uri)).toBe('written by write');
    const dir = taskRun(e, 'where').outputs.value as string;
    expect(dir).toContain('kestra-lite-wd-');
    expect(existsSync(dir)).toBe(false);
    expect(taskRun(e, 'wd').outputs).toEqual({});
    expect(taskRun(e, 'wd').attempts).toBeUndefined();
  });

  test('a failing child stops the others and runs the errors branch', async () => {
    const c = await testRuntime();
    await saveFlow(c, SHARED);
    const e = await execute(c, 't', 'shared', { fail: 'true' });
    expect(e.state.current).toBe('FAILED');
    expect(e.taskRunList.map((r: any) => `${r.taskId}:${r.state.current}`)).toEqual(['wd:FAILED', 'write:FAILED', 'on-error:SUCCESS']);
  });

  test('inputFiles are rendered into the directory, outputFiles globs become the outputFiles output', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: io
namespace: t
tasks:
  - id: stored
    type: ${LOCAL}
    inputs:
      seed.txt: "from storage"
    outputs:
      - seed.txt
  - id: wd
    type: ${WD}
    inputFiles:
      input.txt: "Hello {{ flow.id }}"
      "{{ 'sub' }}/copy.txt": "{{ outputs.stored.uris['seed.txt'] }}"
    outputFiles:
      - "*.txt"
      - sub/**
    tasks:
      - id: produce
        type: ${LOCAL}
        inputs:
          result.txt: "computed"
          result.csv: "not collected"
`);
    expect(e.state.current).toBe('SUCCESS');
    const files = taskRun(e, 'wd').outputs.outputFiles as Record<string, string>;
    expect(Object.keys(files).sort()).toEqual(['input.txt', 'result.txt', 'sub/copy.txt']);
    expect(files['result.txt']).toMatch(/^kestra:\/\/\/t\/io\/executions\/.+\/tasks\/wd\/.+-result\.txt$/);
    expect(await fileText(c, e.id, files['input.txt']!)).toBe('Hello io');
    expect(await fileText(c, e.id, files['sub/copy.txt']!)).toBe('from storage');
    expect(await fileText(c, e.id, files['result.txt']!)).toBe('computed');
  });

  test('namespaceFiles copies the namespace files (include/exclude) into the directory', async () => {
    const c = await testRuntime();
    const store = createNamespaceFilesStore(c.rt.blobs).forTenant('main');
    store.put('t', '/test/a/b/c/1.txt', 'first');
    store.put('t', '/a/b/3.txt', 'third');
    store.put('t', '/ignore/4.txt', '4th');
    const e = await runFlow(c, `id: nsf
namespace: t
tasks:
  - id: wd
    type: ${WD}
    namespaceFiles:
      enabled: true
      exclude:
        - /ignore/**
    tasks:
      - id: look
        type: ${LOCAL}
        outputs:
          - "**"
`);
    const uris = taskRun(e, 'look').outputs.uris as Record<string, string>;
    expect(Object.keys(uris).sort()).toEqual(['a/b/3.txt', 'test/a/b/c/1.txt']);
    expect(await fileText(c, e.id, uris['a/b/3.txt']!)).toBe('third');
  });

  test('cache: files matching the patterns are restored on the next run until the ttl expires', async () => {
    const c = await testRuntime();
    await saveFlow(c, `id: cached
namespace: t
tasks:
  - id: workingDir
    type: ${WD}
    cache:
      ttl: PT5M
      patterns:
        - "*.txt"
    tasks:
      - id: exists
        type: ${LOCAL}
        outputs:
          - hello.txt
      - id: write
        type: ${LOCAL}
        inputs:
          hello.txt: HELLO WORLD
          other.log: not cached
`);
    const first = await execute(c, 't', 'cached');
    expect(first.state.current).toBe('SUCCESS');
    expect(taskRun(first, 'exists').outputs).toEqual({ uris: {} });
    expect(c.rt.blobs.stat('main/t/cached/workingdir/cache/cache.zip')).toBeDefined();
    const second = await execute(c, 't', 'cached');
    expect(Object.keys(taskRun(second, 'exists').outputs.uris)).toEqual(['hello.txt']);
    expect(await fileText(c, second.id, taskRun(second, 'exists').outputs.uris['hello.txt'])).toBe('HELLO WORLD');
    (c.rt.clock as FakeClock).advance(6 * 60_000);
    const expired = await execute(c, 't', 'cached');
    expect(taskRun(expired, 'exists').outputs).toEqual({ uris: {} });
  });

  test('an invalid inputFiles fails the task before its children run', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: badin\nnamespace: t\ntasks:\n  - id: wd\n    type: ${WD}\n    inputFiles: "not json"\n    tasks:\n      - id: never\n        type: ${RET}\n        format: x\n`);
    expect(e.state.current).toBe('FAILED');
    expect(e.taskRunList.map((r: any) => `${r.taskId}:${r.state.current}`)).toEqual(['wd:FAILED']);
    expect(logsOf(c, e.id).find((l) => l.level === 'ERROR')?.message).toBe('Failed preExecuteTasks on WorkingDirectory: Invalid `inputFiles`: not json is not a JSON map');
  });
});

describe('logToFile', () => {
  test('the attempt logs go to a stored file (attempt logFile) instead of log entries', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: tofile\nnamespace: t\ntasks:\n  - id: quiet\n    type: io.kestra.plugin.core.log.Log\n    logToFile: true\n    message: "to the file {{ flow.id }}"\n  - id: loud\n    type: io.kestra.plugin.core.log.Log\n    message: to the log\n`);
    expect(e.state.current).toBe('SUCCESS');
    expect(logsOf(c, e.id).map((l) => [l.taskId, l.message])).toEqual([['loud', 'to the log']]);
    const attempt = taskRun(e, 'quiet').attempts[0];
    expect(attempt.logFile).toMatch(/^kestra:\/\/\/t\/tofile\/executions\/.+\/tasks\/quiet\/.+\/log-[a-z0-9]{5}\.txt$/);
    expect(taskRun(e, 'loud').attempts[0].logFile).toBeUndefined();
    const text = await fileText(c, e.id, attempt.logFile);
    expect(text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO  worker +\S+ +to the file tofile\n$/);
  });
});
