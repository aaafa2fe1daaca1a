// `kestra-lite serve`: create the runtime from flags and environment, listen, then either the
// terminal dashboard (a TTY outside CI) or plain log lines; dispose on SIGINT/SIGTERM.

import type { ServeFlags } from './args.ts';
import { interactive } from './jit.ts';
import { attachPlainLogger } from './plain-logger.ts';
import { loadDashboard } from '../dashboard/load.ts';
import { parseBasicAuth } from '../config.ts';
import { createRuntime } from '../runtime.ts';
import { parseCorsOrigins } from '../http/cors.ts';
import { envSettings, type Env, type EnvSettings } from '../shared/env.ts';
import { parseKestraVersion } from '../shared/kestra-version.ts';
import { VERSION } from '../version.ts';

/** The dashboard needs a terminal to draw on; CI logs and pipes get one plain line per event. */
function wantsDashboard(flags: ServeFlags, settings: EnvSettings): boolean {
  return flags.dashboard !== false && !flags.quiet && process.stdout.isTTY === true && !settings.ci;
}

export async function serve(flags: ServeFlags, fixtures: { dir?: string | null; strict: boolean }, env: Env): Promise<void> {
  const settings = envSettings(env);
  const authText = flags.basicAuth ?? settings.basicAuth;
  const envTokens = settings.apiTokens;
  // the flag was checked while parsing; the variable is checked here (both refuse with exit code 2)
  const kestraVersion = flags.kestraVersion ?? (settings.kestraVersion === undefined ? undefined : parseKestraVersion(settings.kestraVersion));
  const runtime = await createRuntime({
    port: flags.port, host: flags.host, flowsDir: flags.flows, dataDir: flags.data, memory: flags.memory,
    watch: flags.watch, dashboard: flags.dashboard, basicAuth: authText ? parseBasicAuth(authText) : undefined,
    apiTokens: [...flags.apiTokens, ...envTokens], maxBodyBytes: flags.maxBodyBytes, publicUrl: flags.publicUrl,
    fixturesDir: fixtures.dir, strictFixtures: fixtures.strict, secretsFile: flags.secretsFile, gcAfterBursts: true, env, kestraVersion,
    clock: flags.clock, now: flags.now, seed: flags.seed, importFile: flags.importFile, adminToken: flags.adminToken, journalSize: flags.journalSize,
    corsOrigins: flags.cors ? parseCorsOrigins(flags.cors) : undefined, maxStreamsPerClient: flags.maxStreams,
    renderMaxSize: flags.renderMaxSize, renderMaxIterations: flags.renderMaxIterations, renderTimeoutMs: flags.renderTimeoutMs,
    maxOutputsBytes: flags.maxOutputsBytes, timeZone: flags.timeZone, listenEarly: true,
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
    if (flags.exportOnExit) {
      try {
        await Bun.write(flags.exportOnExit, JSON.stringify(runtime.services.admin.state.exportDocument()));
      } catch (err) {
        process.stderr.write(`kestra-lite: cannot write ${flags.exportOnExit}: ${(err as Error).message}\n`);
      }
    }
    await runtime.dispose();
    process.exit(0);
  };

  if (wantsDashboard(flags, settings)) {
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
      `  clock: ${flags.clock === 'fake' ? `fake, at ${new Date(runtime.clock.now()).toISOString()}` : 'system'}; admin API: /_kestra-lite/${config.adminToken ? ' (token required)' : ''}`,
      `  Kestra API: ${config.kestraVersion}`,
    ];
    if (flags.logFormat === 'json') {
      out(JSON.stringify({
        time: new Date(runtime.clock.now()).toISOString(), level: 'INFO', event: 'server.started', message: banner[0], url,
        flowsDir: config.flowsDir ?? null, watching: config.watch, fixturesDir: config.fixturesDir ?? null, strictFixtures: config.strictFixtures,
        storage: config.memory ? 'memory' : config.dataDir, basicAuth: config.basicAuth ? 'on' : 'off', kestraVersion: config.kestraVersion,
      }));
    } else banner.forEach(out);
  }

  interactive();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The parent holds the other end of stdin: when it ends — even by SIGKILL, or a test runner that
  // never emits 'exit' — the pipe closes and so does this server.
  if (flags.exitOnStdinClose) process.stdin.on('close', () => void stop()).on('end', () => void stop()).resume();
}
