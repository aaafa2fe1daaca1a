// `kestra-lite run FILE.yml`: runs one flow in memory and prints its logs. Exit code 0 on
// SUCCESS or WARNING, 1 otherwise, 2 for a flow or input the server would refuse.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createRuntime } from '../runtime.ts';
import { interactive } from './jit.ts';
import { ApiError } from '../shared/errors.ts';
import type { Env } from '../shared/env.ts';
import type { ProvidedValue } from '../executions/inputs/inputs.ts';

export interface RunOptions { file: string; inputs: string[]; fixtures?: string | null; strictFixtures: boolean; secretsFile?: string; env?: Env }

function parseInputs(pairs: string[]): Map<string, ProvidedValue> {
  const out = new Map<string, ProvidedValue>();
  for (const pair of pairs) {
    const i = pair.indexOf('=');
    if (i <= 0) throw new Error(`--input expects key=value, got '${pair}'`);
    const key = pair.slice(0, i);
    const value = pair.slice(i + 1);
    // key=@path uploads a file, like curl's -F
    out.set(key, value.startsWith('@') ? new File([readFileSync(value.slice(1))], basename(value.slice(1))) : value);
  }
  return out;
}

export async function runOnce(opts: RunOptions, write: (line: string) => void): Promise<number> {
  const runtime = await createRuntime({ memory: true, flowsDir: null, watch: false, dashboard: false, fixturesDir: opts.fixtures, strictFixtures: opts.strictFixtures, secretsFile: opts.secretsFile, env: opts.env });
  interactive();
  try {
    let source: string;
    try { source = readFileSync(opts.file, 'utf8'); } catch (err) { write(`cannot read ${opts.file}: ${(err as Error).message}`); return 2; }
    const off = runtime.events.on('log.created', ({ entry }) => {
      write(`${new Date(entry.timestamp).toISOString()} ${entry.level.padEnd(5)} ${entry.taskId ? `[${entry.taskId}] ` : ''}${entry.message}`);
    });
    try {
      const flow = runtime.flows.save('main', runtime.flows.parseYaml(source), 'api').record;
      const exec = await runtime.executions.create({ tenant: 'main', namespace: flow.namespace, flowId: flow.id, inputs: parseInputs(opts.inputs) });
      const final = (await runtime.engine.waitForTerminal('main', exec.id)) ?? runtime.executions.get('main', exec.id);
      runtime.engine.flush();
      const state = final.state.current;
      write(`execution ${final.id} of ${flow.namespace}.${flow.id} ended ${state}`);
      if (final.outputs) write(`outputs: ${JSON.stringify(final.outputs)}`);
      return state === 'SUCCESS' || state === 'WARNING' ? 0 : 1;
    } catch (err) {
      if (err instanceof ApiError) { write(err.message); return 2; }
      throw err;
    } finally {
      off();
    }
  } finally {
    await runtime.dispose();
  }
}
