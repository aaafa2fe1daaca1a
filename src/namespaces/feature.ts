// Namespaces: derived from what lives in them (flows, KV entries, and whatever other features
// contribute, such as namespace files), and the Namespaces API.

import { defineFeature } from '../shared/feature.ts';
import type { FlowServices } from '../flows/feature.ts';
import type { KvServices } from '../kv/feature.ts';
import type { FilesServices } from '../files/feature.ts';
import { createNamespaceRegistry, type NamespaceRegistry, type NamespaceSource } from './registry.ts';
import { namespaceRoutes } from './routes.ts';

export interface NamespaceServices { registry: NamespaceRegistry }

/** Flows, KV entries and namespace files make namespaces exist. Secrets are global in open-source Kestra (no namespace), so they add none. */
interface Needs { flows: FlowServices; kv: KvServices; files: FilesServices }

export const namespacesFeature = defineFeature({
  name: 'namespaces',
  create(ctx, deps: Needs) {
    const { flows } = deps.flows;
    const { kv } = deps.kv;
    const sources: NamespaceSource[] = [
      { namespacesInUse: (tenant) => [...new Set(flows.list(tenant).map((f) => f.namespace))] },
      { namespacesInUse: (tenant) => kv.namespaces(tenant) },
      { namespacesInUse: (tenant) => deps.files.namespacesInUse(tenant) },
    ];
    const registry = createNamespaceRegistry(sources);
    const services: NamespaceServices = { registry };
    return { services, routes: [namespaceRoutes({ registry, flows, getAutocomplete: ctx.config.kestraVersion === '0.21' })] };
  },
});
