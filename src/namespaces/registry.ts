// Which namespaces exist in a tenant. As in Kestra, a namespace exists when something lives in it
// or below it: a flow in `company.team.sub` makes `company`, `company.team` and
// `company.team.sub` exist. The system namespace always exists. Each feature that stores things
// by namespace contributes a source; namespace files plug in the same way.

/** What another feature offers so that the namespaces it uses exist. */
export interface NamespaceSource {
  namespacesInUse(tenant: string): string[];
}

/** Kestra's system namespace (`/configs` reports it as `systemNamespace`). */
export const SYSTEM_NAMESPACE = 'system';

/** `a.b.c` → `a`, `a.b`, `a.b.c` */
export function namespaceTree(namespace: string): string[] {
  const parts = namespace.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

export interface NamespaceRegistry {
  /** every existing namespace, sorted ascending, deduplicated */
  list(tenant: string): string[];
  exists(tenant: string, namespace: string): boolean;
}

export function createNamespaceRegistry(sources: NamespaceSource[]): NamespaceRegistry {
  const list = (tenant: string) => {
    const all = new Set<string>([SYSTEM_NAMESPACE]);
    for (const source of sources) {
      for (const ns of source.namespacesInUse(tenant)) for (const part of namespaceTree(ns)) all.add(part);
    }
    return [...all].sort();
  };
  return { list, exists: (tenant, namespace) => list(tenant).includes(namespace) };
}
