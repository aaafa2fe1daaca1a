// Task entries: the namespace key-value store.
import { str, bool, duration, anyValue, enumOf } from '../schema.ts';
import { defineTask, type TaskEntry } from '../entry.ts';
import { kvDeleteTask } from '../core/kv-delete.ts';
import { kvGetKeysTask } from '../core/kv-get-keys.ts';
import { kvGetTask } from '../core/kv-get.ts';
import { kvSetTask } from '../core/kv-set.ts';

const ns = () => str({ default: '{{ flow.namespace }}' });

export const kvTasks: TaskEntry[] = [
  defineTask({
    type: 'kv.Set', run: kvSetTask, title: 'Stores a value in the namespace key-value store',
    required: ['key', 'value'],
    props: {
      key: str(), value: anyValue({ $dynamic: true }), namespace: ns(), overwrite: bool({ default: true }), ttl: duration(),
      kvType: enumOf(['STRING', 'NUMBER', 'BOOLEAN', 'DATETIME', 'DATE', 'DURATION', 'JSON']), description: str(),
    },
  }),
  defineTask({
    type: 'kv.Get', run: kvGetTask, title: 'Reads a value from the namespace key-value store',
    required: ['key'], props: { key: str(), namespace: ns(), errorOnMissing: bool({ default: false }) },
  }),
  defineTask({
    type: 'kv.Delete', run: kvDeleteTask, title: 'Deletes a key from the namespace key-value store',
    required: ['key'], props: { key: str(), namespace: ns(), errorOnMissing: bool({ default: false }) },
  }),
  defineTask({
    type: 'kv.GetKeys', run: kvGetKeysTask, title: 'Lists the keys of the namespace key-value store',
    props: { prefix: str(), namespace: ns() },
  }),
];
