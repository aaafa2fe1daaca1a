// `--kestra-version 2.0`: a route kestra-lite keeps for 0.21 must not catch a path that Kestra 2.0
// answers with one of its operations (as the 0.21 `POST /executions/{id}/restart` caught the
// create of a flow named `restart` until those routes were left unmounted in 2.0 mode). Checked on
// the route table: a refused route whose literal segments fit a 2.0 operation's parameters.

import { expect, test } from 'bun:test';
import { createGate } from '../../src/compat/gate.ts';
import { operations20 } from '../../src/compat/operations.ts';
import { testRuntime } from '../helpers/runtime.ts';

/** Known exceptions, each with its reason (none left). */
const KNOWN: Record<string, string> = {};

test('no route refused in 2.0 mode catches a path of a 2.0 operation', async () => {
  const c = await testRuntime({ kestraVersion: '2.0' });
  const gate = createGate(operations20());
  const caught: string[] = [];
  for (const r of c.rt.app.routeTable()) {
    const segments = r.path.split('/');
    const concrete = segments.map((s) => (s.startsWith(':') || s === '*' ? 'value' : s)).join('/');
    if (gate({ method: r.method, path: concrete, tenantGiven: false, template: r.path }).kind !== 'refuse') continue;
    const fits = operations20().some((op) => {
      const template = op.key.split(' ')[1]!.split('/');
      return op.method === r.method && template.length === segments.length
        && template.every((t, i) => t === segments[i] || (t === '{}' && segments[i] !== undefined));
    });
    if (fits) caught.push(`${r.method} ${r.path}`);
  }
  expect(caught.sort()).toEqual(Object.keys(KNOWN).sort());
});
