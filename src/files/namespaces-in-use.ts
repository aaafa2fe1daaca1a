// Which namespaces of a tenant hold namespace files (for the namespaces feature: a namespace
// exists in Kestra's OSS UI when something lives in it). Read from the storage layout itself:
// a blob `<tenant>/<ns as path>/_files/<path>` is a file of that namespace (the first `_files`
// segment ends the namespace: shared/storage/paths.ts), and
// `<tenant>/_nsfiles/<namespace>/folders.json` marks one holding explicitly created folders.

import type { BlobStore } from '../shared/storage/blobs.ts';
import { isNamespaceId } from '../shared/namespace-id.ts';
import { filesSegmentIndex, namespaceOfSegments } from '../shared/storage/paths.ts';

export function namespacesWithFiles(blobs: BlobStore, tenant: string): string[] {
  const found = new Set<string>();
  for (const blob of blobs.list(tenant)) {
    const segments = blob.key.split('/').slice(1);
    if (segments[0] === '_nsfiles') {
      if (segments.length === 3 && segments[2] === 'folders.json') found.add(segments[1]!);
      continue;
    }
    const at = filesSegmentIndex(segments);
    if (at < 1 || at === segments.length - 1) continue;
    const namespace = namespaceOfSegments(segments.slice(0, at));
    if (isNamespaceId(namespace)) found.add(namespace);
  }
  return [...found].sort();
}
