// Issue-4 figures: kill-to-KILLED latency of a running execution (Sleep and Parallel), and
// ForEachItem over a 10,000-line file (time and peak RSS), in-process with the real engine.

import { createRuntime } from '../src/runtime.ts';
import { fmt, percentile } from './lib.ts';

async function http(rt: Awaited<ReturnType<typeof createRuntime>>, method: string, path: string, body?: NonNullable<RequestInit['body']>, type?: string) {
  return rt.app.handle(new Request(`http://localhost${path}`, { method, body, headers: type ? { 'content-type': type } : {} }));
}

export async function killLatency(samples = 200) {
  const rt = await createRuntime({ memory: true, flowsDir: null, fixturesDir: null, dashboard: false });
  try {
    await http(rt, 'POST', '/api/v1/flows', 'id: sleepy\nnamespace: bench\ntasks:\n  - id: par\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n      - id: a\n        type: io.kestra.plugin.core.flow.Sleep\n        duration: PT1H\n      - id: b\n        type: io.kestra.plugin.core.flow.Sleep\n        duration: PT1H\n', 'application/x-yaml');
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const created = await (await http(rt, 'POST', '/api/v1/executions/bench/sleepy')).json() as { id: string };
      await new Promise((r) => setImmediate(r));
      const done = rt.engine.waitForTerminal('main', created.id)!;
      const t = performance.now();
      await http(rt, 'DELETE', `/api/v1/executions/${created.id}/kill`);
      const final = await done;
      times.push(performance.now() - t);
      if (final.state.current !== 'KILLED') throw new Error(`expected KILLED, got ${final.state.current}`);
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99) };
  } finally {
    await rt.dispose();
  }
}

export async function forEachItem(lines = 10_000) {
  const rt = await createRuntime({ memory: true, flowsDir: null, fixturesDir: null, dashboard: false });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  try {
    await http(rt, 'POST', '/api/v1/flows', 'id: line\nnamespace: bench\ninputs:\n  - id: batch\n    type: FILE\ntasks:\n  - id: read\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ read(inputs.batch) | trim }}"\n', 'application/x-yaml');
    await http(rt, 'POST', '/api/v1/flows', 'id: fan\nnamespace: bench\ninputs:\n  - id: file\n    type: FILE\ntasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEachItem\n    items: "{{ inputs.file }}"\n    namespace: bench\n    flowId: line\n    inputs:\n      batch: "{{ taskrun.items }}"\n', 'application/x-yaml');
    const form = new FormData();
    form.append('files', new File([Array.from({ length: lines }, (_, i) => `item-${i}`).join('\n') + '\n'], 'file'));
    const t = performance.now();
    const res = await (await http(rt, 'POST', '/api/v1/executions/bench/fan?wait=true', form)).json() as { state: { current: string } };
    const ms = performance.now() - t;
    if (res.state.current !== 'SUCCESS') throw new Error(`ForEachItem ended ${res.state.current}`);
    return { ms, peakMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
    await rt.dispose();
  }
}

export async function run() {
  return { kill: await killLatency(), forEachItem: await forEachItem() };
}

export function print(r: Awaited<ReturnType<typeof run>>) {
  console.log(`kill-to-KILLED (Parallel of two Sleeps): p50 ${fmt(r.kill.p50, 2)} ms, p99 ${fmt(r.kill.p99, 2)} ms (target <= 50 ms)`);
  console.log(`ForEachItem over 10,000 items: ${fmt(r.forEachItem.ms)} ms, peak RSS ${fmt(r.forEachItem.peakMb, 1)} MB (target <= 10 s, <= 300 MB)`);
}

if (import.meta.main) print(await run());
