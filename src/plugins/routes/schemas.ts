// GET /plugins/schemas/{type} (both generations) and /plugins/properties/{type} (2.0): JSON
// schemas generated from the registry, served from the runtime's cache.

import { routeModule } from '../../http/route-module.ts';
import { boolParam, queryOf } from '../../http/query.ts';
import { illegalArgument, unprocessable } from '../../shared/errors.ts';
import type { PluginApi } from '../api.ts';
import { SCHEMA_ROOTS, type SchemaTypeName } from '../schema/documents.ts';

export const CACHE_CONTROL = 'public, max-age=3600';

/** Every name of Kestra's SchemaType enums (0.21 lower-case, 2.0 upper-case); the path value is matched case-insensitively. */
const KNOWN_TYPES = new Set(['flow', 'template', 'task', 'trigger', 'plugindefault', 'apps', 'dashboard', 'testsuites', 'reusableinputs', 'policy']);

/** The schema type of a path value: generated ones, Kestra's "Invalid type" for the others it names, else a conversion error. */
export function schemaTypeOf(raw: string): SchemaTypeName {
  const type = raw.toLowerCase();
  if (type in SCHEMA_ROOTS) return type as SchemaTypeName;
  if (KNOWN_TYPES.has(type)) throw illegalArgument(`Invalid type ${raw}`);
  throw unprocessable(`Failed to convert argument [type] for value [${raw}] due to: No enum constant io.kestra.core.docs.SchemaType.${raw}`);
}

const schemaResponse = (text: string) =>
  new Response(text, { headers: { 'content-type': 'application/json', 'cache-control': CACHE_CONTROL } });

export function pluginSchemaRoutes(api: PluginApi) {
  return routeModule()
    .get('/plugins/schemas/:type', ({ request, params }) => {
      const type = schemaTypeOf(params.type);
      return schemaResponse(api.schemas.schema(type, boolParam(queryOf(request), 'arrayOf', false)));
    })
    .get('/plugins/properties/:type', ({ params }) => schemaResponse(api.schemas.properties(schemaTypeOf(params.type))));
}
