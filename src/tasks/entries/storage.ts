import { Type } from '@sinclair/typebox';
import { def, legacy, str, int, bool, strList, enumOf, type PluginDef } from '../schema.ts';

const st = (name: string) => legacy('storages', name);

export const storageDefs: PluginDef[] = [
  def({
    type: 'storage.Concat', kind: 'task', title: 'Concatenates stored files into one',
    aliases: [st('Concat')], required: ['files'],
    props: { files: Type.Union([Type.String(), Type.Array(Type.String())], { $dynamic: true }), separator: str(), extension: str({ default: '.tmp' }) },
  }),
  def({
    type: 'storage.DeduplicateItems', kind: 'task', title: 'Removes duplicate items of an ION file by key',
    aliases: [st('DeduplicateItems')], required: ['from', 'expr'],
    props: { from: str(), expr: str() },
  }),
  def({
    type: 'storage.Delete', kind: 'task', title: 'Deletes a stored file',
    aliases: [st('Delete')], required: ['uri'],
    props: { uri: str(), errorOnMissing: bool({ default: false }) },
  }),
  def({
    type: 'storage.FilterItems', kind: 'task', title: 'Keeps or drops items of an ION file by condition',
    aliases: [st('FilterItems')], required: ['from', 'filterCondition'],
    props: {
      from: str(), filterCondition: str(), filterType: enumOf(['INCLUDE', 'EXCLUDE'], { default: 'INCLUDE' }),
      errorOrNullBehavior: enumOf(['FAIL', 'INCLUDE', 'EXCLUDE'], { default: 'FAIL' }),
    },
  }),
  def({
    type: 'storage.LocalFiles', kind: 'task', deprecated: true, title: 'Creates and collects local files (deprecated)',
    aliases: [st('LocalFiles')],
    props: { inputs: Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown())], { $dynamic: true }), outputs: strList() },
  }),
  def({
    type: 'storage.Reverse', kind: 'task', title: 'Reverses the lines of a stored file',
    aliases: [st('Reverse')], required: ['from'],
    props: { from: str(), separator: str({ default: '\n' }), charset: str({ default: 'UTF-8' }) },
  }),
  def({
    type: 'storage.Size', kind: 'task', title: 'Returns the size of a stored file',
    aliases: [st('Size')], required: ['uri'], props: { uri: str() },
  }),
  def({
    type: 'storage.Split', kind: 'task', title: 'Splits a stored file by size, partitions or rows',
    aliases: [st('Split')], required: ['from'],
    props: { from: str(), bytes: str(), partitions: int(), rows: int(), separator: str({ default: '\n' }) },
  }),
  def({
    type: 'storage.PurgeCurrentExecutionFiles', kind: 'task', title: 'Deletes the stored files of the current execution',
    aliases: [st('PurgeExecution'), 'io.kestra.plugin.core.storage.PurgeExecution'],
    props: {},
  }),
  def({
    type: 'storage.Write', kind: 'task', title: 'Writes content to a stored file',
    required: ['content'], props: { content: str(), extension: str({ default: '.ion' }) },
  }),
];
