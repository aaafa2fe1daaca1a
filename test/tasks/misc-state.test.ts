import { describe, expect, test } from 'bun:test';
import { memoryBlobStore } from '../../src/shared/storage/blobs.ts';
import { createStateStoreAccess, mergeState } from '../../src/tasks/core/state-common.ts';
import { stateDeleteTask } from '../../src/tasks/core/state-delete.ts';
import { stateGetTask } from '../../src/tasks/core/state-get.ts';
import { stateSetTask } from '../../src/tasks/core/state-set.ts';
import { buildRunContext, runExpectingError, type RunContextOptions } from '../helpers/run-context.ts';

const CORE = 'io.kestra.plugin.core.state.';
const ctx = (type: string, props: Record<string, unknown>, extra: Partial<RunContextOptions> = {}) =>
  buildRunContext({ task: { id: 'state', type: CORE + type, ...props }, ...extra });

describe('state.Set / Get / Delete', () => {
  test('Set merges rendered data into the flow state; Get reads it back', async () => {
    const blobs = memoryBlobStore();
    const set = ctx('Set', { data: { '{{ "k" }}': '{{ flow.id }}', n: 1, nested: { a: 1 } } }, { blobs });
    expect((await set.run(stateSetTask))!.outputs).toEqual({ count: 3, key: 'kestra:///company/team/my-flow/states/tasks-states/default' });
    const again = ctx('Set', { data: { n: 2, nested: { b: 2 } } }, { blobs });
    expect((await again.run(stateSetTask))!.outputs!.count).toBe(3);
    const get = ctx('Get', {}, { blobs });
    expect((await get.run(stateGetTask))!.outputs).toEqual({ count: 3, data: { k: 'my-flow', n: 2, nested: { a: 1, b: 2 } } });
    expect(blobs.get('main/company/team/my-flow/states/tasks-states/default')).toBeDefined();
  });

  test('name, namespace-level sharing and taskrun.value isolation pick different states', async () => {
    const blobs = memoryBlobStore();
    const shared = ctx('Set', { name: 'counter', namespace: true, data: { v: 'ns' } }, { blobs });
    expect((await shared.run(stateSetTask))!.outputs!.key).toBe('kestra:///company/team/states/tasks-states/counter');
    const other = ctx('Get', { name: 'counter', namespace: true }, { blobs, flowId: 'another-flow' });
    expect((await other.run(stateGetTask))!.outputs!.data).toEqual({ v: 'ns' });
    const perValue = ctx('Set', { name: 'counter', data: { v: 'a' } }, { blobs, value: 'a' });
    const key = (await perValue.run(stateSetTask))!.outputs!.key as string;
    expect(key).toMatch(/^kestra:\/\/\/company\/team\/my-flow\/states\/tasks-states\/[0-9a-f]{16}\/counter$/);
    const otherValue = ctx('Get', { name: 'counter' }, { blobs, value: 'b' });
    expect((await otherValue.run(stateGetTask))!.outputs).toEqual({ count: 0, data: {} });
    const ignoreValue = ctx('Get', { name: 'counter', taskrunValue: false, namespace: true }, { blobs, value: 'b' });
    expect((await ignoreValue.run(stateGetTask))!.outputs!.data).toEqual({ v: 'ns' });
  });

  test('Get and Delete on a missing state: empty / false, or an error with errorOnMissing', async () => {
    const blobs = memoryBlobStore();
    expect((await ctx('Get', {}, { blobs }).run(stateGetTask))!.outputs).toEqual({ count: 0, data: {} });
    expect((await runExpectingError(ctx('Get', { name: 'x', errorOnMissing: true }, { blobs }), stateGetTask)).message).toBe("Unable to find the state file 'x'");
    await ctx('Set', { data: { a: 1 } }, { blobs }).run(stateSetTask);
    expect((await ctx('Delete', {}, { blobs }).run(stateDeleteTask))!.outputs).toEqual({ deleted: true });
    expect((await ctx('Delete', {}, { blobs }).run(stateDeleteTask))!.outputs).toEqual({ deleted: false });
    expect((await runExpectingError(ctx('Delete', { errorOnMissing: true }, { blobs }), stateDeleteTask)).message).toBe("Unable to find the state file 'default'");
  });

  test('errors: bad name, no state store', async () => {
    expect((await runExpectingError(ctx('Set', { name: '../x', data: {} }), stateSetTask)).message).toBe("Invalid state name '../x'");
    const bare = ctx('Get', {}, { withoutDefaultServices: true });
    expect((await runExpectingError(bare, stateGetTask)).message).toBe("state.Get is not available: this kestra-lite runner provides no 'stateStore' service to tasks");
  });

  test('merge rules: maps recursively, lists gain new items, scalars replaced; the store refuses non-state paths', () => {
    expect(mergeState({ a: { x: 1 }, l: [1, 2], s: 'old' }, { a: { y: 2 }, l: [2, 3], s: 'new' })).toEqual({ a: { x: 1, y: 2 }, l: [1, 2, 2, 3], s: 'new' });
    expect(mergeState({ l: [1, 2] }, { l: [2] })).toEqual({ l: [1, 2] });
    const store = createStateStoreAccess(memoryBlobStore(), 'main');
    expect(() => store.put('/company/team/_kv/x.ion', 'x')).toThrow("Invalid state path '/company/team/_kv/x.ion'");
  });
});
