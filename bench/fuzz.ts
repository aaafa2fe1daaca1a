// The long variant of the hostile-input properties (test/fuzz/): random seeds, many runs, every
// property in turn until the time budget is spent. Prints runs per property and every failure
// with the seed that reproduces it (pass it to the short test to replay).
//
//   bun bench/fuzz.ts [--minutes 5] [--seed N]

import { createExpressionEngine } from '../src/expressions/index.ts';
import { createRuntime } from '../src/runtime.ts';
import { fakeClock } from '../src/shared/time/clock.ts';
import { expressionProperty, flowYamlProperty, multipartProperty, routesProperty, zipProperty, type FuzzOptions } from '../test/fuzz/properties.ts';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i < 0 ? undefined : process.argv[i + 1]; };
const minutes = Number(arg('--minutes') ?? 2);
let seed = Number(arg('--seed') ?? Date.now() % 2 ** 31);

const FLOW = 'id: hello\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n';
const rt = await createRuntime({ memory: true, flowsDir: null, clock: fakeClock() });
await rt.app.handle(new Request('http://localhost/api/v1/flows', { method: 'POST', headers: { 'content-type': 'application/x-yaml' }, body: FLOW }));
await rt.app.handle(new Request('http://localhost/api/v1/executions/company.team/hello?wait=true', { method: 'POST' }));
const routes = rt.app.routeTable();
const engine = createExpressionEngine({ secret: () => undefined, read: () => { throw new Error('no file'); } });
const context = { inputs: { a: 1, s: 'text', list: [1, 2, 3] }, outputs: {}, flow: { id: 'f', namespace: 'n' }, vars: { x: 'y' }, envs: {} };

const properties: [string, number, (o: FuzzOptions) => unknown][] = [
  ['routes', 1000, (o) => routesProperty(rt, routes, o)],
  ['multipart+zip uploads', 500, (o) => multipartProperty(rt, o)],
  ['readZip', 20_000, (o) => zipProperty(o)],
  ['flow YAML', 5000, (o) => flowYamlProperty(o)],
  ['templates', 50_000, (o) => expressionProperty(engine, context, o)],
];
const runs = new Map<string, number>();
const failures: string[] = [];
const end = Date.now() + minutes * 60_000;
while (Date.now() < end) {
  for (const [name, numRuns, prop] of properties) {
    if (Date.now() >= end) break;
    const s = seed++;
    try {
      await prop({ seed: s, numRuns });
    } catch (e) {
      failures.push(`${name} (seed ${s}): ${(e as Error).message.split('\n').slice(0, 4).join(' | ').slice(0, 600)}`);
    }
    runs.set(name, (runs.get(name) ?? 0) + numRuns);
  }
}
await rt.dispose();
console.log(`fuzz: ${minutes} min`);
for (const [name, n] of runs) console.log(`  ${name.padEnd(24)} ${n.toLocaleString('en-US')} runs`);
console.log(`  failures: ${failures.length}`);
for (const f of failures) console.log(`  - ${f}`);
process.exit(failures.length ? 1 : 0);
