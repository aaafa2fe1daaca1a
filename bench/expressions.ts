// Expression engine throughput: renders per second of typical Kestra templates, warm cache.
// `bun bench/expressions.ts` or `npm run bench expressions`.
import { createExpressionEngine } from '../src/expressions/index.ts';

const CONTEXT: Record<string, unknown> = {
  flow: { id: 'hello-world', namespace: 'company.team', revision: 3, tenantId: 'main' },
  execution: { id: '4wjLmd3cnJCc3xFWRJqTB5', startDate: '2024-06-01T10:15:30.123456Z', originalId: '4wjLmd3cnJCc3xFWRJqTB5' },
  task: { id: 'log', type: 'io.kestra.plugin.core.log.Log' },
  taskrun: { id: '5Rn7JbPkVbtMHZHN3Wp8Jv', startDate: '2024-06-01T10:15:31.000000Z', attemptsCount: 0, value: 'eu-west-1' },
  inputs: { user: 'Kestra user', region: 'eu', count: 12, tags: ['a', 'b', 'c'] },
  outputs: {
    t: { value: 'hello from a previous task' },
    download: { uri: 'kestra:///company/team/hello-world/executions/4wj/tasks/download/abc/file.json', code: 200 },
  },
  vars: { bucket: 'my-bucket' },
  labels: { team: 'data' },
};

const TEMPLATES: [string, string][] = [
  ['{{ outputs.t.value | upper }}', '{{ outputs.t.value | upper }}'],
  ['text + 3 expressions', 'Hello {{ inputs.user }} from {{ flow.namespace }}.{{ flow.id }} ({{ execution.id }})'],
  ['for loop with whitespace control', '{%- for t in inputs.tags -%}{{ loop.index }}={{ t }}{% if not loop.last %},{% endif %}{%- endfor -%}'],
  ['?? default + ternary', "{{ inputs.missing ?? 'none' }} {{ inputs.count > 10 ? 'big' : 'small' }}"],
];

function measure(template: string, minMs = 400): number {
  const engine = createExpressionEngine({ now: () => new Date('2024-06-01T10:15:30Z') });
  engine.render(template, CONTEXT); // warm the compile cache and the JIT
  for (let i = 0; i < 20_000; i++) engine.render(template, CONTEXT);
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 10_000; i++) engine.render(template, CONTEXT);
    n += 10_000;
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
}

/** Prints one line per template and returns the figures (renders/s) keyed by label. */
export function run(): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const [label, template] of TEMPLATES) {
    const rate = measure(template);
    figures[label] = rate;
    console.log(`expressions: ${label.padEnd(34)} ${Math.round(rate).toLocaleString('en-US').padStart(11)} renders/s (target >= 200,000)`);
  }
  return figures;
}

if (import.meta.main) run();
