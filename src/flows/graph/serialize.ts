// Flattens the nested clusters into the FlowGraph wire shape: every node once (clusters
// flattened depth-first), every edge, and one entry per cluster with its enclosing clusters.
import type { FlowGraph, FlowGraphCluster, FlowGraphEdge, GraphNode } from './model';
import { isCluster, uidOf, type Cluster } from './cluster';

function collectNodes(cluster: Cluster, out: Set<GraphNode>): void {
  for (const member of cluster.members) {
    if (isCluster(member)) collectNodes(member, out);
    else out.add(member);
  }
}

function collectEdges(cluster: Cluster, out: FlowGraphEdge[]): void {
  for (const [source, targets] of cluster.edges) {
    for (const [target, relation] of targets) out.push({ source: source.uid, target: target.uid, relation });
  }
  for (const member of cluster.members) if (isCluster(member)) collectEdges(member, out);
}

function collectClusters(cluster: Cluster, parents: string[], out: FlowGraphCluster[]): void {
  for (const member of cluster.members) {
    if (!isCluster(member)) continue;
    out.push({
      cluster: member.json,
      nodes: [...member.members].map(uidOf),
      parents,
      start: member.root.uid,
      end: member.end.uid,
    });
    collectClusters(member, [...parents, member.json.uid], out);
  }
}

/** The root cluster itself is not listed among `clusters`, as in Kestra. */
export function toFlowGraph(root: Cluster): FlowGraph {
  const nodes = new Set<GraphNode>();
  collectNodes(root, nodes);
  const edges: FlowGraphEdge[] = [];
  collectEdges(root, edges);
  const clusters: FlowGraphCluster[] = [];
  collectClusters(root, [], clusters);
  return { nodes: [...nodes], edges, clusters };
}
