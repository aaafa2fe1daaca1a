// `kestra-lite test` wall time: N test cases of a 5-task flow (a Return, a mocked HTTP call,
// a Log, an If, an output) in one suite, run as the CLI runs them (a fresh process:
// `bun src/cli.ts test DIR`, start-up included). Targets: 100 cases ≤ 1 s, 1,000 cases ≤ 5 s.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUN, fmt } from './lib.ts';

const FLOW = `id: five
namespace: bench
inputs:
  - id: n
    type: INT
    defaults: 1
tasks:
  - id: compute
    type: io.kestra.plugin.core.debug.Return
    format: "{{ inputs.n * 2 }}"
  - id: fetch
    type: io.kestra.plugin.core.http.Request
    uri: https://example.invalid
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: "{{ outputs.compute.value }} {{ outputs.fetch.code }}"
  - id: check
    type: io.kestra.plugin.core.flow.If
    condition: "{{ outputs.fetch.code == 200 }}"
    then:
      - id: ok
        type: io.kestra.plugin.core.output.OutputValues
        values: {status: ok}
outputs:
  - id: doubled
    type: STRING
    value: "{{ outputs.compute.value }}"
`;

function suite(cases: number): string {
  const out = ['id: five_tests', 'namespace: bench', 'flowId: five', 'testCases:'];
  for (let i = 0; i < cases; i++) {
    out.push(`  - id: case_${i}`, '    type: io.kestra.core.tests.flow.UnitTest', '    fixtures:', `      inputs: {n: ${i}}`, '      tasks:',
      '        - id: fetch', '          outputs: {code: 200}', '    assertions:',
      '      - value: "{{ outputs.compute.value }}"', `        equalTo: "${i * 2}"`,
      '      - value: "{{ outputs.ok.values.status }}"', '        equalTo: ok');
  }
  return `${out.join('\n')}\n`;
}

async function wallMs(dir: string): Promise<number> {
  const t0 = performance.now();
  const p = Bun.spawn([BUN, join(import.meta.dir, '../src/cli.ts'), 'test', dir], { stdout: 'pipe', stderr: 'pipe', env: { ...process.env, CI: 'true' } });
  const [out, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
  const ms = performance.now() - t0;
  if (code !== 0) throw new Error(`kestra-lite test exited ${code}:\n${out.slice(-2000)}`);
  return ms;
}

export async function run(sizes = [100, 1000], repeats = 3): Promise<{ cases: number; medianMs: number; bestMs: number }[]> {
  const results = [];
  for (const cases of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'kl-bench-tests-'));
    try {
      writeFileSync(join(dir, 'five.yml'), FLOW);
      writeFileSync(join(dir, 'five.tests.yml'), suite(cases));
      const times: number[] = [];
      for (let i = 0; i < repeats; i++) times.push(await wallMs(dir));
      times.sort((a, b) => a - b);
      results.push({ cases, medianMs: times[Math.floor(times.length / 2)]!, bestMs: times[0]! });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}

export function print(rows: Awaited<ReturnType<typeof run>>): void {
  for (const r of rows) {
    const target = r.cases <= 100 ? 1000 : 5000;
    console.log(`kestra-lite test, ${r.cases} cases of a 5-task flow: median ${fmt(r.medianMs, 0)} ms wall, best ${fmt(r.bestMs, 0)} ms (target <= ${target} ms)`);
  }
}

if (import.meta.main) print(await run());
