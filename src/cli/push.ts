// `kestra-lite push --server URL [PATH...]`: deploys local flows to a Kestra server the way
// Kestra's own CI actions do — one `POST /api/v1/{tenant}/flows/{namespace}?delete=…` per
// namespace with the namespace's flows as YAML documents — plus namespace files
// (`files/<namespace>/<path>` → POST .../namespaces/{ns}/files), KV pairs (`kv/<namespace>.yml`,
// a map key → value → PUT .../namespaces/{ns}/kv/{key}) and test suites where the server has the
// tests API. The plan is printed first; `--dry-run` stops there. Everything is validated locally
// and the server is reached and authorized before anything changes.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { createRuntime } from '../runtime.ts';
import { isPlainObject } from '../shared/guards.ts';
import { createRemote, RemoteError, type Remote } from './remote.ts';
import { loadTree, problemLine, type Tree } from './tree.ts';

export interface PushOptions {
  server: string; paths: string[]; cwd: string; namespace?: string; delete?: boolean; user?: string; token?: string;
  tenant?: string; dryRun?: boolean; filesDir?: string; kvDir?: string; fetch?: typeof fetch;
}

const inNamespace = (ns: string, filter?: string) => !filter || ns === filter || ns.startsWith(`${filter}.`);
const enc = encodeURIComponent;

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

interface Plan {
  flows: Map<string, { create: string[]; update: string[]; remove: string[]; sources: string[] }>;
  files: { namespace: string; path: string; abs: string }[];
  kv: { namespace: string; key: string; value: unknown }[];
  suites: { namespace: string; id: string; source: string; exists: boolean }[];
  testsApi: boolean;
}

async function makePlan(remote: Remote, tree: Tree, opts: PushOptions): Promise<Plan> {
  const byNs = new Map<string, { id: string; source: string }[]>();
  for (const f of tree.flows) {
    if (!inNamespace(f.flow.namespace, opts.namespace)) continue;
    (byNs.get(f.flow.namespace) ?? byNs.set(f.flow.namespace, []).get(f.flow.namespace)!).push({ id: f.flow.id, source: f.flow.source });
  }
  if (opts.namespace && opts.delete && !byNs.has(opts.namespace)) byNs.set(opts.namespace, []);
  const plan: Plan = { flows: new Map(), files: [], kv: [], suites: [], testsApi: false };
  for (const [ns, flows] of [...byNs].sort(([a], [b]) => a.localeCompare(b))) {
    const remoteFlows = await remote.json<{ id: string }[]>('GET', `/flows/${enc(ns)}`);
    const remoteIds = new Set(remoteFlows.map((f) => f.id));
    const localIds = new Set(flows.map((f) => f.id));
    plan.flows.set(ns, {
      create: flows.filter((f) => !remoteIds.has(f.id)).map((f) => f.id),
      update: flows.filter((f) => remoteIds.has(f.id)).map((f) => f.id),
      remove: opts.delete ? [...remoteIds].filter((id) => !localIds.has(id)).sort() : [],
      sources: flows.map((f) => f.source),
    });
  }
  const filesRoot = resolve(opts.cwd, opts.filesDir ?? 'files');
  for (const abs of listFiles(filesRoot)) {
    const [ns, ...rest] = relative(filesRoot, abs).split(/[\\/]/);
    if (ns && rest.length && inNamespace(ns, opts.namespace)) plan.files.push({ namespace: ns, path: `/${rest.join('/')}`, abs });
  }
  const kvRoot = resolve(opts.cwd, opts.kvDir ?? 'kv');
  for (const abs of listFiles(kvRoot).filter((f) => /\.ya?ml$/i.test(f))) {
    const ns = relative(kvRoot, abs).replace(/\.ya?ml$/i, '');
    if (!inNamespace(ns, opts.namespace)) continue;
    const doc = parse(readFileSync(abs, 'utf8')) as unknown;
    if (doc === null || doc === undefined) continue;
    if (!isPlainObject(doc)) throw new RemoteError(`${relative(opts.cwd, abs)}: a KV file must be a YAML map of key: value`);
    for (const [key, value] of Object.entries(doc)) plan.kv.push({ namespace: ns, key, value });
  }
  const suites = tree.suites.filter((s) => inNamespace(s.suite.namespace, opts.namespace));
  if (suites.length) {
    plan.testsApi = (await remote.request('GET', '/tests/search?size=1')).ok;
    if (plan.testsApi) {
      for (const s of suites) {
        const exists = (await remote.request('GET', `/tests/${enc(s.suite.namespace)}/${enc(s.suite.id)}`)).ok;
        plan.suites.push({ namespace: s.suite.namespace, id: s.suite.id, source: s.source, exists });
      }
    }
  }
  return plan;
}

