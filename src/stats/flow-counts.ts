// Counters for `/stats/summary`: flows from the flow service; trigger contexts from a trigger
// store, or, for runtimes without one, estimated from the trigger definitions that get a context
// (scheduled, polling and realtime triggers; webhook and flow triggers never do).

import type { FlowRecord } from '../flows/store.ts';

export interface FlowLister { list(tenant: string): FlowRecord[] }

const WITHOUT_CONTEXT = /\.(Webhook|Flow)$/;

export function flowCounters(flows: FlowLister) {
  const of = (tenant: string, namespace?: string) => flows.list(tenant).filter((r) => namespace === undefined || r.namespace === namespace);
  return {
    countFlows: (tenant: string, namespace?: string) => of(tenant, namespace).length,
    countTriggerDefinitions(tenant: string, namespace?: string): number {
      let n = 0;
      for (const r of of(tenant, namespace)) {
        for (const t of r.flow.triggers ?? []) if (!WITHOUT_CONTEXT.test(String(t.type))) n++;
      }
      return n;
    },
  };
}

/** `countTriggers` over a trigger-context store (anything listing contexts with tenant and namespace). */
export function triggerContextCounter(contexts: { all(): Iterable<{ tenant: string; namespace: string }> }) {
  return (tenant: string, namespace?: string): number => {
    let n = 0;
    for (const t of contexts.all()) if (t.tenant === tenant && (namespace === undefined || t.namespace === namespace)) n++;
    return n;
  };
}
