// The mixed workload of the load test (bench/load.ts: 100 clients against a real `serve`; the short
// variant in test/limits/load.test.ts): each client picks an operation by weight, back to back.
// Kestra's SSE puts the event kind in `id:` (progress / end). Operations: create with wait, get, search, logs, logs search, KV put/get, flow update, SSE follow.

export const LOAD_NAMESPACE = 'load.team';
export const loadFlow = (id: string, message = 'done {{ outputs.out.values.n }}') =>
  `id: ${id}\nnamespace: ${LOAD_NAMESPACE}\ntasks:\n  - id: out\n    type: io.kestra.plugin.core.output.OutputValues\n    values:\n      n: "{{ execution.id }}"\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "${message}"\n`;

export type Operation = 'create-wait' | 'get' | 'search' | 'logs' | 'logs-search' | 'kv-put' | 'kv-get' | 'flow-update' | 'follow';
const WEIGHTS: [Operation, number][] = [
  ['create-wait', 20], ['get', 20], ['search', 12], ['logs', 10], ['logs-search', 5], ['kv-put', 10], ['kv-get', 10], ['flow-update', 5], ['follow', 8],
];
const TOTAL = WEIGHTS.reduce((n, [, w]) => n + w, 0);

export interface OpStats { count: number; errors: number; latencies: number[] }
export interface LoadResult {
  elapsedMs: number;
  requests: number;
  errors: number;
  /** one line per error kind, with a count (first few only) */
  errorSamples: Map<string, number>;
  latencies: number[];
  byOp: Map<Operation, OpStats>;
  /** requests finished per second of the run */
  perSecond: number[];
}

export interface LoadOptions {
  clients: number;
  durationMs: number;
  /** flow ids created beforehand by seedLoad() */
  flows: string[];
  headers?: Record<string, string>;
  /** a seeded pseudo-random source keeps runs comparable */
  seed?: number;
}

export async function seedLoad(base: string, flows: string[], headers: Record<string, string> = {}): Promise<void> {
  for (const id of flows) {
    const r = await fetch(`${base}/api/v1/flows`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-yaml' }, body: loadFlow(id) });
    if (r.status !== 200) throw new Error(`cannot create ${id}: ${r.status} ${await r.text()}`);
  }
}

function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

export async function runLoad(base: string, o: LoadOptions): Promise<LoadResult> {
  const rnd = random(o.seed ?? 42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const api = `${base}/api/v1`;
  const h = o.headers ?? {};
  const ids: string[] = []; // executions created so far (ring of recent ones)
  const remember = (id: string) => { ids.push(id); if (ids.length > 2000) ids.splice(0, 1000); };
  const result: LoadResult = { elapsedMs: 0, requests: 0, errors: 0, errorSamples: new Map(), latencies: [], byOp: new Map(), perSecond: [] };
  const started = performance.now();
  const end = started + o.durationMs;
  let revision = 0;

  const ok = async (res: Response, what: string) => {
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${what} ${res.status} ${text.slice(0, 120)}`);
    return text;
  };
  const ops: Record<Operation, () => Promise<void>> = {
    'create-wait': async () => {
      const text = await ok(await fetch(`${api}/executions/${LOAD_NAMESPACE}/${pick(o.flows)}?wait=true`, { method: 'POST', headers: h }), 'create');
      const exec = JSON.parse(text) as { id: string; state: { current: string } };
      if (exec.state.current !== 'SUCCESS') throw new Error(`create ended ${exec.state.current}`);
      remember(exec.id);
    },
    get: async () => { if (ids.length) await ok(await fetch(`${api}/executions/${pick(ids)}`, { headers: h }), 'get'); },
    search: async () => { await ok(await fetch(`${api}/executions/search?namespace=${LOAD_NAMESPACE}&size=25&page=${1 + Math.floor(rnd() * 3)}`, { headers: h }), 'search'); },
    logs: async () => { if (ids.length) await ok(await fetch(`${api}/logs/${pick(ids)}`, { headers: h }), 'logs'); },
    'logs-search': async () => { await ok(await fetch(`${api}/logs/search?namespace=${LOAD_NAMESPACE}&size=25`, { headers: h }), 'logs-search'); },
    'kv-put': async () => {
      await ok(await fetch(`${api}/namespaces/${LOAD_NAMESPACE}/kv/k${Math.floor(rnd() * 50)}`, { method: 'PUT', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ n: rnd() }) }), 'kv-put');
    },
    'kv-get': async () => {
      const res = await fetch(`${api}/namespaces/${LOAD_NAMESPACE}/kv/k${Math.floor(rnd() * 50)}`, { headers: h });
      await res.arrayBuffer();
      if (res.status !== 200 && res.status !== 404) throw new Error(`kv-get ${res.status}`);
    },
    'flow-update': async () => {
      const id = pick(o.flows);
      await ok(await fetch(`${api}/flows/${LOAD_NAMESPACE}/${id}`, { method: 'PUT', headers: { ...h, 'content-type': 'application/x-yaml' }, body: loadFlow(id, `done {{ outputs.out.values.n }} r${++revision}`) }), 'flow-update');
    },
    follow: async () => {
      const text = await ok(await fetch(`${api}/executions/${LOAD_NAMESPACE}/${pick(o.flows)}`, { method: 'POST', headers: h }), 'create');
      const { id } = JSON.parse(text) as { id: string };
      remember(id);
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), 15_000);
      try {
        const stream = await ok(await fetch(`${api}/executions/${id}/follow`, { headers: h, signal: ctl.signal }), 'follow');
        if (!/^id: ?end$/m.test(stream)) throw new Error('follow ended without an end event');
      } finally {
        clearTimeout(timer);
      }
    },
  };

  const client = async () => {
    while (performance.now() < end) {
      let r = rnd() * TOTAL;
      let op: Operation = WEIGHTS[0]![0];
      for (const [name, w] of WEIGHTS) { if ((r -= w) < 0) { op = name; break; } }
      const stats = result.byOp.get(op) ?? { count: 0, errors: 0, latencies: [] };
      result.byOp.set(op, stats);
      const t = performance.now();
      try {
        await ops[op]();
      } catch (e) {
        stats.errors++;
        result.errors++;
        const key = `${op}: ${(e as Error).message}`.slice(0, 160);
        result.errorSamples.set(key, (result.errorSamples.get(key) ?? 0) + 1);
      }
      const done = performance.now();
      stats.count++;
      stats.latencies.push(done - t);
      result.latencies.push(done - t);
      result.requests++;
      const second = Math.floor((done - started) / 1000);
      result.perSecond[second] = (result.perSecond[second] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: o.clients }, client));
  result.elapsedMs = performance.now() - started;
  return result;
}

/** executions not terminal: none may stay so once the load has stopped */
export async function unfinishedExecutions(base: string, headers: Record<string, string> = {}): Promise<number> {
  const states = ['CREATED', 'RUNNING', 'PAUSED', 'RESTARTED', 'KILLING', 'QUEUED', 'RETRYING'];
  const q = states.map((s) => `state=${s}`).join('&');
  const res = await fetch(`${base}/api/v1/executions/search?${q}&size=1`, { headers });
  return ((await res.json()) as { total: number }).total;
}
