// Finding trigger contexts for the Triggers API: filters (legacy params and `filters[...]`),
// sorting, and references `{namespace, flowId, triggerId}` from request bodies.

import { firstFilter, sortParams, type Query } from '../http/query.ts';
import { EQ, NAMESPACE, TEXT, parseFilters } from '../http/filters.ts';
import { notFound } from '../shared/errors.ts';
import { isPlainObject } from '../shared/guards.ts';
import { queryTokens } from '../flows/query.ts';
import type { TriggerContext } from './model.ts';
import type { Scheduler } from './scheduler.ts';

export type Ref = { namespace?: unknown; flowId?: unknown; triggerId?: unknown };

export const isRef = (r: unknown): r is Ref => isPlainObject(r)
  && typeof (r as Ref).namespace === 'string' && typeof (r as Ref).flowId === 'string' && typeof (r as Ref).triggerId === 'string';

const SORT: Record<string, (t: TriggerContext) => string | number> = {
  flowId: (t) => t.flowId, triggerId: (t) => t.triggerId, executionId: (t) => t.executionId ?? '', namespace: (t) => t.namespace,
  nextExecutionDate: (t) => t.nextExecutionDate ?? 0,
};

export function triggerQuery(scheduler: Scheduler) {
  function matching(tenant: string, q: Query): TriggerContext[] {
    parseFilters(q, { q: TEXT, namespace: NAMESPACE, flowId: EQ }); // unsupported filters are a 422
    const tokens = queryTokens(firstFilter(q, 'q', 'q'));
    const namespace = firstFilter(q, 'namespace', 'namespace');
    const flowId = firstFilter(q, 'flowId', 'flowId');
    const workerId = q.get('workerId');
    return [...scheduler.all()].filter((t) => t.tenant === tenant
      && (!namespace || t.namespace === namespace || t.namespace.startsWith(`${namespace}.`))
      && (!flowId || t.flowId === flowId) && (!workerId || t.workerId === workerId)
      && tokens.every((tok) => `${t.flowId} ${t.namespace} ${t.triggerId} ${t.executionId ?? ''}`.toLowerCase().includes(tok)));
  }
  function sorted(list: TriggerContext[], q: Query) {
    const keys = sortParams(q);
    return list.sort((a, b) => {
      for (const k of keys.length ? keys : [{ field: 'namespace', asc: true }, { field: 'flowId', asc: true }, { field: 'triggerId', asc: true }]) {
        const f = SORT[k.field] ?? ((t: TriggerContext) => String((t as unknown as Record<string, unknown>)[k.field] ?? ''));
        const x = f(a), y = f(b);
        if (x !== y) return (x < y ? -1 : 1) * (k.asc ? 1 : -1);
      }
      return 0;
    });
  }
  function find(tenant: string, ref: Ref): TriggerContext | undefined {
    return scheduler.get(tenant, String(ref.namespace), String(ref.flowId), String(ref.triggerId));
  }
  function required(tenant: string, ref: Ref): TriggerContext {
    const t = find(tenant, ref);
    if (!t) throw notFound();
    return t;
  }
  return { matching, sorted, find, required };
}
