// `GET /namespaces/{ns}/dependencies`: the topology of one namespace, as Kestra's namespace graph
// builds it: every relation (FLOW_TASK, FLOW_TRIGGER) with a flow of the namespace at either end,
// plus a node for each flow of the namespace, even one without relations. The namespace match is
// exact (child namespaces have their own graph).

import { flowRelation } from '../flows/dependencies.ts';
import type { FlowLike, FlowRelation } from '../flows/graph/model.ts';

export interface FlowNodeJson { uid: string; namespace: string; id: string }
export interface FlowTopologyJson { nodes: FlowNodeJson[]; edges: { source: string; target: string; relation: FlowRelation }[] }

const uidOf = (f: { namespace: string; id: string }) => `${f.namespace}_${f.id}`;

/** `destinationOnly` keeps the relations whose target is a flow of the namespace. */
export function namespaceDependencies(flows: FlowLike[], namespace: string, destinationOnly: boolean): FlowTopologyJson {
  const nodes = new Map<string, FlowNodeJson>();
  const node = (f: FlowLike) => {
    const uid = uidOf(f);
    if (!nodes.has(uid)) nodes.set(uid, { uid, namespace: f.namespace, id: f.id });
  };
  const edges: FlowTopologyJson['edges'] = [];
  for (const source of flows) {
    for (const target of flows) {
      const inside = target.namespace === namespace || (!destinationOnly && source.namespace === namespace);
      if (!inside) continue;
      const relation = flowRelation(source, target);
      if (!relation) continue;
      node(source);
      node(target);
      edges.push({ source: uidOf(source), target: uidOf(target), relation });
    }
  }
  for (const f of flows) if (f.namespace === namespace) node(f);
  return { nodes: [...nodes.values()], edges };
}
