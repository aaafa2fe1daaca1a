// Direct dependencies of one flow, as served by `GET /api/v1/flows/{namespace}/{id}/dependencies`:
// FLOW_TASK edges from a flow running a Subflow/ForEachItem task to the flow it calls, and
// FLOW_TRIGGER edges from an upstream flow to a flow whose Flow trigger listens to it.
import type { FlowLike, FlowNode, FlowRelation, FlowTopologyEdge, FlowTopologyGraph } from './graph/model';
import { subflowTarget } from './graph/task-types';
import { flowTriggersMatch } from './graph/trigger-conditions';
import { walkTasks } from './walk';

export interface FlowRef {
  namespace: string;
  id: string;
}

function flowUid(flow: FlowRef): string {
  return `${flow.namespace}_${flow.id}`;
}

function callsFlow(parent: FlowLike, child: FlowLike): boolean {
  for (const { task } of walkTasks(parent)) {
    const target = subflowTarget(task);
    if (target && target.namespace === child.namespace && target.flowId === child.id) return true;
  }
  return false;
}

/** The relation making `child` depend on `parent`, FLOW_TASK winning over FLOW_TRIGGER as in Kestra. */
export function flowRelation(parent: FlowLike, child: FlowLike): FlowRelation | undefined {
  if (flowUid(parent) === flowUid(child)) return undefined; // self links are never reported
  if (callsFlow(parent, child)) return 'FLOW_TASK';
  if (flowTriggersMatch(child.triggers, { namespace: parent.namespace, id: parent.id })) return 'FLOW_TRIGGER';
  return undefined;
}

/**
 * Direct relations of the target flow among `flows` (the existing flows); with
 * `destinationOnly`, only the flows it depends on. An unknown target gives an empty graph.
 */
export function flowDependencies(flows: FlowLike[], target: FlowRef, destinationOnly: boolean): FlowTopologyGraph {
  const self = flows.find((flow) => flow.namespace === target.namespace && flow.id === target.id);
  const nodes = new Map<string, FlowNode>();
  const edges: FlowTopologyEdge[] = [];
  if (!self) return { nodes: [], edges: [] };

  function link(source: FlowLike, destination: FlowLike, relation: FlowRelation): void {
    for (const flow of [source, destination]) {
      const uid = flowUid(flow);
      if (!nodes.has(uid)) nodes.set(uid, { uid, namespace: flow.namespace, id: flow.id });
    }
    edges.push({ source: flowUid(source), target: flowUid(destination), relation });
  }

  const others = flows.filter((flow) => flowUid(flow) !== flowUid(self));
  for (const upstream of others) {
    const relation = flowRelation(upstream, self);
    if (relation) link(upstream, self, relation);
  }
  if (!destinationOnly) {
    for (const downstream of others) {
      const relation = flowRelation(self, downstream);
      if (relation) link(self, downstream, relation);
    }
  }
  return { nodes: [...nodes.values()], edges };
}
