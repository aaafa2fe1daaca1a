// Task entries: internal storage files (storage.Write is validated but not run here).
import { Type } from '@sinclair/typebox';
import { legacy, str, int, bool, strList, enumOf } from '../schema.ts';
import { defineTask, type TaskEntry } from '../entry.ts';
import { storageConcatTask } from '../core/storage-concat.ts';
import { storageDeduplicateItemsTask } from '../core/storage-deduplicate-items.ts';
import { storageDeleteTask } from '../core/storage-delete.ts';
import { storageFilterItemsTask } from '../core/storage-filter-items.ts';
import { storageLocalFilesTask } from '../core/storage-local-files.ts';
import { storagePurgeExecutionFilesTask } from '../core/storage-purge-execution-files.ts';
import { storageReverseTask } from '../core/storage-reverse.ts';
import { storageSizeTask } from '../core/storage-size.ts';
import { storageSplitTask } from '../core/storage-split.ts';

const st = (name: string) => legacy('storages', name);

export const storageTasks: TaskEntry[] = [
  defineTask({
    type: 'storage.Concat', run: storageConcatTask, title: 'Concatenates stored files into one',
    aliases: [st('Concat')], required: ['files'],
    props: { files: Type.Union([Type.String(), Type.Array(Type.String())], { $dynamic: true }), separator: str(), extension: str({ default: '.tmp' }) },
  }),
  defineTask({
    type: 'storage.DeduplicateItems', run: storageDeduplicateItemsTask, title: 'Removes duplicate items of an ION file by key',
    aliases: [st('DeduplicateItems')], required: ['from', 'expr'],
    props: { from: str(), expr: str() },
  }),
  defineTask({
    type: 'storage.Delete', run: storageDeleteTask, title: 'Deletes a stored file',
    aliases: [st('Delete')], required: ['uri'],
    props: { uri: str(), errorOnMissing: bool({ default: false }) },
  }),
  defineTask({
    type: 'storage.FilterItems', run: storageFilterItemsTask, title: 'Keeps or drops items of an ION file by condition',
    aliases: [st('FilterItems')], required: ['from', 'filterCondition'],
    props: {
      from: str(), filterCondition: str(), filterType: enumOf(['INCLUDE', 'EXCLUDE'], { default: 'INCLUDE' }),
      errorOrNullBehavior: enumOf(['FAIL', 'INCLUDE', 'EXCLUDE'], { default: 'FAIL' }),
    },
  }),
  defineTask({
    type: 'storage.LocalFiles', run: storageLocalFilesTask, deprecated: true, title: 'Creates and collects local files (deprecated)',
    aliases: [st('LocalFiles')],
    props: { inputs: Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown())], { $dynamic: true }), outputs: strList() },
  }),
  defineTask({
    type: 'storage.Reverse', run: storageReverseTask, title: 'Reverses the lines of a stored file',
    aliases: [st('Reverse')], required: ['from'],
    props: { from: str(), separator: str({ default: '\n' }), charset: str({ default: 'UTF-8' }) },
  }),
  defineTask({
    type: 'storage.Size', run: storageSizeTask, title: 'Returns the size of a stored file',
    aliases: [st('Size')], required: ['uri'], props: { uri: str() },
  }),
  defineTask({
    type: 'storage.Split', run: storageSplitTask, title: 'Splits a stored file by size, partitions or rows',
    aliases: [st('Split')], required: ['from'],
    props: { from: str(), bytes: str(), partitions: int(), rows: int(), separator: str({ default: '\n' }) },
  }),
  defineTask({
    type: 'storage.PurgeCurrentExecutionFiles', run: storagePurgeExecutionFilesTask, title: 'Deletes the stored files of the current execution',
    aliases: [st('PurgeExecution'), 'io.kestra.plugin.core.storage.PurgeExecution'],
    props: {},
  }),
  defineTask({
    type: 'storage.Write', title: 'Writes content to a stored file',
    required: ['content'], props: { content: str(), extension: str({ default: '.ion' }) },
  }),
];
