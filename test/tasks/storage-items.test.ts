import { describe, expect, test } from 'bun:test';
import { storageDeduplicateItemsTask } from '../../src/tasks/core/storage-deduplicate-items.ts';
import { storageFilterItemsTask } from '../../src/tasks/core/storage-filter-items.ts';
import { buildRunContext, runExpectingError, type RunContextOptions, type TestRun } from '../helpers/run-context.ts';

const CORE = 'io.kestra.plugin.core.storage.';
const text = (r: TestRun, uri: unknown) => new TextDecoder().decode(r.ctx.storage.readFile(uri as string));

/** a run whose `from` is an items file holding `lines` */
function withItems(type: string, props: Record<string, unknown>, lines: string[], extra: Partial<RunContextOptions> = {}): TestRun {
  const r = buildRunContext({ task: { id: 'items', type: CORE + type, from: '{{ inputs.items }}', ...props }, ...extra });
  const uri = r.ctx.storage.putFile('items.ion', lines.map((l) => l + '\n').join(''));
  Object.assign(r.ctx.variables, { inputs: { ...(r.ctx.variables.inputs as object), items: uri } });
  return r;
}

const ORDERS = [
  '{"order_id":1,"product_id":20,"price":166.89}',
  '{order_id:2,product_id:14,price:171.63e0}',
  '{"order_id":3,"product_id":20,"price":50}',
];

describe('storage.FilterItems', () => {
  test('INCLUDE keeps the items whose condition is truthy; JSON and Ion lines; lines copied as-is', async () => {
    const r = withItems('FilterItems', { filterCondition: '{{ product_id == 20 }}' }, ORDERS);
    const out = (await r.run(storageFilterItemsTask))!.outputs!;
    expect(out).toMatchObject({ processedItemsTotal: 3, droppedItemsTotal: 1 });
    expect(out.uri).toEndWith('/filtered.ion');
    expect(text(r, out.uri)).toBe(`${ORDERS[0]}\n${ORDERS[2]}\n`);
  });

  test('EXCLUDE drops them; item fields override task variables; Kestra truthiness ("0" is false)', async () => {
    const r = withItems('FilterItems', { filterCondition: '{{ flow }}{{ order_id - 1 }}', filterType: 'EXCLUDE' }, [
      '{"order_id":1,"flow":""}', '{"order_id":2,"flow":""}',
    ]);
    const out = (await r.run(storageFilterItemsTask))!.outputs!;
    expect(text(r, out.uri)).toBe('{"order_id":1,"flow":""}\n');
    expect(out).toMatchObject({ processedItemsTotal: 2, droppedItemsTotal: 1 });
  });

  test('task variables stay visible to the condition', async () => {
    const r = withItems('FilterItems', { filterCondition: '{{ product_id == inputs.wanted }}' }, ORDERS, { variables: { inputs: { wanted: 14 } } });
    expect(text(r, (await r.run(storageFilterItemsTask))!.outputs!.uri)).toBe(`${ORDERS[1]}\n`);
  });

  test('errorOrNullBehavior: FAIL (default) fails on an evaluation error, INCLUDE / EXCLUDE decide the item', async () => {
    const lines = ['{"a":1}', '{"b":2}'];
    const fail = withItems('FilterItems', { filterCondition: '{{ a == 1 }}' }, lines);
    expect((await runExpectingError(fail, storageFilterItemsTask)).message).toContain('Unable to find `a`');
    const include = withItems('FilterItems', { filterCondition: '{{ a == 2 }}', errorOrNullBehavior: 'INCLUDE' }, lines);
    const inc = (await include.run(storageFilterItemsTask))!.outputs!;
    expect(text(include, inc.uri)).toBe('{"b":2}\n');
    const exclude = withItems('FilterItems', { filterCondition: '{{ a == 1 }}', errorOrNullBehavior: 'EXCLUDE' }, lines);
    const exc = (await exclude.run(storageFilterItemsTask))!.outputs!;
    expect(text(exclude, exc.uri)).toBe('{"a":1}\n');
    expect(exc).toMatchObject({ processedItemsTotal: 2, droppedItemsTotal: 1 });
  });

  test('errors: bad enum, unreadable item, missing condition, no renderWith service', async () => {
    const badEnum = withItems('FilterItems', { filterCondition: '{{ true }}', filterType: 'KEEP' }, ORDERS);
    expect((await runExpectingError(badEnum, storageFilterItemsTask)).message).toContain('not one of the values accepted for Enum class: [INCLUDE, EXCLUDE]');
    const badItem = withItems('FilterItems', { filterCondition: '{{ true }}' }, ['{"a":1}', '[1, 2]']);
    expect((await runExpectingError(badItem, storageFilterItemsTask)).message).toBe('Unable to read item at line 2: an object is expected, got [1, 2]');
    const garbage = withItems('FilterItems', { filterCondition: '{{ true }}' }, ['{"a":']);
    expect((await runExpectingError(garbage, storageFilterItemsTask)).message).toStartWith('Unable to read item at line 1: Invalid ion');
    expect((await runExpectingError(withItems('FilterItems', {}, ORDERS), storageFilterItemsTask)).message).toBe("Missing required property 'filterCondition'");
    const bare = withItems('FilterItems', { filterCondition: '{{ true }}' }, ORDERS, { withoutDefaultServices: true });
    expect((await runExpectingError(bare, storageFilterItemsTask)).message).toContain("provides no 'renderWith' service");
  });
});

describe('storage.DeduplicateItems', () => {
  test('keeps the last occurrence of each key, in file order', async () => {
    const lines = [
      '{"id":1,"email":"kelly@example.com"}', '{"id":2,"email":"miguel@example.net"}', '{"id":3,"email":"kelly@example.com"}',
      '{"id":4,"email":"jessica@example.com"}', '{"id":5,"email":"jessica@example.com"}',
    ];
    const r = withItems('DeduplicateItems', { expr: '{{ email }}' }, lines);
    const out = (await r.run(storageDeduplicateItemsTask))!.outputs!;
    expect(out).toMatchObject({ numKeys: 3, processedItemsTotal: 5, droppedItemsTotal: 2 });
    expect(out.uri).toEndWith('/deduplicated.ion');
    expect(text(r, out.uri)).toBe([lines[1], lines[2], lines[4]].map((l) => l + '\n').join(''));
  });

  test('an empty file gives an empty file; an expression error fails the task', async () => {
    const empty = withItems('DeduplicateItems', { expr: '{{ id }}' }, []);
    const out = (await empty.run(storageDeduplicateItemsTask))!.outputs!;
    expect(out).toMatchObject({ numKeys: 0, processedItemsTotal: 0, droppedItemsTotal: 0 });
    expect(text(empty, out.uri)).toBe('');
    const bad = withItems('DeduplicateItems', { expr: '{{ nope }}' }, ['{"id":1}']);
    expect((await runExpectingError(bad, storageDeduplicateItemsTask)).message).toContain('Unable to find `nope`');
    expect((await runExpectingError(withItems('DeduplicateItems', {}, []), storageDeduplicateItemsTask)).message).toBe("Missing required property 'expr'");
  });
});
