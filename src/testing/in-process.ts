// The in-process backend (Bun only): a runtime of this process listening on its own port. The
// harness still talks to it over HTTP, exactly as to a child process, so both modes behave alike.

import { Config } from '../config.ts';
import { createRuntime, type RuntimeOptions } from '../runtime.ts';
import type { StartPlan } from './options.ts';
import type { Started } from './start.ts';

/** true when this kestra-lite has the `--kestra-version` mode (its config knows the setting) */
const knowsKestraVersion = () => 'kestraVersion' in Config.properties;

export async function startInProcess(plan: StartPlan): Promise<Started> {
  if (plan.kestraVersion !== undefined && !knowsKestraVersion()) {
    throw new TypeError(`startKestraLite: kestraVersion '${plan.kestraVersion}' cannot be honoured: this kestra-lite has no --kestra-version mode`);
  }
  const options: RuntimeOptions & { kestraVersion?: string } = {
    port: plan.port, host: '127.0.0.1', memory: plan.memory, dataDir: plan.dataDir, flowsDir: null, watch: false, dashboard: false,
    fixturesDir: plan.fixturesDir ?? null, basicAuth: plan.basicAuth, adminToken: plan.adminToken ?? null,
    clock: plan.clock, now: plan.now, seed: plan.seed, env: plan.env,
    ...(plan.kestraVersion !== undefined ? { kestraVersion: plan.kestraVersion } : {}),
  };
  const runtime = await createRuntime(options);
  let url: string;
  try {
    url = await runtime.listen();
  } catch (err) {
    await runtime.dispose();
    throw err;
  }
  return { url, stop: () => runtime.dispose() };
}
