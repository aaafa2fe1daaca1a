// The KV store shared by the KV tasks and the `kv()` expression function.

import { defineFeature } from '../shared/feature.ts';
import { createKvService, type KvService } from './service.ts';

export interface KvServices { kv: KvService }

export const kvFeature = defineFeature({
  name: 'kv',
  create: (ctx): { services: KvServices } => ({ services: { kv: createKvService({ db: ctx.db, clock: ctx.clock }) } }),
});
