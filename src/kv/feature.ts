// The KV store shared by the KV tasks and the `kv()` expression function, and the KV API.

import { defineFeature } from '../shared/feature.ts';
import { kvRoutes } from './routes.ts';
import { kvSearchRoutes } from './search-routes.ts';
import { createKvService, type KvService } from './service.ts';

export interface KvServices { kv: KvService }

export const kvFeature = defineFeature({
  name: 'kv',
  create(ctx) {
    const kv = createKvService({ db: ctx.db, clock: ctx.clock });
    const services: KvServices = { kv };
    // the search module first: its literal `kv/inheritance` must win over `kv/:key`
    return { services, routes: [kvSearchRoutes({ kv }), kvRoutes({ kv, kestraVersion: ctx.config.kestraVersion })] };
  },
});
