// Dispatch of `test`, `validate` and `push` (loaded lazily by cli.ts): flags → options, output
// to the terminal (a live progress line when stdout is a TTY and not CI).

import type { Env } from '../shared/env.ts';
import type { ParsedArgs } from './args.ts';

const write = (text: string) => void process.stdout.write(`${text}\n`);

export async function runTool(command: 'test' | 'validate' | 'push', args: ParsedArgs, env: Env): Promise<number> {
  const cwd = process.cwd();
  const flowsDir = args.serve.flows ?? 'flows';
  const paths = args.rest.length ? args.rest : [flowsDir];
  const t = args.tool;
  try {
    if (command === 'validate') {
      const { validateTree } = await import('./validate.ts');
      return await validateTree({ paths, cwd, flowsDir }, write);
    }
    if (command === 'push') {
      const server = t.server ?? env.KESTRA_URL;
      if (!server) { process.stderr.write('push needs --server URL (or KESTRA_URL)\n'); return 2; }
      const { push } = await import('./push.ts');
      return await push({
        server, paths, cwd, namespace: t.namespace, delete: t.delete, user: t.user ?? env.KESTRA_USER, token: t.token ?? env.KESTRA_TOKEN,
        tenant: t.tenant, dryRun: t.dryRun, filesDir: t.files, kvDir: t.kv, flowsDir,
      }, write);
    }
    const { runTests } = await import('./test.ts');
    const tty = process.stdout.isTTY === true && env.CI !== 'true';
    let liveShown = false;
    const out = {
      line: (text: string) => {
        if (liveShown) { process.stdout.write('\r\x1b[2K'); liveShown = false; }
        write(text);
      },
      ...(tty ? { live: (text: string) => { process.stdout.write(`\r\x1b[2K${text}`); liveShown = text !== ''; } } : {}),
    };
    return await runTests({
      paths, cwd, filter: t.filter, junit: t.junit, fixtures: args.fixtures ?? undefined, server: t.server, user: t.user ?? env.KESTRA_USER,
      token: t.token ?? env.KESTRA_TOKEN, tenant: t.tenant, env, realClock: t.realClock, flowsDir,
    }, out);
  } catch (err) {
    process.stderr.write(`kestra-lite ${command}: ${(err as Error).message}\n`);
    return 2;
  }
}
