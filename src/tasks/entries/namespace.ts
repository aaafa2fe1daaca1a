import { Type } from '@sinclair/typebox';
import { def, str, bool, strList, strOrList, enumOf, type PluginDef } from '../schema.ts';

export const namespaceDefs: PluginDef[] = [
  def({
    type: 'namespace.UploadFiles', kind: 'task', title: 'Uploads files to namespace files',
    required: ['namespace'],
    props: {
      namespace: str(), files: strList(), filesMap: Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown())], { $dynamic: true }),
      destination: str({ default: '/' }), conflict: enumOf(['OVERWRITE', 'ERROR', 'SKIP'], { default: 'OVERWRITE' }),
    },
  }),
  def({
    type: 'namespace.DownloadFiles', kind: 'task', title: 'Downloads namespace files into internal storage',
    required: ['namespace', 'files'],
    props: { namespace: str(), files: strOrList(), destination: str({ default: '' }) },
  }),
  def({
    type: 'namespace.DeleteFiles', kind: 'task', title: 'Deletes namespace files',
    required: ['namespace', 'files'],
    props: { namespace: str(), files: strOrList(), deleteParentFolder: bool({ default: false }) },
  }),
];
