// Blueprints API (api-contract §3.8; 2.0 `searchBlueprints`, `listBlueprintTags`, `getBlueprint`,
// `getBlueprintSource`, `getBlueprintGraph`), answered offline from the bundled catalogue.

import { routeModule } from '../http/route-module.ts';
import { POSITIVE, TEXT, filterValues, parseFilters } from '../http/filters.ts';
import { pagingParams, queryOf, sortParams, type Query } from '../http/query.ts';
import { json } from '../http/respond.ts';
import { buildFlowGraph } from '../flows/graph/flow-graph.ts';
import { parseFlowYaml } from '../flows/parse.ts';
import type { PluginCatalog } from '../plugins/catalog.ts';
import { notFound, unprocessable } from '../shared/errors.ts';
import { isSortableField, type BlueprintCatalogue, type BlueprintEntry } from './catalogue.ts';
import { BLUEPRINT_KINDS, type BlueprintKind } from './model.ts';

const FILTERS = { q: TEXT, tags: POSITIVE };
const KIND_CLASS = 'io.kestra.webserver.controllers.api.BlueprintController.Kind';

/** `{kind}` is Kestra's enum, matched case-insensitively (clients send `flow`). */
function kindOf(raw: string): BlueprintKind {
  const kind = raw.toUpperCase();
  if (!(BLUEPRINT_KINDS as readonly string[]).includes(kind)) {
    throw unprocessable(`Failed to convert argument [kind] for value [${raw}] due to: No enum constant ${KIND_CLASS}.${raw}`);
  }
  return kind as BlueprintKind;
}

function queryParams(q: Query) {
  const filters = parseFilters(q, FILTERS);
  const sort = sortParams(q);
  if (sort.length > 1) throw unprocessable('Invalid sort parameter, a single sort is supported');
  const bad = sort.find((s) => !isSortableField(s.field));
  if (bad) throw unprocessable(`Invalid sort parameter, unknown field '${bad.field}'`);
  return {
    q: q.get('q') ?? filterValues(filters, 'q', TEXT)[0],
    tags: [...q.getAll('tags').flatMap((t) => t.split(',')).filter(Boolean), ...filterValues(filters, 'tags', POSITIVE)],
    sort: sort[0],
  };
}

export function blueprintRoutes(deps: { catalogue: BlueprintCatalogue; catalog: PluginCatalog; newId: () => string }) {
  const find = (kind: string, id: string): BlueprintEntry & { kind: BlueprintKind } => {
    const k = kindOf(kind);
    const entry = deps.catalogue.get(k, id);
    if (!entry) throw notFound(`Unable to find the ${k.toLowerCase()} blueprint '${id}'`);
    return { ...entry, kind: k };
  };

  return routeModule()
    .get('/blueprints/community/:kind', ({ request, params }) => {
      const kind = kindOf(params.kind);
      const q = new URLSearchParams(queryOf(request)); // a copy: size is added below
      // Kestra declares size=1 by default here (clients always send it)
      if (!q.has('size')) q.set('size', '1');
      const paging = pagingParams(q);
      const all = deps.catalogue.search(kind, queryParams(q));
      return json({ results: all.slice(paging.offset, paging.offset + paging.size), total: all.length });
    })
    .get('/blueprints/community/:kind/tags', ({ request, params }) => {
      const kind = kindOf(params.kind);
      const q = queryOf(request);
      return json(deps.catalogue.tags(kind, q.get('q') ?? filterValues(parseFilters(q, FILTERS), 'q', TEXT)[0]));
    })
    .get('/blueprints/community/:kind/:id', ({ params }) => {
      const { item, source, kind } = find(params.kind, params.id);
      return json({ ...item, source, kind });
    })
    .get('/blueprints/community/:kind/:id/source', ({ params }) =>
      new Response(find(params.kind, params.id).source, { headers: { 'content-type': 'application/yaml' } }))
    .get('/blueprints/community/:kind/:id/graph', ({ params }) => {
      const { source, kind } = find(params.kind, params.id);
      if (kind !== 'FLOW') throw notFound(`Only flow blueprints have a graph, '${params.id}' is a ${kind.toLowerCase()} blueprint`);
      const parsed = parseFlowYaml(source, deps.catalog);
      if (!parsed.ok) throw new Error(`bundled blueprint ${params.id} does not parse`); // guarded by tests
      return json(buildFlowGraph(parsed.flow as never, { newId: deps.newId }));
    });
}
