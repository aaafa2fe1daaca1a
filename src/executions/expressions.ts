// One expression engine per tenant, with the functions that reach server state: `kv()`,
// `read()`, `fileSize()`, `fileExists()`, `isFileEmpty()` of internal-storage files, `secret()`. Engines are built on first use and cached.

import { createExpressionEngine, type ExpressionEngine, type RenderLimits } from '../expressions/index.ts';
import type { KvService } from '../kv/service.ts';
import type { BlobStore } from '../shared/storage/blobs.ts';
import type { Clock } from '../shared/time/clock.ts';
import { blobKey, namespaceFilesRoot, pathOfUri } from '../shared/storage/paths.ts';

/** `read('queries/q.sql')`: a namespace file of the flow's namespace, never outside it */
function namespaceFilePath(path: string, namespace: string | undefined): string | undefined {
  if (!namespace || path.includes('://') || path.split(/[\\/]/).includes('..')) return undefined;
  return `${namespaceFilesRoot(namespace)}/${path.replace(/^\/+/, '')}`;
}

export type TenantExpressions = (tenant: string) => ExpressionEngine;

/** `secret` looks a secret up by name (src/secrets: `SECRET_*` variables and the secrets file). */
export function createTenantExpressions(deps: { clock: Clock; kv: KvService; blobs: BlobStore; secret: (name: string) => string | undefined; limits?: RenderLimits }): TenantExpressions {
  const engines = new Map<string, ExpressionEngine>();
  const build = (tenant: string) => createExpressionEngine({
    now: () => new Date(deps.clock.now()),
    kv: (namespace, key, opts) => {
      const entry = deps.kv.get(tenant, namespace ?? '', key);
      if (!entry && opts?.errorOnMissing) throw new Error(`No value found for key '${key}' in namespace '${namespace}'`);
      return entry?.value;
    },
    read: (uri, namespace) => {
      const path = pathOfUri(uri) ?? namespaceFilePath(uri, namespace);
      const data = path ? deps.blobs.get(blobKey(tenant, path)) : undefined;
      if (!data) throw new Error(`Unable to read ${uri}: file not found`);
      return new TextDecoder().decode(data);
    },
    stat: (uri, namespace) => {
      const path = pathOfUri(uri) ?? namespaceFilePath(uri, namespace);
      const found = path ? deps.blobs.stat(blobKey(tenant, path)) : undefined;
      return found ? { size: found.size } : undefined;
    },
    secret: (name) => deps.secret(name),
  }, { limits: deps.limits });
  return (tenant) => {
    let engine = engines.get(tenant);
    if (!engine) engines.set(tenant, (engine = build(tenant)));
    return engine;
  };
}
