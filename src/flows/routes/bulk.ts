// Flows API, multi-flow routes: search, namespaces, bulk sync, import/export, by-ids/by-query
// delete/disable/enable, validation (api-contract §3.1).

import { routeModule } from '../../http/route-module.ts';
import { bodyKind, readForm, readJson, readText, requireKind } from '../../http/body.ts';
import { boolParam, labelParams, pagingParams, queryOf, sortParams, type Query } from '../../http/query.ts';
import { EQ, NAMESPACE, POSITIVE, TEXT, filterValues, parseFilters } from '../../http/filters.ts';
import { tenantOf } from '../../http/tenant.ts';
import { ApiError, notFound, unprocessable } from '../../shared/errors.ts';
import { createZipSliced } from '../../shared/zip/zip.ts';
import { bulkUpdate, importFile, namespaceUpdate, splitDocuments, type SyncResult } from '../bulk.ts';
import { flowMatcher, sortFlows, type FlowFilter } from '../query.ts';
import { flowJson, jsonArray } from '../serialize.ts';
import { jsonText } from '../../http/respond.ts';
import type { FlowService, ParsedFlow } from '../service.ts';
import type { FlowRecord } from '../store.ts';
import { validateDocuments, validateSingle } from '../validate/validation-report.ts';
import { withNamespace } from '../set-namespace.ts';

const FLOW_FILTERS = { q: TEXT, namespace: NAMESPACE, labels: EQ, scope: POSITIVE };

export function flowFilterOf(q: Query): FlowFilter {
  const filters = parseFilters(q, FLOW_FILTERS);
  const scope = [...q.getAll('scope'), ...filterValues(filters, 'scope', POSITIVE)].map((s) => s.toUpperCase());
  const bad = scope.find((s) => s !== 'USER' && s !== 'SYSTEM');
  if (bad) throw unprocessable(`Invalid scope '${bad}': expected USER or SYSTEM`);
  const exact = filterValues(filters, 'namespace', EQ)[0];
  return {
    q: q.get('q') ?? filterValues(filters, 'q', TEXT)[0],
    namespace: exact ?? q.get('namespace') ?? filterValues(filters, 'namespace', ['PREFIX', 'STARTS_WITH'])[0],
    namespaceExact: exact !== undefined,
    labels: labelParams(q),
    scope: scope as ('USER' | 'SYSTEM')[],
  };
}

interface IdWithNamespace { namespace: string; id: string }

async function readIds(request: Request): Promise<IdWithNamespace[]> {
  const body = await readJson(request);
  if (body === undefined) return [];
  if (!Array.isArray(body) || !body.every((i) => i && typeof i.namespace === 'string' && typeof i.id === 'string')) {
    throw new ApiError('INVALID_JSON', 'Expected a JSON array of {"namespace": string, "id": string}');
  }
  return body as IdWithNamespace[];
}

function syncResponse(r: SyncResult): Response {
  return jsonText(jsonArray([...r.deleted, ...r.saved].map((x) => flowJson(x, true))));
}

