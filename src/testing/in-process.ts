// The in-process backend (Bun only): a runtime of this process listening on its own port. The
// harness still talks to it over HTTP, exactly as to a child process, so both modes behave alike.

import { createRuntime, type RuntimeOptions } from '../runtime.ts';
import { isKestraVersion, KESTRA_VERSIONS } from '../shared/kestra-version.ts';
import type { StartPlan } from './options.ts';
import type { Started } from './start.ts';

export async function startInProcess(plan: StartPlan): Promise<Started> {
  if (plan.kestraVersion !== undefined && !isKestraVersion(plan.kestraVersion)) {
    throw new TypeError(`startKestraLite: unsupported kestraVersion '${plan.kestraVersion}': supported versions are ${KESTRA_VERSIONS.join(', ')}`);
  }
  const options: RuntimeOptions = {
    port: plan.port, host: '127.0.0.1', memory: plan.memory, dataDir: plan.dataDir, flowsDir: null, watch: false, dashboard: false,
    fixturesDir: plan.fixturesDir ?? null, basicAuth: plan.basicAuth, adminToken: plan.adminToken ?? null,
    clock: plan.clock, now: plan.now, seed: plan.seed, env: plan.env,
    ...(plan.kestraVersion !== undefined && isKestraVersion(plan.kestraVersion) ? { kestraVersion: plan.kestraVersion } : {}),
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
