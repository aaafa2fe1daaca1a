// Templates API (api-contract §3.2; Kestra 0.x only, removed in 1.x). Bodies are JSON, except
// validate (YAML) and import (multipart). Handlers translate HTTP to service calls.

import { routeModule } from '../http/route-module.ts';
import { bodyKind, readForm, readJson, readText, requireKind } from '../http/body.ts';
import { NAMESPACE, TEXT, filterValues, parseFilters } from '../http/filters.ts';
import { boolParam, pagingParams, queryOf, sortParams, type Query } from '../http/query.ts';
import { json, noContent } from '../http/respond.ts';
import { tenantOf } from '../http/tenant.ts';
import { ApiError, badRequest, notFound } from '../shared/errors.ts';
import { createZip } from '../shared/zip/zip.ts';
import type { IdWithNamespace, Template, TemplateRecord } from './model.ts';
import { templateJson } from './serialize.ts';
import type { TemplateFilter, TemplateService } from './service.ts';
import { templateToYaml } from './parse.ts';
import { validateTemplates } from './validate.ts';

const FILTERS = { q: TEXT, namespace: NAMESPACE };

function filterOf(q: Query): TemplateFilter {
  const filters = parseFilters(q, FILTERS);
  return {
    q: q.get('q') ?? filterValues(filters, 'q', TEXT)[0],
    namespace: q.get('namespace') ?? filterValues(filters, 'namespace', NAMESPACE)[0],
  };
}

async function readIds(request: Request): Promise<IdWithNamespace[]> {
  const body = await readJson(request);
  if (body === undefined) throw badRequest('Required Body [ids] not specified');
  if (!Array.isArray(body) || !body.every((i) => i && typeof i.namespace === 'string' && typeof i.id === 'string')) {
    throw new ApiError('INVALID_JSON', 'Expected a JSON array of {"namespace": string, "id": string}');
  }
  return body as IdWithNamespace[];
}

function zipResponse(records: TemplateRecord[]): Response {
  const zip = createZip(records.map((r) => ({ name: `${r.namespace}.${r.id}.yml`, data: templateToYaml(r.template) })));
  return new Response(zip, {
    headers: { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="templates.zip"' },
  });
}

export function templateRoutes({ templates }: { templates: TemplateService }) {
  /** One template body: JSON as Kestra declares, YAML accepted too for hand-written requests. */
  const readTemplate = async (request: Request): Promise<Template> => {
    if (bodyKind(request) === 'yaml') return templates.parseYaml(await readText(request));
    requireKind(request, 'json', 'text', 'other');
    const body = await readJson(request);
    if (body === undefined) throw badRequest('Required Body [template] not specified');
    return templates.parseJson(body);
  };
  /** by-ids: every id must exist (Kestra's `orElseThrow`), checked before anything changes. */
  const existing = async (request: Request) => {
    const tenant = tenantOf(request);
    return (await readIds(request)).map((i) => templates.get(tenant, i.namespace, i.id, 'No value present'));
  };

  return routeModule()
    .post('/templates', async ({ request }) => json(templateJson(templates.create(tenantOf(request), await readTemplate(request)))))
    .get('/templates/search', ({ request }) => {
      const q = queryOf(request);
      const paging = pagingParams(q);
      const all = templates.search(tenantOf(request), filterOf(q), sortParams(q));
      return json({ results: all.slice(paging.offset, paging.offset + paging.size).map(templateJson), total: all.length });
    })
    .get('/templates/distinct-namespaces', ({ request }) => json(templates.namespaces(tenantOf(request))))
    .post('/templates/validate', async ({ request }) => {
      requireKind(request, 'yaml', 'text', 'other');
      return json(validateTemplates(await readText(request), templates));
    })
    .get('/templates/export/by-query', ({ request }) => zipResponse(templates.search(tenantOf(request), filterOf(queryOf(request)))))
    .post('/templates/export/by-ids', async ({ request }) => zipResponse(await existing(request)))
    .post('/templates/import', async ({ request }) => {
      requireKind(request, 'multipart');
      const file = (await readForm(request)).get('fileUpload');
      if (!(file instanceof File)) throw badRequest('Required Part [fileUpload] not specified');
      templates.importFile(tenantOf(request), file.name, new Uint8Array(await file.arrayBuffer()));
      return noContent();
    })
    .delete('/templates/delete/by-ids', async ({ request }) => {
      const tenant = tenantOf(request);
      const targets = await existing(request);
      for (const r of targets) templates.remove(tenant, r.namespace, r.id);
      return json({ count: targets.length });
    })
    .delete('/templates/delete/by-query', ({ request }) => {
      const tenant = tenantOf(request);
      const targets = templates.search(tenant, filterOf(queryOf(request)));
      for (const r of targets) templates.remove(tenant, r.namespace, r.id);
      return json({ count: targets.length });
    })
    .post('/templates/:namespace', async ({ request, params }) => {
      requireKind(request, 'json', 'text', 'other');
      const deleteOthers = boolParam(queryOf(request), 'delete', true);
      const body = await readJson(request);
      if (body === undefined) throw badRequest('Required Body [templates] not specified');
      if (!Array.isArray(body)) throw new ApiError('INVALID_JSON', 'Expected a JSON array of templates');
      const parsed = body.map((t) => templates.parseJson(t));
      const r = templates.syncNamespace(tenantOf(request), params.namespace, parsed, deleteOthers);
      return json([...r.deleted, ...r.saved].map(templateJson));
    })
    .get('/templates/:namespace/:id', ({ request, params }) => json(templateJson(templates.get(tenantOf(request), params.namespace, params.id))))
    .put('/templates/:namespace/:id', async ({ request, params }) => {
      const tenant = tenantOf(request);
      if (!templates.find(tenant, params.namespace, params.id)) throw notFound(); // checked before the body, as Kestra
      return json(templateJson(templates.update(tenant, params.namespace, params.id, await readTemplate(request))));
    })
    .delete('/templates/:namespace/:id', ({ request, params }) => {
      templates.remove(tenantOf(request), params.namespace, params.id);
      return noContent();
    });
}
