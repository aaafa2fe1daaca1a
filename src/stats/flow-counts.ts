// Counters for `/stats/summary` built from the flow service, for runtimes without a trigger
// store: trigger contexts are then estimated from the trigger definitions that get one
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
        for (const t of (r.flow.triggers as { type?: unknown }[] | undefined) ?? []) if (!WITHOUT_CONTEXT.test(String(t.type))) n++;
      }
      return n;
    },
  };
}
