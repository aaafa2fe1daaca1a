// The crash test's mixed write load and its ledger of acknowledged writes. Every write is recorded
// as *pending* before it is sent and as *acknowledged* once a 2xx came back; after a kill -9 and
// a restart, a key must hold its last acknowledged value or the one write that was in flight.
// Each worker owns its keys, so a key never has two writes in flight at once.

export type Rng = () => number;

/** mulberry32: small, seedable, good enough to pick operations and kill moments. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const NS = 'crash.load';

/** Value slot of one key: the last acknowledged value and the write in flight, if any. */
export interface Slot<V> { acked?: V; pending?: V }

export type Area = 'flows' | 'kv' | 'files' | 'triggers' | 'templates' | 'dashboards';

export interface Ledger {
  slots: Record<Area, Map<string, Slot<string>>>;
  /** executions whose creation was acknowledged (id), and how many creations were in flight at a kill */
  executions: string[];
  /** dashboards get their id from the server: title -> id once acknowledged */
  dashboardIds: Map<string, string>;
  acknowledged: number;
}

export function newLedger(): Ledger {
  const slots = { flows: new Map(), kv: new Map(), files: new Map(), triggers: new Map(), templates: new Map(), dashboards: new Map() };
  return { slots, executions: [], dashboardIds: new Map(), acknowledged: 0 };
}

export const SLEEPER = `id: sleeper
namespace: ${NS}
tasks:
  - id: before
    type: io.kestra.plugin.core.log.Log
    message: "start {{ execution.id }}"
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT0.3S
  - id: ret
    type: io.kestra.plugin.core.debug.Return
    format: "{{ execution.id }}"
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: "end {{ execution.id }}"
`;

export const flowSource = (id: string, description: string) =>
  `id: ${id}\nnamespace: ${NS}\ndescription: ${description}\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`;

/** One flow per worker with a yearly schedule: toggled on and off by the load. */
export const scheduledSource = (worker: number) =>
  `id: sched${worker}\nnamespace: ${NS}\ntriggers:\n  - id: yearly\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "0 0 1 1 *"\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: tick\n`;

const YAML = { 'content-type': 'application/x-yaml' };
const JSON_TYPE = { 'content-type': 'application/json' };

async function ok(res: Promise<Response>): Promise<Response> {
  const r = await res;
  if (r.status >= 300) throw new Error(`HTTP ${r.status}: ${(await r.text()).slice(0, 300)}`);
  return r;
}

/** The fixed flows the load needs (created once, before the first kill). */
export async function setUp(url: string, workers: number): Promise<void> {
  await ok(fetch(`${url}/api/v1/flows`, { method: 'POST', headers: YAML, body: SLEEPER }));
  for (let w = 0; w < workers; w++) await ok(fetch(`${url}/api/v1/flows`, { method: 'POST', headers: YAML, body: scheduledSource(w) }));
}

type Op = (url: string, rng: Rng, ledger: Ledger, worker: number, n: string) => Promise<void>;

/** Records `value` as pending for `key`, runs the write, then moves it to acknowledged. */
async function tracked(ledger: Ledger, area: Area, key: string, value: string, write: () => Promise<unknown>): Promise<void> {
  const slots = ledger.slots[area];
  const slot = slots.get(key) ?? {};
  slots.set(key, slot);
  slot.pending = value;
  await write();
  slot.acked = value;
  slot.pending = undefined;
  ledger.acknowledged++;
}

const pick = (rng: Rng, n: number) => Math.floor(rng() * n);

const OPS: [weight: number, op: Op][] = [
  [3, async (url, rng, ledger, w, n) => { // create or update one of the worker's flows
    const id = `flow_${w}_${pick(rng, 4)}`;
    const known = ledger.slots.flows.get(id)?.acked !== undefined;
    await tracked(ledger, 'flows', id, `v${n}`, () => ok(known
      ? fetch(`${url}/api/v1/flows/${NS}/${id}`, { method: 'PUT', headers: YAML, body: flowSource(id, `v${n}`) })
      : fetch(`${url}/api/v1/flows`, { method: 'POST', headers: YAML, body: flowSource(id, `v${n}`) })));
  }],
  [3, async (url, _rng, ledger) => { // an execution that logs, sleeps, returns, logs
    const res = await ok(fetch(`${url}/api/v1/executions/${NS}/sleeper`, { method: 'POST' }));
    ledger.executions.push(((await res.json()) as { id: string }).id);
    ledger.acknowledged++;
  }],
  [3, async (url, rng, ledger, w, n) => {
    const key = `k_${w}_${pick(rng, 8)}`;
    await tracked(ledger, 'kv', key, `value ${n}`, () => ok(fetch(`${url}/api/v1/namespaces/${NS}/kv/${key}`, { method: 'PUT', headers: JSON_TYPE, body: JSON.stringify(`value ${n}`) })));
  }],
  [2, async (url, rng, ledger, w, n) => {
    const path = `/w${w}/file${pick(rng, 6)}.txt`;
    const content = `content ${n} `.repeat(1 + pick(rng, 200));
    const form = new FormData();
    form.append('fileContent', new File([content], 'f.txt'));
    await tracked(ledger, 'files', path, content, () => ok(fetch(`${url}/api/v1/namespaces/${NS}/files?path=${encodeURIComponent(path)}`, { method: 'POST', body: form })));
  }],
  [2, async (url, rng, ledger, w) => {
    const disabled = rng() < 0.5;
    await tracked(ledger, 'triggers', `sched${w}`, String(disabled), () => ok(fetch(`${url}/api/v1/triggers`, {
      method: 'PUT', headers: JSON_TYPE, body: JSON.stringify({ namespace: NS, flowId: `sched${w}`, triggerId: 'yearly', disabled }),
    })));
  }],
  [1, async (url, _rng, ledger, w, n) => {
    const id = `tpl_${w}_${n}`;
    const body = { id, namespace: NS, description: `template ${n}`, tasks: [{ id: 't', type: 'io.kestra.plugin.core.log.Log', message: 'x' }] };
    await tracked(ledger, 'templates', id, `template ${n}`, () => ok(fetch(`${url}/api/v1/templates`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify(body) })));
  }],
  [1, async (url, _rng, ledger, w, n) => {
    const title = `dash_${w}_${n}`;
    await tracked(ledger, 'dashboards', title, title, async () => {
      const res = await ok(fetch(`${url}/api/v1/dashboards`, { method: 'POST', headers: YAML, body: `title: ${title}\n` }));
      ledger.dashboardIds.set(title, ((await res.json()) as { id: string }).id);
    });
  }],
];
const TOTAL_WEIGHT = OPS.reduce((s, [w]) => s + w, 0);

/**
 * Workers send writes back to back until `stopped()` says so. A write cut short by the kill (a
 * network error) stays pending; any other failure is a finding and is returned.
 */
export async function runLoad(url: string, rng: Rng, ledger: Ledger, workers: number, stopped: () => boolean, round: number): Promise<string[]> {
  const failures: string[] = [];
  let seq = 0;
  const worker = async (w: number) => {
    while (!stopped()) {
      let r = rng() * TOTAL_WEIGHT;
      let op = OPS[0]![1];
      for (const [weight, candidate] of OPS) { if ((r -= weight) < 0) { op = candidate; break; } }
      try {
        await op(url, rng, ledger, w, `${round}.${++seq}`);
      } catch (err) {
        if (!stopped()) failures.push(`worker ${w}: ${(err as Error).message}`);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return failures;
}
