#!/usr/bin/env bun
// Entry point: parse flags → create the runtime → serve → dispose on SIGINT/SIGTERM.

import { HELP, parseArgs, UsageError, type ServeFlags } from './cli/args.ts';
import { attachPlainLogger } from './cli/plain-logger.ts';
import { loadDashboard } from './dashboard/load.ts';
import { parseBasicAuth } from './config.ts';
import { createRuntime } from './runtime.ts';
import { VERSION } from './version.ts';
import { runOnce } from './cli/run.ts';
import { listSchedule } from './cli/schedule.ts';

/** The dashboard needs a terminal to draw on; CI logs and pipes get one plain line per event. */
function wantsDashboard(flags: ServeFlags): boolean {
  const ci = process.env.CI;
  return flags.dashboard !== false && !flags.quiet && process.stdout.isTTY === true && (ci === undefined || ci === '' || ci === '0' || ci === 'false');
}

async function serve(flags: ServeFlags, fixtures: { dir?: string; strict: boolean }): Promise<void> {
  const authText = flags.basicAuth ?? process.env.KESTRA_LITE_BASIC_AUTH;
  const envTokens = (process.env.KESTRA_LITE_API_TOKENS ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  const runtime = await createRuntime({
    port: flags.port, host: flags.host, flowsDir: flags.flows, dataDir: flags.data, memory: flags.memory,
    watch: flags.watch, dashboard: flags.dashboard, basicAuth: authText ? parseBasicAuth(authText) : undefined,
    apiTokens: [...flags.apiTokens, ...envTokens], maxBodyBytes: flags.maxBodyBytes, publicUrl: flags.publicUrl,
    fixturesDir: fixtures.dir, strictFixtures: fixtures.strict, gcAfterBursts: true,
  });
  const out = (line: string) => process.stdout.write(line + '\n');
  const { config } = runtime;
  let stopDashboard: (() => Promise<void>) | undefined;
  let detach = () => {};
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopDashboard?.(); // give the terminal back before anything else
    detach();
    await runtime.dispose();
    process.exit(0);
  };

  if (wantsDashboard(flags)) {
    const url = await runtime.listen();
    const { startDashboard, runtimeDeps } = await loadDashboard();
    const info = {
      url, flowsDir: config.flowsDir ?? undefined, watching: config.watch, version: VERSION, auth: !!config.basicAuth,
      storage: config.memory ? 'in memory' : `persisted in ${config.dataDir}`,
    };
    const dashboard = startDashboard(runtimeDeps(runtime, info, () => void stop()));
    stopDashboard = () => dashboard.stop();
  } else {
    if (!flags.quiet) detach = attachPlainLogger(runtime.events, out, runtime.clock.now, { format: flags.logFormat });
    const url = await runtime.listen();
    const banner = [
      `kestra-lite ${VERSION} listening on ${url}`,
      `  flows directory: ${config.flowsDir ?? '(none)'}${config.watch ? ' (watching)' : ''}`,
      `  fixtures: ${config.fixturesDir ?? '(none)'}${config.strictFixtures ? ' (strict)' : ''}`,
      `  storage: ${config.memory ? 'in memory' : `persisted in ${config.dataDir}`}`,
      `  basic auth: ${config.basicAuth ? 'on' : 'off'}`,
    ];
    if (flags.logFormat === 'json') {
      out(JSON.stringify({
        time: new Date(runtime.clock.now()).toISOString(), level: 'INFO', event: 'server.started', message: banner[0], url,
        flowsDir: config.flowsDir ?? null, watching: config.watch, fixturesDir: config.fixturesDir ?? null, strictFixtures: config.strictFixtures,
        storage: config.memory ? 'memory' : config.dataDir, basicAuth: config.basicAuth ? 'on' : 'off',
      }));
    } else banner.forEach(out);
  }

  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

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
      await serve(args.serve, { dir: args.fixtures, strict: args.strictFixtures });
    } catch (err) {
      process.stderr.write(`kestra-lite: ${(err as Error).message}\n`);
      return 1;
    }
    return -1; // keep running
  }
  if (args.command === 'schedule') {
    const file = args.rest[0];
    if (!file) { process.stderr.write(`schedule needs a flow file\n\n${HELP}`); return 2; }
    return listSchedule({ file, from: args.from, count: args.count, now: Date.now() }, (l) => process.stdout.write(l + '\n'));
  }
  if (args.command === 'run') {
    const file = args.rest[0];
    if (!file) { process.stderr.write(`run needs a flow file\n\n${HELP}`); return 2; }
    try {
      return await runOnce({ file, inputs: args.inputs, fixtures: args.fixtures, strictFixtures: args.strictFixtures }, (l) => process.stdout.write(l + '\n'));
    } catch (err) {
      process.stderr.write(`kestra-lite: ${(err as Error).message}\n`);
      return 1;
    }
  }
  process.stderr.write(`Unknown command: ${args.command}\n\n${HELP}`);
  return 2;
}

// no top-level await: the compiled binary is built as bytecode, which needs a CommonJS-style entry
void main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exit(code);
});