function printPlan(plan: Plan, tree: Tree, server: string, line: (t: string) => void): void {
  line(`Plan for ${server}:`);
  for (const [ns, p] of plan.flows) {
    for (const id of p.create) line(`  + flow ${ns}.${id}`);
    for (const id of p.update) line(`  ~ flow ${ns}.${id}`);
    for (const id of p.remove) line(`  - flow ${ns}.${id}`);
  }
  for (const f of plan.files) line(`  ~ file ${f.namespace}:${f.path}`);
  for (const k of plan.kv) line(`  ~ kv   ${k.namespace}/${k.key}`);
  for (const s of plan.suites) line(`  ${s.exists ? '~' : '+'} test ${s.namespace}.${s.id}`);
  const skipped = tree.suites.length - plan.suites.length;
  if (skipped > 0 && !plan.testsApi) line(`  (${skipped} test suite${skipped > 1 ? 's' : ''} not pushed: the server has no tests API)`);
  const n = (k: 'create' | 'update' | 'remove') => [...plan.flows.values()].reduce((t, p) => t + p[k].length, 0);
  line(`${n('create')} to create, ${n('update')} to update, ${n('remove')} to delete; ${plan.files.length} files, ${plan.kv.length} KV pairs, ${plan.suites.length} test suites`);
}

export async function push(opts: PushOptions, line: (text: string) => void): Promise<number> {
  const runtime = await createRuntime({ memory: true, flowsDir: null, watch: false, dashboard: false, fixturesDir: null, cwd: opts.cwd });
  let tree: Tree;
  try {
    tree = loadTree(opts.paths, opts.cwd, runtime.flows.parseFlow);
  } finally {
    await runtime.dispose();
  }
  // nothing is sent when any local file is broken
  if (tree.problems.length) {
    for (const p of tree.problems) line(problemLine(p));
    line('Nothing pushed: fix the files above first.');
    return 1;
  }
  try {
    const remote = createRemote({ server: opts.server, tenant: opts.tenant, user: opts.user, token: opts.token, fetch: opts.fetch });
    const plan = await makePlan(remote, tree, opts);
    printPlan(plan, tree, opts.server, line);
    if (opts.dryRun) { line('Dry run: nothing changed.'); return 0; }
    for (const [ns, p] of plan.flows) {
      await remote.json('POST', `/flows/${enc(ns)}?delete=${opts.delete === true}`, { text: p.sources.join('\n---\n') });
    }
    for (const file of plan.files) {
      const form = new FormData();
      form.set('fileContent', new File([readFileSync(file.abs)], file.path.split('/').pop()!));
      await remote.json('POST', `/namespaces/${enc(file.namespace)}/files?path=${enc(file.path)}`, { form });
    }
    for (const k of plan.kv) await remote.json('PUT', `/namespaces/${enc(k.namespace)}/kv/${enc(k.key)}`, { json: k.value });
    for (const s of plan.suites) {
      if (s.exists) await remote.json('PUT', `/tests/${enc(s.namespace)}/${enc(s.id)}`, { text: s.source });
      else await remote.json('POST', '/tests', { text: s.source });
    }
    line('Pushed.');
    return 0;
  } catch (err) {
    if (err instanceof RemoteError) { line(`kestra-lite push: ${err.message}`); return 1; }
    throw err;
  }
}
