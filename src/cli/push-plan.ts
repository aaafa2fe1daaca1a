// What `kestra-lite push` would change: each local flow, namespace file, KV pair and test suite
// compared with what the server holds, so that only what differs is sent. Flows and test suites
// compare by source as Kestra stores it: Kestra trims each document of a namespace update (it
// splits the payload on `---`), so surrounding blank lines and the final newline never count, nor
// do Windows line endings.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { isPlainObject } from '../shared/guards.ts';
import { RemoteError, type Remote } from './remote.ts';
import type { Tree } from './tree.ts';

export interface PlanScope { cwd: string; namespace?: string; delete?: boolean; filesDir?: string; kvDir?: string }

/** `+` new on the server, `~` differs from it, `=` the same (not sent) */
export type Change = '+' | '~' | '=';

export interface Plan {
  flows: Map<string, { create: string[]; update: string[]; unchanged: string[]; remove: string[]; sources: string[] }>;
  files: { namespace: string; path: string; abs: string; change: Change }[];
  kv: { namespace: string; key: string; value: unknown; change: Change }[];
  suites: { namespace: string; id: string; source: string; change: Change }[];
  testsApi: boolean;
}

const inNamespace = (ns: string, filter?: string) => !filter || ns === filter || ns.startsWith(`${filter}.`);
const enc = encodeURIComponent;

/** a YAML source as Kestra keeps it, for comparison only */
export const storedForm = (source: string) => source.replace(/\r\n?/g, '\n').trim();

function listFiles(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) visit(abs); else out.push(abs);
    }
  };
  if (existsSync(root) && statSync(root).isDirectory()) visit(root);
  return out;
}

/** the body of a 2xx answer, undefined on 404 (absent); other failures throw */
async function remoteBody(remote: Remote, path: string): Promise<Response | undefined> {
  const res = await remote.request('GET', path);
  if (res.status === 404 || res.status === 410) return undefined; // 410: an expired KV pair
  if (!res.ok) await remote.json('GET', path); // throws with the server's message
  return res;
}

async function remoteSource(remote: Remote, path: string): Promise<string | undefined> {
  const res = await remoteBody(remote, path);
  if (!res) return undefined;
  const body = (await res.json()) as { source?: unknown };
  return typeof body.source === 'string' ? body.source : '';
}

/** deep equality of JSON values (key order ignored) */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return false;
}

async function planFlows(remote: Remote, tree: Tree, scope: PlanScope): Promise<Plan['flows']> {
  const byNs = new Map<string, { id: string; source: string }[]>();
  for (const f of tree.flows) {
    if (!inNamespace(f.flow.namespace, scope.namespace)) continue;
    (byNs.get(f.flow.namespace) ?? byNs.set(f.flow.namespace, []).get(f.flow.namespace)!).push({ id: f.flow.id, source: f.flow.source });
  }
  if (scope.namespace && scope.delete && !byNs.has(scope.namespace)) byNs.set(scope.namespace, []);
  const plan: Plan['flows'] = new Map();
  for (const [ns, flows] of [...byNs].sort(([a], [b]) => a.localeCompare(b))) {
    const remoteIds = new Set((await remote.json<{ id: string }[]>('GET', `/flows/${enc(ns)}`)).map((f) => f.id));
    const p = { create: [] as string[], update: [] as string[], unchanged: [] as string[], remove: [] as string[], sources: [] as string[] };
    for (const f of flows) {
      const theirs = remoteIds.has(f.id) ? await remoteSource(remote, `/flows/${enc(ns)}/${enc(f.id)}?source=true`) : undefined;
      if (theirs !== undefined && storedForm(theirs) === storedForm(f.source)) { p.unchanged.push(f.id); continue; }
      (theirs === undefined ? p.create : p.update).push(f.id);
      p.sources.push(f.source);
    }
    const localIds = new Set(flows.map((f) => f.id));
    if (scope.delete) p.remove = [...remoteIds].filter((id) => !localIds.has(id)).sort();
    plan.set(ns, p);
  }
  return plan;
}

async function planFiles(remote: Remote, scope: PlanScope): Promise<Plan['files']> {
  const root = resolve(scope.cwd, scope.filesDir ?? 'files');
  const out: Plan['files'] = [];
  for (const abs of listFiles(root)) {
    const [ns, ...rest] = relative(root, abs).split(/[\\/]/);
    if (!ns || !rest.length || !inNamespace(ns, scope.namespace)) continue;
    const path = `/${rest.join('/')}`;
    const res = await remoteBody(remote, `/namespaces/${enc(ns)}/files?path=${enc(path)}`);
    const change: Change = !res ? '+' : Buffer.from(await res.arrayBuffer()).equals(readFileSync(abs)) ? '=' : '~';
    out.push({ namespace: ns, path, abs, change });
  }
  return out;
}

async function planKv(remote: Remote, scope: PlanScope): Promise<Plan['kv']> {
  const root = resolve(scope.cwd, scope.kvDir ?? 'kv');
  const out: Plan['kv'] = [];
  for (const abs of listFiles(root).filter((f) => /\.ya?ml$/i.test(f))) {
    const ns = relative(root, abs).replace(/\.ya?ml$/i, '');
    if (!inNamespace(ns, scope.namespace)) continue;
    const doc = parse(readFileSync(abs, 'utf8')) as unknown;
    if (doc === null || doc === undefined) continue;
    if (!isPlainObject(doc)) throw new RemoteError(`${relative(scope.cwd, abs)}: a KV file must be a YAML map of key: value`);
    for (const [key, value] of Object.entries(doc)) {
      const res = await remoteBody(remote, `/namespaces/${enc(ns)}/kv/${enc(key)}`);
      const theirs = res ? ((await res.json()) as { value?: unknown }).value : undefined;
      out.push({ namespace: ns, key, value, change: !res ? '+' : sameJson(theirs, value) ? '=' : '~' });
    }
  }
  return out;
}

export async function makePlan(remote: Remote, tree: Tree, scope: PlanScope): Promise<Plan> {
  const plan: Plan = { flows: await planFlows(remote, tree, scope), files: await planFiles(remote, scope), kv: await planKv(remote, scope), suites: [], testsApi: false };
  const suites = tree.suites.filter((s) => inNamespace(s.suite.namespace, scope.namespace));
  if (suites.length) {
    plan.testsApi = (await remote.request('GET', '/tests/search?size=1')).ok;
    if (plan.testsApi) {
      for (const s of suites) {
        const theirs = await remoteSource(remote, `/tests/${enc(s.suite.namespace)}/${enc(s.suite.id)}`);
        const change: Change = theirs === undefined ? '+' : storedForm(theirs) === storedForm(s.source) ? '=' : '~';
        plan.suites.push({ namespace: s.suite.namespace, id: s.suite.id, source: s.source, change });
      }
    }
  }
  return plan;
}
