// `kestra-lite push --server URL [PATH...]`: deploys local flows to a Kestra server the way
// Kestra's own CI actions do — `POST /api/v1/{tenant}/flows/{namespace}` with the namespace's
// flows as YAML documents — plus namespace files (`files/<namespace>/<path>` → POST
// .../namespaces/{ns}/files), KV pairs (`kv/<namespace>.yml`, a map key → value → PUT
// .../namespaces/{ns}/kv/{key}) and test suites where the server has the tests API. Only what
// differs from the server is sent (push-plan.ts); `--delete` removes the namespace's flows that
// exist only on the server. The plan is printed first; `--dry-run` stops there. Everything is
// validated locally and the server is reached and authorized before anything changes.

import { readFileSync } from 'node:fs';
import { createRuntime } from '../runtime.ts';
import { makePlan, type Change, type Plan } from './push-plan.ts';
import { createRemote, RemoteError } from './remote.ts';
import { loadTree, problemLine, type Tree } from './tree.ts';

export interface PushOptions {
  server: string; paths: string[]; cwd: string; namespace?: string; delete?: boolean; user?: string; token?: string;
  tenant?: string; dryRun?: boolean; filesDir?: string; kvDir?: string; fetch?: typeof fetch;
  /** where a suite's flow is looked up to check the suite (never pushed from there); default ./flows */
  flowsDir?: string;
}

const enc = encodeURIComponent;
const tail = (c: Change) => (c === '=' ? ' (unchanged)' : '');
const count = <T extends { change: Change }>(items: T[]) =>
  `${items.filter((i) => i.change !== '=').length} to send, ${items.filter((i) => i.change === '=').length} unchanged`;

function printPlan(plan: Plan, tree: Tree, server: string, line: (t: string) => void): void {
  line(`Plan for ${server}:`);
  for (const [ns, p] of plan.flows) {
    for (const id of p.create) line(`  + flow ${ns}.${id}`);
    for (const id of p.update) line(`  ~ flow ${ns}.${id}`);
    for (const id of p.unchanged) line(`  = flow ${ns}.${id} (unchanged)`);
    for (const id of p.remove) line(`  - flow ${ns}.${id}`);
  }
  for (const f of plan.files) line(`  ${f.change} file ${f.namespace}:${f.path}${tail(f.change)}`);
  for (const k of plan.kv) line(`  ${k.change} kv   ${k.namespace}/${k.key}${tail(k.change)}`);
  for (const s of plan.suites) line(`  ${s.change} test ${s.namespace}.${s.id}${tail(s.change)}`);
  const skipped = tree.suites.length - plan.suites.length;
  if (skipped > 0 && !plan.testsApi) line(`  (${skipped} test suite${skipped > 1 ? 's' : ''} not pushed: the server has no tests API)`);
  const n = (k: 'create' | 'update' | 'unchanged' | 'remove') => [...plan.flows.values()].reduce((t, p) => t + p[k].length, 0);
  line(`Flows: ${n('create')} to create, ${n('update')} to update, ${n('unchanged')} unchanged, ${n('remove')} to delete; `
    + `files: ${count(plan.files)}; KV pairs: ${count(plan.kv)}; test suites: ${count(plan.suites)}`);
}

const nothingToDo = (plan: Plan) => [...plan.flows.values()].every((p) => !p.sources.length && !p.remove.length)
  && [...plan.files, ...plan.kv, ...plan.suites].every((i) => i.change === '=');

export async function push(opts: PushOptions, line: (text: string) => void): Promise<number> {
  const runtime = await createRuntime({ memory: true, flowsDir: null, watch: false, dashboard: false, fixturesDir: null, cwd: opts.cwd });
  let tree: Tree;
  try {
    tree = loadTree(opts.paths, opts.cwd, runtime.flows.parseFlow, opts.flowsDir ?? 'flows');
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
    if (nothingToDo(plan)) { line('Nothing to push: the server is up to date.'); return 0; }
    for (const [ns, p] of plan.flows) {
      // unchanged flows are left out, so the namespace update never deletes; --delete removes one by one
      if (p.sources.length) await remote.json('POST', `/flows/${enc(ns)}?delete=false`, { text: p.sources.join('\n---\n') });
      for (const id of p.remove) await remote.json('DELETE', `/flows/${enc(ns)}/${enc(id)}`);
    }
    for (const file of plan.files.filter((f) => f.change !== '=')) {
      const form = new FormData();
      form.set('fileContent', new File([readFileSync(file.abs)], file.path.split('/').pop()!));
      await remote.json('POST', `/namespaces/${enc(file.namespace)}/files?path=${enc(file.path)}`, { form });
    }
    for (const k of plan.kv.filter((i) => i.change !== '=')) await remote.json('PUT', `/namespaces/${enc(k.namespace)}/kv/${enc(k.key)}`, { json: k.value });
    for (const s of plan.suites.filter((i) => i.change !== '=')) {
      if (s.change === '~') await remote.json('PUT', `/tests/${enc(s.namespace)}/${enc(s.id)}`, { text: s.source });
      else await remote.json('POST', '/tests', { text: s.source });
    }
    line('Pushed.');
    return 0;
  } catch (err) {
    if (err instanceof RemoteError) { line(`kestra-lite push: ${err.message}`); return 1; }
    throw err;
  }
}
