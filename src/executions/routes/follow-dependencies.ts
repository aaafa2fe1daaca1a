// GET /executions/{id}/follow-dependencies (Kestra 1.x+): an SSE stream of the status of an
// execution and of the executions of its dependent flows (subflows, flow triggers — the flow
// dependency graph, recursively with `expandAll`). Each followed flow ends with an `end` frame
// once its execution is terminated with all its task runs; when every followed flow has ended,
// an `end-all` frame closes the stream. Frames carry ExecutionStatusEvent
// `{executionId, namespace, flowId, state, tenantId}`.
//
// Kestra relates the executions through their shared `system.correlationId` label (subflows
// inherit it). Flow-trigger executions carry none in this engine, so an execution triggered by a
// related execution (its trigger's `executionId`) is related too.

import { routeModule } from '../../http/route-module.ts';
import { boolParam, queryOf } from '../../http/query.ts';
import { sseResponse } from '../../http/sse.ts';
import { tenantOf } from '../../http/tenant.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { EventBus } from '../../shared/events.ts';
import { flowDependencies } from '../../flows/dependencies.ts';
import { flowView } from '../../flows/serialize.ts';
import type { FlowService } from '../../flows/service.ts';
import type { Execution } from '../model.ts';
import { stateJson, isTerminal } from '../state.ts';
import type { ExecutionService } from '../service.ts';
import type { ExecutionStore } from '../store.ts';

export interface FollowDependenciesDeps {
  executions: ExecutionService;
  store: ExecutionStore;
  flows: FlowService;
  events: EventBus;
  clock: Clock;
}

const flowKey = (namespace: string, id: string) => `${namespace}\u0000${id}`;
const correlationOf = (e: Execution) => e.labels.find((l) => l.key === 'system.correlationId')?.value;

/** The flows followed: the execution's own flow and its dependency graph (every level with expandAll). */
function followedFlows(flows: FlowService, tenant: string, namespace: string, flowId: string, destinationOnly: boolean, expandAll: boolean): Set<string> {
  const all = flows.list(tenant).map((r) => flowView(r, false));
  const keys = new Set([flowKey(namespace, flowId)]);
  const queue = [{ namespace, id: flowId }];
  while (queue.length) {
    const target = queue.shift()!;
    for (const node of flowDependencies(all as never, target, destinationOnly).nodes) {
      const k = flowKey(node.namespace, node.id);
      if (keys.has(k)) continue;
      keys.add(k);
      if (expandAll) queue.push({ namespace: node.namespace, id: node.id });
    }
  }
  return keys;
}

export function statusEventJson(e: Execution, now: number): Record<string, unknown> {
  return { executionId: e.id, namespace: e.namespace, flowId: e.flowId, state: stateJson(e.state, now), tenantId: e.tenant };
}

export function followDependenciesRoute(deps: FollowDependenciesDeps) {
  return routeModule().get('/executions/:executionId/follow-dependencies', ({ request, params }) => {
    const tenant = tenantOf(request);
    const q = queryOf(request);
    const root = deps.executions.get(tenant, params.executionId);
    const pending = followedFlows(deps.flows, tenant, root.namespace, root.flowId, boolParam(q, 'destinationOnly', false), boolParam(q, 'expandAll', false));
    const correlation = correlationOf(root) ?? root.id;
    const related = new Set([root.id]);
    const isRelated = (e: Execution) => {
      if (related.has(e.id)) return true;
      const upstream = e.trigger?.variables?.executionId;
      if (correlationOf(e) === correlation || (typeof upstream === 'string' && related.has(upstream))) {
        related.add(e.id);
        return true;
      }
      return false;
    };

    return sseResponse(request, (channel) => {
      const onUpdate = (e: Execution) => {
        if (channel.closed || e.tenant !== tenant || !pending.has(flowKey(e.namespace, e.flowId)) || !isRelated(e)) return;
        const done = isTerminal(e.state.current) && e.taskRunList.every((r) => isTerminal(r.state.current));
        channel.send(done ? 'end' : 'progress', statusEventJson(e, deps.clock.now()));
        if (done) pending.delete(flowKey(e.namespace, e.flowId));
        if (pending.size === 0) {
          channel.send('end-all', { executionId: e.id });
          channel.close();
        }
      };
      // What already happened first (oldest first, so triggered executions follow their upstream), then live updates.
      const existing = deps.store.search(tenant, { startDate: root.state.histories[0]!.date }, [{ field: 'state.startDate', asc: true }]).results;
      for (const e of existing) onUpdate(deps.executions.find(tenant, e.id) ?? e);
      if (channel.closed) return;
      return deps.events.on('execution.updated', ({ execution }) => onUpdate(execution));
    });
  });
}
