import { def, str, bool, duration, anyValue, enumOf, type PluginDef } from '../schema.ts';

const ns = () => str({ default: '{{ flow.namespace }}' });

export const kvDefs: PluginDef[] = [
  def({
    type: 'kv.Set', kind: 'task', title: 'Stores a value in the namespace key-value store',
    required: ['key', 'value'],
    props: {
      key: str(), value: anyValue({ $dynamic: true }), namespace: ns(), overwrite: bool({ default: true }), ttl: duration(),
      kvType: enumOf(['STRING', 'NUMBER', 'BOOLEAN', 'DATETIME', 'DATE', 'DURATION', 'JSON']), description: str(),
    },
  }),
  def({
    type: 'kv.Get', kind: 'task', title: 'Reads a value from the namespace key-value store',
    required: ['key'], props: { key: str(), namespace: ns(), errorOnMissing: bool({ default: false }) },
  }),
  def({
    type: 'kv.Delete', kind: 'task', title: 'Deletes a key from the namespace key-value store',
    required: ['key'], props: { key: str(), namespace: ns(), errorOnMissing: bool({ default: false }) },
  }),
  def({
    type: 'kv.GetKeys', kind: 'task', title: 'Lists the keys of the namespace key-value store',
    props: { prefix: str(), namespace: ns() },
  }),
];
