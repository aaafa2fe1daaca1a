// Instance-level endpoints (configs, usages, basicAuth) and the auth service the HTTP edge checks.

import { defineFeature } from '../shared/feature.ts';
import { createSettingsStore } from '../shared/storage/settings-store.ts';
import type { FlowServices } from '../flows/feature.ts';
import { VERSION } from '../version.ts';
import { kestraRelease } from '../shared/kestra-version.ts';
import { createAuthService, type AuthService } from '../http/auth.ts';
import { loginRoutes } from './login-routes.ts';
import { miscRoutes } from './routes.ts';

export interface InstanceServices { auth: AuthService; instanceUuid: string }

export const instanceFeature = defineFeature({
  name: 'instance',
  create(ctx, deps: { flows: FlowServices }) {
    const settings = createSettingsStore(ctx.db);
    const instanceUuid = settings.get<string>('instanceUuid') ?? ctx.ids();
    settings.set('instanceUuid', instanceUuid);
    const auth = createAuthService({ settings, initial: ctx.config.basicAuth, apiTokens: ctx.config.apiTokens });
    const { flows } = deps.flows;
    const services: InstanceServices = { auth, instanceUuid };
    return {
      services,
      routes: [miscRoutes({
        auth, instanceUuid, startedAt: ctx.clock.now(), version: VERSION, kestraRelease: kestraRelease(ctx.config.kestraVersion),
        features: { templates: ctx.features.has('templates'), dashboards: ctx.features.has('dashboards'), taskruns: ctx.features.has('stats') },
        counts: () => {
          const all = flows.list('main');
          const taskTypes = new Set<unknown>(); const triggerTypes = new Set<unknown>();
          for (const r of all) {
            for (const t of r.flow.tasks) taskTypes.add(t.type);
            for (const t of r.flow.triggers ?? []) triggerTypes.add(t.type);
          }
          return { flows: all.length, namespaces: new Set(all.map((r) => r.namespace)).size, taskTypes: taskTypes.size, triggerTypes: triggerTypes.size };
        },
      }), loginRoutes(auth)],
    };
  },
});
