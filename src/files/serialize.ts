// JSON shaping of the Files API in one place (the 2.0 serializer layer hooks in here).
// Key order follows Kestra's FileAttributes; `metadata` is omitted when absent (NON_NULL).

import type { FileAttributes } from './model.ts';

export function fileAttributesJson(a: FileAttributes): FileAttributes {
  return {
    fileName: a.fileName,
    lastModifiedTime: Math.trunc(a.lastModifiedTime),
    creationTime: Math.trunc(a.creationTime),
    type: a.type,
    size: a.size,
    ...(a.metadata ? { metadata: a.metadata } : {}),
  };
}
