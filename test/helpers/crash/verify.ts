// After a restart: every acknowledged write is there (or the newer write that was in flight),
// the flows directory agrees with the API, every execution reaches a terminal state, and a
// SUCCESS execution has all its logs, outputs and metrics.

import { Database } from 'bun:sqlite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NS, type Area, type Ledger, type Slot } from './load.ts';

const TERMINAL = new Set(['SUCCESS', 'WARNING', 'FAILED', 'KILLED', 'CANCELLED', 'RETRIED', 'SKIPPED']);

async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* plain text */ }
  return { status: res.status, body };
}

/** `PRAGMA integrity_check` on the database file, with the server stopped. */
export function integrityCheck(dataDir: string): string {
  const db = new Database(join(dataDir, 'kestra-lite.db'));
  try {
    return db.query<{ integrity_check: string }, []>('PRAGMA integrity_check').all().map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

const allowed = (slot: Slot<string>) => [slot.acked, slot.pending].filter((v) => v !== undefined);

/** Reads what the server holds for one key of an area; undefined = absent. */
async function readBack(url: string, area: Area, key: string, ledger: Ledger, dataDir: string): Promise<string | undefined> {
  switch (area) {
    case 'flows': {
      const r = await getJson(`${url}/api/v1/flows/${NS}/${key}`);
      if (r.status !== 200) return undefined;
      // The flows directory is the source of truth on start-up: its file must say the same.
      let file = '';
      try { file = readFileSync(join(dataDir, 'flows', `${NS}.${key}.yml`), 'utf8'); } catch { /* checked below */ }
      if (!file.includes(`description: ${r.body.description}\n`)) return `api ${r.body.description} but file ${JSON.stringify(file.slice(0, 80))}`;
      return r.body.description;
    }
    case 'kv': {
      const r = await getJson(`${url}/api/v1/namespaces/${NS}/kv/${key}`);
      return r.status === 200 ? r.body.value : undefined;
    }
    case 'files': {
      const r = await fetch(`${url}/api/v1/namespaces/${NS}/files?path=${encodeURIComponent(key)}`);
      const text = await r.text();
      return r.status === 200 ? text : undefined;
    }
    case 'triggers': {
      const r = await getJson(`${url}/api/v1/triggers/${NS}/${key}`);
      const list = Array.isArray(r.body) ? r.body : r.body?.results ?? [];
      const t = list.find((x: any) => x.triggerId === 'yearly' || x.id === 'yearly');
      return t ? String(!!t.disabled) : undefined;
    }
    case 'templates': {
      const r = await getJson(`${url}/api/v1/templates/${NS}/${key}`);
      return r.status === 200 ? r.body.description : undefined;
    }
    case 'dashboards': {
      const id = ledger.dashboardIds.get(key);
      if (!id) return undefined;
      const r = await getJson(`${url}/api/v1/dashboards/${id}`);
      return r.status === 200 ? r.body.title : undefined;
    }
  }
}

export interface Verdict { checked: number; failures: string[] }

/** Waits (bounded) until no execution is non-terminal; returns those still running after the bound. */
async function settle(url: string, timeoutMs: number): Promise<any[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await getJson(`${url}/api/v1/executions/search?namespace=${NS}&size=10000`);
    const running = (r.body.results as any[]).filter((e) => !TERMINAL.has(e.state.current));
    if (running.length === 0 || Date.now() > end) return running;
    await Bun.sleep(50); // a real process on a real clock: polling is the only way to watch it
  }
}

export async function verify(url: string, ledger: Ledger, dataDir: string): Promise<Verdict> {
  const failures: string[] = [];
  let checked = 0;
  for (const area of Object.keys(ledger.slots) as Area[]) {
    for (const [key, slot] of ledger.slots[area]) {
      const ok = allowed(slot);
      if (slot.acked === undefined) continue; // never acknowledged: anything goes
      checked++;
      const found = await readBack(url, area, key, ledger, dataDir);
      if (found === undefined || !ok.includes(found)) {
        failures.push(`${area} ${key}: expected ${ok.map((v) => JSON.stringify(v.slice(0, 40))).join(' or ')}, found ${JSON.stringify(found?.slice(0, 80))}`);
      } else if (found === slot.pending) {
        slot.acked = found; // the in-flight write landed: it is the value from now on
        slot.pending = undefined;
      }
    }
  }
  const stuck = await settle(url, 20_000);
  for (const e of stuck) failures.push(`execution ${e.id} still ${e.state.current} after recovery`);
  for (const id of ledger.executions) {
    checked++;
    const r = await getJson(`${url}/api/v1/executions/${id}`);
    if (r.status !== 200) { failures.push(`execution ${id}: HTTP ${r.status}`); continue; }
    if (r.body.state.current !== 'SUCCESS') { failures.push(`execution ${id} ended ${r.body.state.current}`); continue; }
    const ret = r.body.taskRunList.find((t: any) => t.taskId === 'ret');
    if (ret?.outputs?.value !== id) failures.push(`execution ${id}: output of ret is ${JSON.stringify(ret?.outputs)}`);
    const logs = await getJson(`${url}/api/v1/logs/${id}`);
    const messages = (logs.body as any[]).map((l) => l.message);
    for (const m of [`start ${id}`, `end ${id}`]) if (!messages.includes(m)) failures.push(`execution ${id}: log '${m}' missing`);
    const metrics = await getJson(`${url}/api/v1/metrics/${id}`);
    const list = Array.isArray(metrics.body) ? metrics.body : metrics.body.results ?? [];
    if (!list.some((m: any) => m.name === 'length')) failures.push(`execution ${id}: metric 'length' missing`);
  }
  return { checked, failures };
}
