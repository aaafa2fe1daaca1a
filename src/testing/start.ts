// What both entry points share: check the options, start a server through a backend (in-process
// or child process), then configure it through its own API (flows, fixture documents) — the same
// calls in both modes. A failure after the server started stops it before rejecting.

import { createClient } from './client.ts';
import { readFlowDirectory, type FlowSource } from './flow-files.ts';
import { planOf, type StartPlan } from './options.ts';
import { KestraLiteError, type KestraLite, type KestraLiteOptions } from './types.ts';

const contentTypeOf = (doc: string) => (doc.trimStart().startsWith('{') ? 'application/json' : 'application/x-yaml');

export interface Started { url: string; stop(): Promise<void> }
export type Backend = (plan: StartPlan) => Promise<Started>;

export async function startWith(backend: Backend, mode: KestraLite['mode'], options: KestraLiteOptions = {}): Promise<KestraLite> {
  const plan = planOf(options);
  // read before starting: a missing directory must not leave a server behind
  const flows: FlowSource[] = typeof options.flows === 'string' ? readFlowDirectory(options.flows) : (options.flows ?? []).map((source) => ({ source }));
  const fixtureDocs = Array.isArray(options.fixtures) ? options.fixtures as readonly string[] : [];
  const started = await backend(plan);
  const addFixtures = async (kl: KestraLite) => {
    for (const [i, doc] of fixtureDocs.entries()) {
      const res = await kl.fetch('/_kestra-lite/fixtures', { method: 'POST', headers: { 'content-type': contentTypeOf(doc), 'x-kestra-lite-harness': '1' }, body: doc });
      if (!res.ok) throw new KestraLiteError(res.status, `fixtures[${i}] refused: ${await res.text()}`);
    }
  };
  const kl = createClient({
    url: started.url, mode, tenant: options.tenant, basicAuth: plan.basicAuth, adminToken: plan.adminToken,
    stop: started.stop, afterReset: addFixtures,
  });
  try {
    await addFixtures(kl);
    for (const [i, flow] of flows.entries()) {
      try {
        await kl.deployFlow(flow.source);
      } catch (err) {
        throw new KestraLiteError((err as KestraLiteError).status ?? 0, `${flow.file ?? `flows[${i}]`}: ${(err as Error).message}`);
      }
    }
  } catch (err) {
    await kl.stop();
    throw err;
  }
  return kl;
}
