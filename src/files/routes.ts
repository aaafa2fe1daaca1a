// Namespace Files routes (0.21 paths; the edge serves them under /api/v1/{tenant} too, which is
// where 1.x/2.0 clients call them). `:namespace` is the name every /namespaces/:x route must use
// (the router refuses two parameter names at one position).

import { routeModule } from '../http/route-module.ts';
import { ApiError, badRequest } from '../shared/errors.ts';
import { attachment } from '../http/attachment.ts';
import { readForm, requireKind } from '../http/body.ts';
import { intParam, queryOf, type Query } from '../http/query.ts';
import { tenantOf } from '../http/tenant.ts';
import type { FilesService } from './service.ts';
import { fileAttributesJson } from './serialize.ts';

const required = (q: Query, name: string): string => {
  const value = q.get(name);
  if (value === null) throw badRequest(`Required QueryValue [${name}] not specified`);
  return value;
};

const octets = (data: Uint8Array, headers: Record<string, string> = {}) =>
  new Response(data, { headers: { 'content-type': 'application/octet-stream', ...headers } });

/** Writes answer 200 with an empty body, as Kestra's void controller methods do. */
const done = () => new Response(null, { status: 200 });

export function filesRoutes({ files }: { files: FilesService }) {
  return routeModule()
    .get('/namespaces/:namespace/files', ({ request, params }) => {
      const q = queryOf(request);
      const data = files.content(tenantOf(request), params.namespace, required(q, 'path'), intParam(q, 'revision'));
      return octets(data, { 'cache-control': 'no-cache' });
    })
    .get('/namespaces/:namespace/files/stats', ({ request, params }) =>
      fileAttributesJson(files.stats(tenantOf(request), params.namespace, queryOf(request).get('path') ?? undefined)))
    .get('/namespaces/:namespace/files/directory', ({ request, params }) =>
      files.list(tenantOf(request), params.namespace, queryOf(request).get('path') ?? undefined).map(fileAttributesJson))
    .post('/namespaces/:namespace/files/directory', ({ request, params }) => {
      files.mkdir(tenantOf(request), params.namespace, queryOf(request).get('path') ?? undefined);
      return done();
    })
    .get('/namespaces/:namespace/files/search', ({ request, params }) =>
      files.search(tenantOf(request), params.namespace, required(queryOf(request), 'q')))
    .get('/namespaces/:namespace/files/revisions', ({ request, params }) =>
      files.revisions(tenantOf(request), params.namespace, queryOf(request).get('path') ?? undefined))
    .get('/namespaces/:namespace/files/export', ({ request, params }) =>
      octets(files.exportZip(tenantOf(request), params.namespace), { 'content-disposition': attachment(`${params.namespace}_files.zip`) }))
    .post('/namespaces/:namespace/files', async ({ request, params }) => {
      const q = queryOf(request);
      requireKind(request, 'multipart');
      const form = await readForm(request);
      const path = q.get('path') ?? formText(form, 'path');
      if (path === undefined) throw badRequest('Required QueryValue [path] not specified');
      const part = form.get('fileContent');
      if (part === null) throw new ApiError('BAD_REQUEST', 'Required Part [fileContent] not specified');
      const [name, data] = typeof part === 'string' ? ['', new TextEncoder().encode(part)] : [part.name ?? '', new Uint8Array(await part.arrayBuffer())];
      files.upload(tenantOf(request), params.namespace, path, name, data);
      return done();
    })
    .put('/namespaces/:namespace/files', ({ request, params }) => {
      const q = queryOf(request);
      files.move(tenantOf(request), params.namespace, required(q, 'from'), required(q, 'to'));
      return done();
    })
    .delete('/namespaces/:namespace/files', ({ request, params }) => {
      files.remove(tenantOf(request), params.namespace, required(queryOf(request), 'path'));
      return done();
    });
}

/** A plain text form field (some clients send `-F path=...`). */
function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
}
