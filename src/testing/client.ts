// The instance a test holds: plain HTTP calls to the Kestra API and the admin API of one
// kestra-lite, whichever way it runs (in this process or as a child). Only `fetch`, so the same
// code serves Bun and Node.

import { KestraLiteError, type ClockView, type Execution, type FaultSpec, type FaultView, type InputValue, type JournalEntry, type KestraLite, type KvEntry, type KvHelpers, type LogEntry, type RequestFilter, type StateDocument } from './types.ts';

export interface ClientDeps {
  url: string;
  mode: KestraLite['mode'];
  tenant?: string;
  basicAuth?: { username: string; password: string };
  adminToken?: string;
  /** stops the server; called once */
  stop(): Promise<void>;
  /** after a reset: puts back what the options configured (fixture documents) */
  afterReset(instance: KestraLite): Promise<void>;
}

const ADMIN = '/_kestra-lite';
/** marks the helpers' own calls, which `requests()` leaves out: the journal is about the code under test */
const HARNESS_HEADER = 'x-kestra-lite-harness';
const YAML = 'application/x-yaml';

async function failure(method: string, path: string, res: Response): Promise<KestraLiteError> {
  const text = await res.text();
  let body: unknown = text;
  try { body = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
  const message = (body as { message?: unknown } | undefined)?.message;
  const detail = typeof message === 'string' ? message : text || res.statusText;
  return new KestraLiteError(res.status, `${method} ${path} answered ${res.status}: ${detail}`, body);
}

/** Kestra's multipart execution form: files as parts, objects as JSON, the rest as text. */
function inputsForm(inputs: Record<string, InputValue>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(inputs)) {
    if (value instanceof Blob) form.append(name, value, (value as { name?: string }).name || name);
    else form.append(name, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
  }
  return form;
}

const segment = encodeURIComponent;

export function createClient(deps: ClientDeps): KestraLite {
  const { url, tenant } = deps;
  const basic = deps.basicAuth ? `Basic ${btoa(`${deps.basicAuth.username}:${deps.basicAuth.password}`)}` : undefined;
  const api = (path: string) => `/api/v1${tenant ? `/${tenant}` : ''}${path}`;
  let stopped: Promise<void> | undefined;

  function send(path: string, init: RequestInit = {}): Promise<Response> {
    const target = /^https?:\/\//.test(path) ? path : url + path;
    const headers = new Headers(init.headers);
    const admin = new URL(target).pathname.startsWith(ADMIN);
    if (admin && deps.adminToken && !headers.has('authorization')) headers.set('authorization', `Bearer ${deps.adminToken}`);
    if (!admin && basic && !headers.has('authorization')) headers.set('authorization', basic);
    return fetch(target, { ...init, headers });
  }

  /** a call that must succeed: the parsed JSON body (undefined when empty), or a KestraLiteError */
  async function call<T>(method: string, path: string, body?: { json?: unknown; text?: string; type?: string; form?: FormData; headers?: Record<string, string> }, allow: number[] = []): Promise<{ status: number; value: T }> {
    const headers: Record<string, string> = { ...body?.headers, [HARNESS_HEADER]: '1' };
    let payload: RequestInit['body'];
    if (body?.json !== undefined) { payload = JSON.stringify(body.json); headers['content-type'] = 'application/json'; }
    else if (body?.text !== undefined) { payload = body.text; headers['content-type'] = body.type ?? 'text/plain'; }
    else if (body?.form) payload = body.form;
    const res = await send(path, { method, headers, body: payload });
    if (!res.ok && !allow.includes(res.status)) throw await failure(method, path, res);
    const text = await res.text();
    return { status: res.status, value: (text && res.ok ? JSON.parse(text) : undefined) as T };
  }
  const get = async <T>(path: string) => (await call<T>('GET', path)).value;

  const instance: KestraLite = {
    url,
    apiUrl: `${url}/api/v1`,
    mode: deps.mode,
    fetch: send,
    async deployFlow(yaml) {
      const res = await send(api('/flows'), { method: 'POST', headers: { 'content-type': YAML, [HARNESS_HEADER]: '1' }, body: yaml });
      if (res.ok) return res.json() as Promise<Record<string, unknown>>;
      const error = await failure('POST', api('/flows'), res);
      if (!error.message.includes('Flow id already exists')) throw error;
      // already there: Kestra's bulk update-or-create, then the flow as Kestra stores it
      const synced = await call<{ namespace: string; id: string }[]>('POST', api('/flows/bulk?delete=false'), { text: yaml, type: YAML });
      const flow = synced.value[0];
      if (!flow) throw new KestraLiteError(422, 'deployFlow: the YAML holds no flow');
      return get(api(`/flows/${segment(flow.namespace)}/${segment(flow.id)}`));
    },
    async execute(namespace, flowId, inputs = {}, options = {}) {
      const q = new URLSearchParams();
      if (options.wait ?? true) q.set('wait', 'true');
      for (const [k, v] of Object.entries(options.labels ?? {})) q.append('labels', `${k}:${v}`);
      const query = q.toString() ? `?${q}` : ''; // URLSearchParams.size is not in Node 18
      return (await call<Execution>('POST', api(`/executions/${segment(namespace)}/${segment(flowId)}${query}`), { form: inputsForm(inputs) })).value;
    },
    execution: (id) => get(api(`/executions/${segment(id)}`)),
    logs: (id) => get(api(`/logs/${segment(id)}`)),
    kv(namespace): KvHelpers {
      const base = api(`/namespaces/${segment(namespace)}/kv`);
      return {
        async get<T>(key: string) {
          const r = await call<{ value?: T }>('GET', `${base}/${segment(key)}`, undefined, [404, 410]);
          return r.status === 200 ? r.value.value : undefined;
        },
        async set(key, value, options = {}) {
          const headers: Record<string, string> = {};
          if (options.ttl) headers.ttl = options.ttl;
          if (options.description) headers.description = options.description;
          await call('PUT', `${base}/${segment(key)}`, { json: value, headers });
        },
        // the tenant-wide search: served in both Kestra versions (2.0 removed the namespace list)
        list: async () => (await get<{ results: KvEntry[] }>(api(`/kv?filters[namespace][EQUALS]=${segment(namespace)}&size=100000&sort=key:asc`))).results,
        delete: async (key) => (await call<boolean>('DELETE', `${base}/${segment(key)}`)).value,
      };
    },
    clock: () => get<ClockView>(`${ADMIN}/clock`),
    async advance(by) {
      const body = typeof by === 'number' ? { ms: by } : typeof by === 'string' ? { duration: by } : undefined;
      if (!body) throw new TypeError('advance takes milliseconds or an ISO-8601 duration such as P1D');
      return (await call<ClockView>('POST', `${ADMIN}/clock/advance`, { json: body })).value;
    },
    async setTime(to) {
      const now = to instanceof Date ? to.toISOString() : to;
      return (await call<ClockView>('POST', `${ADMIN}/clock/set`, { json: { now } })).value;
    },
    async requests(filter: RequestFilter = {}) {
      const q = new URLSearchParams();
      if (filter.method) q.set('method', filter.method);
      if (filter.path) q.set('path', filter.path);
      const { results } = await get<{ results: JournalEntry[] }>(`${ADMIN}/requests${q.toString() ? `?${q}` : ''}`);
      return results.filter((r) => r.headers[HARNESS_HEADER] === undefined);
    },
    clearRequests: async () => { await call('DELETE', `${ADMIN}/requests`); },
    fault: async (spec: FaultSpec) => (await call<FaultView>('POST', `${ADMIN}/faults`, { json: spec })).value,
    faults: async () => (await get<{ results: FaultView[] }>(`${ADMIN}/faults`)).results,
    clearFaults: async () => { await call('DELETE', `${ADMIN}/faults`); },
    async reset(options = {}) {
      await call('POST', `${ADMIN}/reset${options.keepFlows ? '?keep=flows' : ''}`);
      await deps.afterReset(instance);
    },
    export: () => get<StateDocument>(`${ADMIN}/export`),
    async import(doc) {
      await call('POST', `${ADMIN}/import`, { text: typeof doc === 'string' ? doc : JSON.stringify(doc), type: 'application/json' });
    },
    stop() {
      stopped ??= deps.stop();
      return stopped;
    },
  };
  return instance;
}
