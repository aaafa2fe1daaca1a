// Plugin documentation: GET /plugins/{cls} (aliases document themselves as deprecated),
// /plugins/{cls}/versions and /plugins/{cls}/versions/{version} (one core version), and the
// input types: GET /plugins/inputs and /plugins/inputs/{type}.

import { routeModule } from '../../http/route-module.ts';
import { boolParam, queryOf } from '../../http/query.ts';
import { json } from '../../http/respond.ts';
import { unprocessable } from '../../shared/errors.ts';
import { INPUT_CLASSES, INPUT_TYPES, type InputType } from '../../flows/model.ts';
import { classNotFound, type PluginApi } from '../api.ts';
import { inputDocumentation, pluginDocumentation } from '../docs.ts';
import type { ApiGeneration } from '../listing.ts';
import { corePluginVersion } from '../listing.ts';
import { CACHE_CONTROL } from './schemas.ts';

/** GET /plugins/inputs, in Kestra's enum order per generation (2.0 renamed BOOLEAN to BOOL and dropped ENUM). */
export const INPUT_LIST: Record<ApiGeneration, readonly InputType[]> = {
  '0.21': ['STRING', 'ENUM', 'SELECT', 'INT', 'FLOAT', 'BOOLEAN', 'DATETIME', 'DATE', 'TIME', 'DURATION', 'FILE', 'JSON', 'URI', 'SECRET', 'ARRAY', 'MULTISELECT', 'YAML', 'EMAIL'],
  '2.0': ['STRING', 'SELECT', 'INT', 'FLOAT', 'BOOL', 'DATETIME', 'DATE', 'TIME', 'DURATION', 'FILE', 'JSON', 'URI', 'SECRET', 'ARRAY', 'MULTISELECT', 'YAML', 'EMAIL'],
};

export const inputTypesJson = (generation: ApiGeneration) =>
  INPUT_LIST[generation].map((type) => ({ type, cls: `io.kestra.core.models.flows.input.${INPUT_CLASSES[type]}` }));

const cached = (body: unknown) => {
  const res = json(body);
  res.headers.set('cache-control', CACHE_CONTROL);
  return res;
};

/** A version path value names the core plugin's version (or `latest`); anything else is unknown. */
const isServedVersion = (version: string, generation: ApiGeneration) => version === corePluginVersion(generation) || version.toLowerCase() === 'latest';

export function pluginDocRoutes(api: PluginApi, generation: ApiGeneration = api.generation) {
  const documentation = (request: Request, cls: string) => {
    const def = api.require(cls);
    return cached(pluginDocumentation(def, cls, boolParam(queryOf(request), 'all', false), api.schemas.definitions()));
  };
  return routeModule()
    .get('/plugins/inputs', () => cached(inputTypesJson(generation)))
    .get('/plugins/inputs/:type', ({ params }) => {
      const type = params.type as InputType;
      if (!(INPUT_TYPES as readonly string[]).includes(type)) {
        throw unprocessable(`Failed to convert argument [type] for value [${params.type}] due to: No enum constant io.kestra.core.models.flows.Type.${params.type}`);
      }
      return cached(inputDocumentation(type));
    })
    .get('/plugins/:cls', ({ request, params }) => documentation(request, params.cls))
    .get('/plugins/:cls/versions', ({ params }) => json({ type: params.cls, versions: api.versions(params.cls) }))
    .get('/plugins/:cls/versions/:version', ({ request, params }) => {
      if (!isServedVersion(params.version, generation)) throw classNotFound(params.cls);
      return documentation(request, params.cls);
    });
}
