#!/usr/bin/env bun
// Entry point: parse flags, then load only the command that runs (start-up pays for nothing else).
// This is the one place that reads `process.env`; commands get it as an argument.

import { HELP, parseArgs, UsageError } from './cli/args.ts';
import { UnsupportedKestraVersionError } from './shared/kestra-version.ts';
import { VERSION } from './version.ts';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) { process.stderr.write(`${err.message}\n\n${HELP}`); return 2; }
    throw err;
  }
  if (args.version) { process.stdout.write(`${VERSION}\n`); return 0; }
  if (args.help || !args.command) { process.stdout.write(HELP); return args.help ? 0 : 2; }
  if (args.command === 'serve') {
    try {
      const { serve } = await import('./cli/serve.ts');
      await serve(args.serve, { dir: args.fixtures, strict: args.strictFixtures }, process.env);
    } catch (err) {
      process.stderr.write(`kestra-lite: ${(err as Error).message}\n`);
      return err instanceof UnsupportedKestraVersionError ? 2 : 1;
    }
    return -1; // keep running
  }
  if (args.command === 'schedule') {
    const file = args.rest[0];
    if (!file) { process.stderr.write(`schedule needs a flow file\n\n${HELP}`); return 2; }
    const { listSchedule } = await import('./cli/schedule.ts');
    return listSchedule({ file, from: args.from, count: args.count, now: Date.now(), env: process.env }, (l) => process.stdout.write(l + '\n'));
  }
  if (args.command === 'run') {
    const file = args.rest[0];
    if (!file) { process.stderr.write(`run needs a flow file\n\n${HELP}`); return 2; }
    try {
      const { runOnce } = await import('./cli/run.ts');
      return await runOnce({ file, inputs: args.inputs, fixtures: args.fixtures, strictFixtures: args.strictFixtures, secretsFile: args.serve.secretsFile, env: process.env }, (l) => process.stdout.write(l + '\n'));
    } catch (err) {
      process.stderr.write(`kestra-lite: ${(err as Error).message}\n`);
      return 1;
    }
  }
  if (args.command === 'test' || args.command === 'validate' || args.command === 'push') {
    const { runTool } = await import('./cli/tools.ts');
    return runTool(args.command, args, process.env);
  }
  process.stderr.write(`Unknown command: ${args.command}\n\n${HELP}`);
  return 2;
}

// no top-level await: the compiled binary is built as bytecode, which needs a CommonJS-style entry
void main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exit(code);
});
