// KV API of one namespace (api-contract §3.13): list, read, write, delete, bulk delete. The same
// service backs the KV tasks and the `kv()` expression function, so API and flows share values.

import { routeModule } from '../http/route-module.ts';
import { readJson, readText, requireKind } from '../http/body.ts';
import { json } from '../http/respond.ts';
import { tenantOf } from '../http/tenant.ts';
import { parseDurationMs } from '../shared/time/durations.ts';
import { requireNamespaceId } from '../shared/namespace-id.ts';
import { nestingError } from '../shared/nesting.ts';
import { ApiError, badRequest, illegalArgument, notFound } from '../shared/errors.ts';
import type { KestraVersion } from '../shared/kestra-version.ts';
import { parseIonValue } from './ion-value.ts';
import { KvError, validateKey } from './model.ts';
import { kvDetailJson, kvEntryJson, typedValueJson } from './serialize.ts';
import type { KvService } from './service.ts';

export interface KvRouteDeps {
  kv: KvService;
  /** the Kestra API generation answered: 2.0's `KvDetail` carries revision and update date */
  kestraVersion?: KestraVersion;
}


/** KV rule violations are Kestra's IllegalArgumentExceptions: 422 "Illegal argument: ...". */
export function kvCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof KvError) throw err.code === 'KEY_EXISTS' ? new ApiError('ILLEGAL_STATE', err.message) : illegalArgument(err.message);
    throw err;
  }
}

/** Path segments arrive percent-encoded; an invalid key must be reported as the client wrote it. */
export function decoded(segment: string): string {
  try { return decodeURIComponent(segment); } catch { return segment; }
}

/** The `ttl` header: an ISO-8601 duration (java.time.Duration syntax), never negative. */
export function ttlHeader(request: Request): number | undefined {
  const raw = request.headers.get('ttl');
  if (raw === null) return undefined;
  const ms = parseDurationMs(raw);
  if (ms === undefined) throw illegalArgument(`Invalid ttl '${raw}': Text cannot be parsed to a Duration (expected an ISO-8601 duration such as PT5M or P1D)`);
  if (ms < 0) throw illegalArgument('ttl cannot be negative');
  return ms;
}

/** A write creates the namespace's data: Kestra's namespace rule (as for a flow), else 422. */
const checkNamespace = requireNamespaceId;

/** `{"keys": [...]}`; `keys` may be absent (no key), anything else is a 422. */
async function readBulkKeys(request: Request): Promise<string[]> {
  requireKind(request, 'json');
  const body = await readJson(request);
  if (body === undefined) throw badRequest('Required Body [request] not specified');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ApiError('UNPROCESSABLE', 'Invalid json mapping: the body must be an object such as {"keys": ["k1", "k2"]}');
  const keys = (body as { keys?: unknown }).keys;
  if (keys === undefined || keys === null) return [];
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) throw new ApiError('UNPROCESSABLE', 'Invalid json mapping: keys must be an array of strings');
  return keys as string[];
}

export function kvRoutes({ kv, kestraVersion = '0.21' }: KvRouteDeps) {
  return routeModule()
    .get('/namespaces/:namespace/kv', ({ request, params }) =>
      json(kv.list(tenantOf(request), decoded(params.namespace)).map(kvEntryJson)))
    .delete('/namespaces/:namespace/kv', async ({ request, params }) => {
      const keys = await readBulkKeys(request);
      const deleted = kvCall(() => kv.deleteMany(tenantOf(request), decoded(params.namespace), keys));
      return json({ keys: deleted });
    })
    .get('/namespaces/:namespace/kv/:key', ({ request, params }) => {
      const namespace = decoded(params.namespace);
      const key = decoded(params.key);
      const found = kvCall(() => kv.getEntry(tenantOf(request), namespace, key));
      if (found.status === 'missing') throw notFound(`No value found for key '${key}' in namespace '${namespace}'`);
      if (found.status === 'expired') throw new ApiError('GONE', 'The requested value has expired');
      return json(kestraVersion === '2.0' ? kvDetailJson(found.entry) : typedValueJson(found.entry));
    })
    .put('/namespaces/:namespace/kv/:key', async ({ request, params }) => {
      const namespace = decoded(params.namespace);
      const key = decoded(params.key);
      // Kestra accepts JSON and text; a body sent without a content type is read as text
      if (request.headers.get('content-type') !== null) requireKind(request, 'json', 'text');
      kvCall(() => validateKey(key)); // the key is checked first, as Kestra does, before the body is read
      checkNamespace(namespace);
      const ttlMs = ttlHeader(request);
      const text = await readText(request);
      if (text.trim() === '') throw badRequest('Required Body [value] not specified');
      const tooDeep = nestingError(text);
      if (tooDeep) throw illegalArgument(`Invalid JSON value for: ${text.slice(0, 200)}: ${tooDeep}`);
      const parsed = parseIonValue(text);
      if (!parsed) throw illegalArgument(`Invalid JSON value for: ${text}`);
      const description = request.headers.get('description') ?? undefined;
      kvCall(() => kv.put(tenantOf(request), namespace, key, parsed.value, { type: parsed.type, ttlMs, description }));
      return new Response(null, { status: 200 });
    })
    .delete('/namespaces/:namespace/kv/:key', ({ request, params }) =>
      json(kvCall(() => kv.delete(tenantOf(request), decoded(params.namespace), decoded(params.key)))));
}
