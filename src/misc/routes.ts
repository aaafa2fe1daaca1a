// Instance-level endpoints: configs, usages, basicAuth (api-contract §3.7). Each answers under
// /api/v1/... and, via the edge, /api/v1/{tenant}/....

import { routeModule } from '../http/route-module.ts';
import { cpus, hostname, platform, release, totalmem } from 'node:os';
import { readJson } from '../http/body.ts';
import { ApiError } from '../shared/errors.ts';
import type { AuthService } from '../http/auth.ts';
import { noContent } from '../http/respond.ts';

export interface MiscDeps {
  auth: AuthService;
  instanceUuid: string;
  startedAt: number;
  /** optional API areas that are mounted (configs reports them as enabled) */
  features: { templates: boolean; dashboards: boolean; taskruns: boolean };
  counts: () => { flows: number; namespaces: number; taskTypes: number; triggerTypes: number };
  /** kestra-lite's own version (the commit id) */
  version: string;
  /** the Kestra release answered as (shared/kestra-version.ts) */
  kestraRelease: string;
}

export function miscRoutes(deps: MiscDeps) {
  return routeModule()
    .get('/configs', () => ({
      uuid: deps.instanceUuid,
      version: deps.kestraRelease,
      commitId: `kestra-lite-${deps.version}`,
      commitDate: new Date(deps.startedAt).toISOString(),
      isCustomDashboardsEnabled: deps.features.dashboards,
      isTaskRunEnabled: deps.features.taskruns,
      isAnonymousUsageEnabled: false,
      isTemplateEnabled: deps.features.templates,
      preview: { initial: 100, max: 5000 },
      isBasicAuthEnabled: deps.auth.enabled(),
      systemNamespace: 'system',
      hiddenLabelsPrefixes: ['system.', 'internal.'],
      url: undefined,
    }))
    .get('/usages/all', () => {
      const c = deps.counts();
      return {
        uuid: deps.instanceUuid,
        startUuid: deps.instanceUuid,
        instanceUuid: deps.instanceUuid,
        serverType: 'STANDALONE',
        version: deps.kestraRelease,
        zoneId: Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
        startTime: new Date(deps.startedAt).toISOString(),
        host: {
          uuid: deps.instanceUuid,
          hostname: hostname(),
          hardware: { logicalProcessorCount: cpus().length, physicalProcessorCount: cpus().length, maxFreq: (cpus()[0]?.speed ?? 0) * 1e6, memory: totalmem(), knownVmMacAddr: false, knownDockerMacAddr: false },
          os: { family: platform(), version: release(), codeName: platform(), buildNumber: release() },
          jvm: { name: 'Bun', vendor: 'Oven', version: Bun.version },
        },
        configurations: { repositoryType: 'sqlite', queueType: 'memory', storageType: 'local', javaSecurityEnabled: false },
        plugins: [{ manifest: { 'X-Kestra-Title': 'core', 'X-Kestra-Group': 'io.kestra.plugin.core', 'X-Kestra-Version': deps.kestraRelease } }],
        flows: { count: c.flows, namespacesCount: c.namespaces, taskTypeCount: c.taskTypes, triggerTypeCount: c.triggerTypes, taskRunnerTypeCount: 0 },
        executions: { dailyExecutionsCount: [], dailyTaskRunsCount: [] },
      };
    })
    .post('/basicAuth', async ({ request }) => {
      const body = await readJson(request);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new ApiError('INVALID_JSON', 'Expected a JSON object {"username": ..., "password": ...}');
      }
      const { username, password } = body as Record<string, unknown>;
      deps.auth.configure(username, password);
      return noContent();
    });
}
