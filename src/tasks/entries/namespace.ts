// Task entries: namespace files.
import { Type } from '@sinclair/typebox';
import { str, bool, strList, strOrList, enumOf } from '../schema.ts';
import { defineTask, type TaskEntry } from '../entry.ts';
import { namespaceDeleteFilesTask } from '../core/namespace-delete-files.ts';
import { namespaceDownloadFilesTask } from '../core/namespace-download-files.ts';
import { namespaceUploadFilesTask } from '../core/namespace-upload-files.ts';

export const namespaceTasks: TaskEntry[] = [
  defineTask({
    type: 'namespace.UploadFiles', run: namespaceUploadFilesTask, title: 'Uploads files to namespace files',
    required: ['namespace'],
    props: {
      namespace: str(), files: strList(), filesMap: Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown())], { $dynamic: true }),
      destination: str({ default: '/' }), conflict: enumOf(['OVERWRITE', 'ERROR', 'SKIP'], { default: 'OVERWRITE' }),
    },
  }),
  defineTask({
    type: 'namespace.DownloadFiles', run: namespaceDownloadFilesTask, title: 'Downloads namespace files into internal storage',
    required: ['namespace', 'files'],
    props: { namespace: str(), files: strOrList(), destination: str({ default: '' }) },
  }),
  defineTask({
    type: 'namespace.DeleteFiles', run: namespaceDeleteFilesTask, title: 'Deletes namespace files',
    required: ['namespace', 'files'],
    props: { namespace: str(), files: strOrList(), deleteParentFolder: bool({ default: false }) },
  }),
];
