// The plugin catalogue routes: GET /plugins (0.21: an array; the 2.0 paged form when paging,
// sort or filters are asked for), /plugins/groups/subgroups, /plugins/triggers (2.0), icons
// per class, per group, per class as JSON (2.0) and as raw SVG (2.0), and the 2.0 plugin-UI
// routes, which have nothing to serve for the core plugin.

import { routeModule } from '../../http/route-module.ts';
import { readJson } from '../../http/body.ts';
import { filterValues, parseFilters, TEXT } from '../../http/filters.ts';
import { intParam, queryOf, sortParams, type Query } from '../../http/query.ts';
import { json } from '../../http/respond.ts';
import { ApiError, badRequest, invalidEntity, notFound } from '../../shared/errors.ts';
import type { PluginApi } from '../api.ts';
import { ICON_SVG, shapeOf } from '../icons.ts';
import { pluginJson, subGroupsJson, triggerPluginsJson, type ApiGeneration } from '../listing.ts';
import { CACHE_CONTROL } from './schemas.ts';

const SVG_CACHE_CONTROL = 'public, max-age=31536000, immutable';

const withCache = (res: Response, value = CACHE_CONTROL) => {
  res.headers.set('cache-control', value);
  return res;
};

/** A 2.0 client pages the list; a 0.21 client sends none of these. */
const asksForPage = (q: Query) => ['page', 'size', 'sort'].some((k) => q.has(k)) || [...q.keys()].some((k) => k.startsWith('filters['));

function pagedPlugins(api: PluginApi, q: Query) {
  const page = intParam(q, 'page') ?? 1;
  const size = intParam(q, 'size') ?? 10000; // Kestra 2.0's default: the whole catalogue
  if (page < 1 || size < 1) {
    throw invalidEntity([...(page < 1 ? [{ path: 'page', message: 'must be greater than or equal to 1' }] : []), ...(size < 1 ? [{ path: 'size', message: 'must be greater than or equal to 1' }] : [])]);
  }
  sortParams(q); // validated; one artifact has nothing to order
  const filters = parseFilters(q, { q: TEXT, query: TEXT });
  const text = [...filterValues(filters, 'q', TEXT), ...filterValues(filters, 'query', TEXT)].map((t) => t.toLowerCase());
  const plugin = pluginJson(api.defs(), '2.0');
  const haystack = JSON.stringify([plugin.title, plugin.group, plugin.tasks, plugin.triggers, plugin.conditions]).toLowerCase();
  const all = text.every((t) => haystack.includes(t)) ? [plugin] : [];
  return { results: all.slice((page - 1) * size, page * size), total: all.length };
}

export function pluginCatalogRoutes(api: PluginApi, generation: ApiGeneration = api.generation) {
  const iconOf = (cls: string) => api.icons()[cls] ?? api.groupIcons()[cls];
  return routeModule()
    .get('/plugins', ({ request }) => {
      const q = queryOf(request);
      if (generation === '2.0' || asksForPage(q)) return json(pagedPlugins(api, q));
      return json([pluginJson(api.defs(), '0.21')]);
    })
    .get('/plugins/groups/subgroups', () => json(subGroupsJson(api.defs(), generation)))
    .get('/plugins/triggers', () => json(triggerPluginsJson(api.defs())))
    .get('/plugins/icons', () => withCache(json(api.icons())))
    .get('/plugins/icons/groups', () => withCache(json(api.groupIcons())))
    // 2.0 answers 200 with no icon for an unknown class (a null field, omitted as Kestra omits nulls)
    .get('/plugins/icons/:cls', ({ params }) => {
      const icon = iconOf(params.cls);
      return withCache(json(icon ? { icon } : {}));
    })
    .get('/plugins/icons/:cls/icon.svg', ({ params }) => {
      const def = api.catalog.resolve(params.cls);
      const svg = def ? ICON_SVG[shapeOf(def)] : api.groupIcons()[params.cls] ? ICON_SVG.group : undefined;
      if (!svg) throw notFound();
      return withCache(new Response(svg, { headers: { 'content-type': 'image/svg+xml' } }), SVG_CACHE_CONTROL);
    })
    // Kestra maps each known class to its plugin's UI modules; the core plugin ships none
    .post('/plugins/pluginUiManifest', async ({ request }) => {
      const body = await readJson(request);
      if (!Array.isArray(body) || body.some((t) => typeof t !== 'object' || t === null || Array.isArray(t))) {
        throw new ApiError('INVALID_JSON', 'Invalid json mapping: expected an array of {"cls", "version"}');
      }
      return json({ manifest: {} });
    })
    // the router shares the `/plugins/:cls` segment, so the group arrives as `cls`
    .get('/plugins/:group/pluginUi/*', ({ params }) => {
      const path = (params as Record<string, string>)['*'] ?? '';
      if (path.includes('..') || path.startsWith('/') || path.startsWith('\\') || path.includes('\0')) throw badRequest(`Invalid path: ${path}`);
      throw notFound(); // no group here ships UI resources (the core plugin has none)
    });
}
