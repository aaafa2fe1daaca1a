// Execution files (api-contract §3.3): download, metas and preview of internal-storage files.
// A file is only served through the execution that owns it (or its flow's state store); a path
// of another execution redirects there, so each execution's existence check stays meaningful.

import { routeModule } from '../../http/route-module.ts';
import { json } from '../../http/respond.ts';
import { attachment } from '../../http/attachment.ts';
import { intParam, queryOf } from '../../http/query.ts';
import { DEFAULT_TENANT, tenantOf } from '../../http/tenant.ts';
import type { BlobStore } from '../../shared/storage/blobs.ts';
import { badRequest, illegalArgument, notFound } from '../../shared/errors.ts';
import { decoderFor, previewRows, renderFile } from './file-render.ts';
import type { Execution } from '../model.ts';
import type { ExecutionService } from '../service.ts';
import { blobKey, executionPrefix, flowPrefix, KESTRA_SCHEME, namespacePath } from '../../shared/storage/paths.ts';

export interface ExecutionFileRouteDeps {
  executions: Pick<ExecutionService, 'find' | 'get'>;
  blobs: BlobStore;
}

type Endpoint = 'file' | 'file/metas' | 'file/preview';

interface Located { uri: string; path: string; execution: Execution }


/** The storage path of a `kestra:///…` URI (a bare absolute path is accepted too, as Kestra reads URI#getPath). */
function storagePathOf(uri: string): string | undefined {
  let path: string;
  if (uri.startsWith(KESTRA_SCHEME)) path = uri.slice(KESTRA_SCHEME.length);
  else if (uri.startsWith('/')) path = uri;
  else return undefined;
  path = path.startsWith('/') ? path : `/${path}`;
  if (path.split('/').includes('..')) throw illegalArgument("File should be accessed with their full path and not using relative '..' path.");
  return path;
}

/** Query-safe, but keeps `kestra:///a/b` readable as Kestra's Location headers are. */
const encodeQueryValue = (v: string) => v.replace(/[^A-Za-z0-9\-._~:/@!$'()*,;]/g, (c) => encodeURIComponent(c));

function redirect(request: Request, otherId: string, endpoint: Endpoint, uri: string, extra: [string, string][]): Response {
  const tenant = tenantOf(request);
  const base = tenant === DEFAULT_TENANT ? '/api/v1' : `/api/v1/${encodeURIComponent(tenant)}`;
  const query = [['path', uri], ...extra].map(([k, v]) => `${k}=${encodeQueryValue(v!)}`).join('&');
  return new Response(null, { status: 301, headers: { location: `${base}/executions/${encodeURIComponent(otherId)}/${endpoint}?${query}` } });
}

/** The path checks shared by the three endpoints: a Located file, or the redirect to answer instead. */
function locate(deps: ExecutionFileRouteDeps, request: Request, executionId: string, endpoint: Endpoint, extra: [string, string][] = []): Located | Response {
  const uri = queryOf(request).get('path');
  if (uri === null || uri === '') throw badRequest('Required QueryValue [path] not specified');
  const execution = deps.executions.find(tenantOf(request), executionId);
  if (!execution || execution.deleted) throw notFound(`Unable to find execution id '${executionId}'`);
  const path = storagePathOf(uri);
  if (path === undefined) throw illegalArgument('Invalid prefix path');

  const allowed = [
    executionPrefix(execution.namespace, execution.flowId, execution.id),
    `${flowPrefix(execution.namespace, execution.flowId)}/states`,
    `/${namespacePath(execution.namespace)}/states`,
  ];
  if (allowed.some((p) => path.startsWith(`${p}/`))) return { uri, path, execution };

  const other = /\/executions\/([^/]+)\//.exec(path)?.[1];
  // (an execution's own id under another flow's folder would redirect to itself forever)
  if (other !== undefined && other !== execution.id) return redirect(request, other, endpoint, uri, extra);
  throw illegalArgument('Invalid prefix path');
}

/** Blob lookup; a percent-encoded URI also finds a file stored under its decoded name. */
function readKey(deps: ExecutionFileRouteDeps, tenant: string, f: Located): string {
  const key = blobKey(tenant, f.path);
  if (deps.blobs.stat(key)) return key;
  let decoded: string | undefined;
  try { decoded = decodeURIComponent(f.path); } catch { /* not encoded */ }
  if (decoded !== undefined && decoded !== f.path && deps.blobs.stat(blobKey(tenant, decoded))) return blobKey(tenant, decoded);
  throw notFound(`${f.uri} (No such file or directory)`);
}

export function executionFileRoutes(deps: ExecutionFileRouteDeps) {
  return routeModule()
    .get('/executions/:executionId/file', ({ request, params }) => {
      const located = locate(deps, request, params.executionId, 'file');
      if (located instanceof Response) return located;
      const key = readKey(deps, tenantOf(request), located);
      const data = deps.blobs.get(key);
      if (!data) throw notFound(`${located.uri} (No such file or directory)`);
      return new Response(data, {
        headers: { 'content-type': 'application/octet-stream', 'content-disposition': attachment(key.slice(key.lastIndexOf('/') + 1)) },
      });
    })
    .get('/executions/:executionId/file/metas', ({ request, params }) => {
      const located = locate(deps, request, params.executionId, 'file/metas');
      if (located instanceof Response) return located;
      const stat = deps.blobs.stat(readKey(deps, tenantOf(request), located));
      if (!stat) throw notFound(`${located.uri} (No such file or directory)`);
      return json({ size: stat.size });
    })
    .get('/executions/:executionId/file/preview', ({ request, params }) => {
      const q = queryOf(request);
      const maxRows = intParam(q, 'maxRows');
      const encoding = q.get('encoding') || 'UTF-8';
      const extra: [string, string][] = [];
      if (maxRows !== undefined) extra.push(['maxRows', String(maxRows)]);
      if (q.get('encoding')) extra.push(['encoding', encoding]);
      const located = locate(deps, request, params.executionId, 'file/preview', extra);
      if (located instanceof Response) return located;
      const decoder = decoderFor(encoding);
      const key = readKey(deps, tenantOf(request), located);
      const data = deps.blobs.get(key);
      if (!data) throw notFound(`${located.uri} (No such file or directory)`);
      return json(renderFile(located.path, data, decoder, previewRows(maxRows)));
    });
}