async function zipResponse(records: FlowRecord[]): Promise<Response> {
  // deflating thousands of flows is tens of milliseconds: done in slices (createZipSliced)
  const zip = await createZipSliced(records.map((r) => ({ name: `${r.namespace}.${r.id}.yml`, data: r.source })));
  return new Response(zip, {
    headers: { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="flows.zip"' },
  });
}

/** Parses every document before anything is written. */
async function readDocuments(flows: FlowService, request: Request): Promise<ParsedFlow[]> {
  if (bodyKind(request) === 'json') {
    const body = await readJson(request);
    if (body === undefined) return [];
    if (!Array.isArray(body)) throw new ApiError('INVALID_JSON', 'Expected a JSON array of flows');
    return body.map((f) => flows.parseJson(f));
  }
  return splitDocuments(await readText(request)).map((doc) => flows.parseYaml(doc));
}

export function flowBulkRoutes({ flows }: { flows: FlowService }) {
  // Search results for the same filters are reused until any flow changes: CI clients and
  // dashboards poll the same search over and over.
  const searchCache = new Map<string, { version: number; records: FlowRecord[] }>();
  const searchRecords = (request: Request, q: Query): FlowRecord[] => {
    const key = `${tenantOf(request)}?${[...q].filter(([k]) => k !== 'page' && k !== 'size').map(([k, v]) => `${k}=${v}`).join('&')}`;
    const hit = searchCache.get(key);
    if (hit && hit.version === flows.version()) return hit.records;
    const records = sortFlows(matching(request), sortParams(q));
    if (searchCache.size >= 64) searchCache.delete(searchCache.keys().next().value!);
    searchCache.set(key, { version: flows.version(), records });
    return records;
  };
  const matching = (request: Request) => {
    const match = flowMatcher(flowFilterOf(queryOf(request)));
    return flows.list(tenantOf(request)).filter(match);
  };
  const byIds = async (request: Request) => {
    const tenant = tenantOf(request);
    return (await readIds(request)).map((i) => ({ tenant, ...i }));
  };
  const current = (tenant: string, i: IdWithNamespace) => {
    const r = flows.getCurrent(tenant, i.namespace, i.id);
    if (!r) throw notFound('No value present');
    return r;
  };
  const toggle = (disabled: boolean) => async ({ request }: { request: Request }) => {
    let count = 0;
    for (const i of await byIds(request)) if (flows.setDisabled(i.tenant, current(i.tenant, i), disabled)) count++;
    return { count };
  };
  const toggleByQuery = (disabled: boolean) => ({ request }: { request: Request }) => {
    const tenant = tenantOf(request);
    return { count: matching(request).filter((r) => flows.setDisabled(tenant, r, disabled)).length };
  };

  return routeModule()
    .get('/flows/search', ({ request }) => {
      const q = queryOf(request);
      const paging = pagingParams(q);
      const all = searchRecords(request, q);
      const page = all.slice(paging.offset, paging.offset + paging.size).map((r) => flowJson(r, false));
      return jsonText(`{"results":${jsonArray(page)},"total":${all.length}}`);
    })
    .get('/flows/distinct-namespaces', ({ request }) => {
      const prefix = queryOf(request).get('q') ?? '';
      return [...new Set(flows.list(tenantOf(request)).map((r) => r.namespace))].filter((n) => n.startsWith(prefix)).sort();
    })
    .post('/flows/bulk', async ({ request }) => {
      const q = queryOf(request);
      const scope = { namespace: q.get('namespace') || undefined, allowNamespaceChild: boolParam(q, 'allowNamespaceChild', false) };
      const docs = await readDocuments(flows, request);
      return syncResponse(bulkUpdate(flows, tenantOf(request), docs, boolParam(q, 'delete', true), scope));
    })
    .post('/flows/:namespace', async ({ request, params }) => {
      const q = queryOf(request);
      let docs = await readDocuments(flows, request);
      // ?override=true (1.x+): every flow is saved into the path's namespace, its source rewritten to say so
      if (boolParam(q, 'override', false)) docs = docs.map((d) => (d.namespace === params.namespace ? d : flows.parseYaml(withNamespace(d.source, params.namespace))));
      return syncResponse(namespaceUpdate(flows, tenantOf(request), params.namespace, docs, boolParam(q, 'delete', true)));
    })
    .post('/flows/import', async ({ request }) => {
      requireKind(request, 'multipart');
      const file = (await readForm(request)).get('fileUpload');
      if (!(file instanceof File)) throw new ApiError('BAD_REQUEST', 'Required Part [fileUpload] not specified');
      return importFile(flows, tenantOf(request), file.name, new Uint8Array(await file.arrayBuffer()));
    })
    .get('/flows/export/by-query', ({ request }) => zipResponse(sortFlows(matching(request), [])))
    .post('/flows/export/by-ids', async ({ request }) => {
      const ids = await byIds(request);
      return await zipResponse(ids.map((i) => current(i.tenant, i)));
    })
    .delete('/flows/delete/by-ids', async ({ request }) => {
      let count = 0;
      for (const i of await byIds(request)) {
        current(i.tenant, i);
        flows.remove(i.tenant, i.namespace, i.id, 'api');
        count++;
      }
      return { count };
    })
    .delete('/flows/delete/by-query', ({ request }) => {
      const tenant = tenantOf(request);
      const targets = matching(request);
      for (const r of targets) flows.remove(tenant, r.namespace, r.id, 'api');
      return { count: targets.length };
    })
    .post('/flows/disable/by-ids', toggle(true))
    .post('/flows/enable/by-ids', toggle(false))
    .post('/flows/disable/by-query', toggleByQuery(true))
    .post('/flows/enable/by-query', toggleByQuery(false))
    .post('/flows/validate', async ({ request }) => {
      const revisionOf = (ns: string, id: string) => flows.getCurrent(tenantOf(request), ns, id)?.revision;
      if (bodyKind(request) === 'multipart') {
        // 1.x+: one part named `flows` per file; each item names its file, indexes run across files
        const files = (await readForm(request)).getAll('flows').filter((f): f is File => f instanceof File);
        if (files.length === 0) throw new ApiError('BAD_REQUEST', 'Required Part [flows] not specified');
        const items = [];
        for (const file of files) {
          for (const item of validateDocuments(await file.text(), revisionOf, flows)) items.push({ ...item, index: items.length, filename: file.name });
        }
        return items;
      }
      if (bodyKind(request) === 'json') requireKind(request, 'yaml', 'text', 'other');
      return validateDocuments(await readText(request), revisionOf, flows);
    })
    .post('/flows/validate/task', async ({ request }) => {
      const kind = bodyKind(request);
      if (kind === 'yaml') {
        const section = queryOf(request).get('section');
        if (!section) throw new ApiError('BAD_REQUEST', 'Required QueryValue [section] not specified');
        if (section !== 'TASKS' && section !== 'TRIGGERS') throw new ApiError('UNPROCESSABLE', `Invalid section: ${section}`);
        return validateSingle(await readText(request), 'yaml', section, flows);
      }
      return validateSingle(await readText(request), 'json', 'TASKS', flows);
    })
    .post('/flows/validate/trigger', async ({ request }) =>
      validateSingle(await readText(request), bodyKind(request) === 'yaml' ? 'yaml' : 'json', 'TRIGGERS', flows));
}
