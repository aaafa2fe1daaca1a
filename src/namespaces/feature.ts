// Namespaces: derived from what lives in them (flows, KV entries, and whatever other features
// contribute, such as namespace files), and the Namespaces API.

import { defineFeature } from '../shared/feature.ts';
import type { FlowServices } from '../flows/feature.ts';
import type { KvServices } from '../kv/feature.ts';
import { createNamespaceRegistry, type NamespaceRegistry, type NamespaceSource } from './registry.ts';
import { namespaceRoutes } from './routes.ts';

export interface NamespaceServices { registry: NamespaceRegistry }

/**
 * `files` is optional: a namespace files feature listed before this one makes its namespaces
 * exist by exposing `namespaceSource` in its services. Secrets are global in open-source Kestra
 * (no namespace), so they add none.
 */
interface Needs { flows: FlowServices; kv: KvServices; files?: { namespaceSource?: NamespaceSource } }

export const namespacesFeature = defineFeature({
  name: 'namespaces',
  create(_ctx, deps: Needs) {
    const { flows } = deps.flows;
    const { kv } = deps.kv;
    const sources: NamespaceSource[] = [
      { namespacesInUse: (tenant) => [...new Set(flows.list(tenant).map((f) => f.namespace))] },
      { namespacesInUse: (tenant) => kv.namespaces(tenant) },
    ];
    if (deps.files?.namespaceSource) sources.push(deps.files.namespaceSource);
    const registry = createNamespaceRegistry(sources);
    const services: NamespaceServices = { registry };
    return { services, routes: [namespaceRoutes({ registry, flows })] };
  },
});
