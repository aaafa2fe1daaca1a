// Multi-flow writes: POST /flows/bulk (instance-wide sync), POST /flows/{namespace} (namespace
// sync, what Kestra's CLI calls), and import of YAML or ZIP files. All documents are parsed and
// checked before anything is written, so a bad payload stores nothing (bulk and namespace sync).

import { invalidEntity, ApiError } from '../shared/errors.ts';
import { readYamlUpload } from '../shared/zip/yaml-upload.ts';
import type { FlowRecord } from './store.ts';
import type { FlowService, ParsedFlow } from './service.ts';

/** Kestra splits bulk payloads on every `---`, even inside strings; pieces are trimmed. */
export function splitDocuments(text: string): string[] {
  return text.split('---').map((s) => s.trim()).filter((s) => s !== '');
}

function checkUniqueIds(flows: ParsedFlow[]): void {
  const seen = new Set<string>();
  for (const f of flows) {
    if (seen.has(f.id)) throw invalidEntity([{ path: 'flow.id', message: 'Duplicate flow id' }]);
    seen.add(f.id);
  }
}

export interface SyncResult { deleted: FlowRecord[]; saved: FlowRecord[] }

function sync(service: FlowService, tenant: string, flows: ParsedFlow[], toDelete: FlowRecord[]): SyncResult {
  const deleted = toDelete.map((r) => service.remove(tenant, r.namespace, r.id, 'api'));
  const saved = flows.map((f) => service.save(tenant, f, 'api').record);
  return { deleted, saved };
}

/** Where a bulk sync applies: the whole tenant, or one namespace (Kestra 1.x `?namespace=`). */
export interface BulkScope { namespace?: string; allowNamespaceChild: boolean }

/**
 * POST /flows/bulk. Without `namespace`, delete=true deletes every flow of the tenant whose id is
 * absent (0.x semantics). With `namespace` (Kestra 1.x), every document must be in that namespace
 * (or a child of it when allowNamespaceChild=true) and deletion is limited to the exact namespace.
 * Kestra's child check is a bare string prefix; here a child is `namespace.` + more, so `team.ab`
 * is not a child of `team.a`.
 */
export function bulkUpdate(service: FlowService, tenant: string, flows: ParsedFlow[], deleteOthers: boolean, scope: BulkScope = { allowNamespaceChild: false }): SyncResult {
  const ns = scope.namespace;
  if (ns !== undefined) {
    const inScope = (f: ParsedFlow) => f.namespace === ns || (scope.allowNamespaceChild && f.namespace.startsWith(`${ns}.`));
    const invalid = flows.filter((f) => !inScope(f));
    if (invalid.length) {
      throw invalidEntity(invalid.map((f) => ({ path: 'flow.namespace', message: `${f.namespace}_${f.id} - flow namespace is invalid` })));
    }
  }
  checkUniqueIds(flows);
  const ids = new Set(flows.map((f) => f.id));
  const candidates = ns === undefined ? service.list(tenant) : service.list(tenant).filter((r) => r.namespace === ns);
  const toDelete = deleteOthers ? candidates.filter((r) => !ids.has(r.id)) : [];
  return sync(service, tenant, flows, toDelete);
}

/** POST /flows/{namespace}: same, limited to one namespace (exact), documents must belong to it. */
export function namespaceUpdate(service: FlowService, tenant: string, namespace: string, flows: ParsedFlow[], deleteOthers: boolean): SyncResult {
  if (flows.some((f) => f.namespace !== namespace)) {
    throw invalidEntity([{ path: 'flow.namespace', message: 'Flow namespace is invalid' }]);
  }
  checkUniqueIds(flows);
  const ids = new Set(flows.map((f) => f.id));
  const toDelete = deleteOthers ? service.list(tenant).filter((r) => r.namespace === namespace && !ids.has(r.id)) : [];
  return sync(service, tenant, flows, toDelete);
}

/**
 * POST /flows/import. YAML: each document is saved in turn and the first bad one fails the
 * request (earlier ones stay imported, as in Kestra). ZIP: failures are collected and returned.
 */
export function importFile(service: FlowService, tenant: string, fileName: string, data: Uint8Array): string[] {
  const upload = readYamlUpload(fileName, data);
  if (upload.kind === 'yaml') {
    for (const doc of splitDocuments(upload.text)) service.save(tenant, service.parseYaml(doc), 'api');
    return [];
  }
  const failed: string[] = [];
  for (const file of upload.files) {
    try {
      service.save(tenant, service.parseYaml(file.text), 'api');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      failed.push(file.name);
    }
  }
  return failed;
}
