// The mutable graph a FlowGraph is built from: clusters nested in clusters, like Kestra's
// GraphCluster. Each cluster owns a root, a finally marker, an after-execution marker and an end
// node; the markers are removed again when the matching branch is absent. As in Kestra (Guava
// graphs), adding an edge also adds its endpoints to the cluster, which is why a nested cluster's
// root/end are listed among its parent's nodes too.
import { GRAPH_TYPES, type BranchType, type GraphClusterNode, type GraphNode, type Relation, type RelationType } from './model';

export interface Cluster {
  json: GraphClusterNode;
  /** uid path of the cluster's content, e.g. `root.parallel` */
  prefix: string;
  relationType?: RelationType;
  root: GraphNode;
  finally: GraphNode;
  afterExecution: GraphNode;
  end: GraphNode;
  taskNode?: GraphNode;
  members: Set<Member>;
  edges: Map<GraphNode, Map<GraphNode, Relation>>;
}

export type Member = GraphNode | Cluster;

export interface NewCluster {
  prefix: string;
  newId: () => string;
  type?: string;
  relationType?: RelationType;
  taskNode?: GraphNode;
}

export function isCluster(member: Member): member is Cluster {
  return 'members' in member;
}

/** Where an edge pointing at `member` lands. */
export function entryOf(member: Member): GraphNode {
  return isCluster(member) ? member.root : member;
}

/** Where an edge leaving `member` starts. */
export function exitOf(member: Member): GraphNode {
  return isCluster(member) ? member.end : member;
}

export function uidOf(member: Member): string {
  return isCluster(member) ? member.json.uid : member.uid;
}

function marker(uid: string, type: string): GraphNode {
  return { uid, type, error: false };
}

export function newCluster(spec: NewCluster): Cluster {
  const { prefix, newId } = spec;
  const json: GraphClusterNode = { uid: `cluster_${prefix}`, type: spec.type ?? GRAPH_TYPES.cluster, error: false };
  if (spec.relationType) json.relationType = spec.relationType;
  if (spec.taskNode) json.taskNode = spec.taskNode;
  const cluster: Cluster = {
    json,
    prefix,
    relationType: spec.relationType,
    root: marker(`${prefix}.root-${newId()}`, GRAPH_TYPES.root),
    finally: marker(`${prefix}.finally-${newId()}`, GRAPH_TYPES.finally),
    afterExecution: marker(`${prefix}.after-execution-${newId()}`, GRAPH_TYPES.afterExecution),
    end: marker(`${prefix}.end-${newId()}`, GRAPH_TYPES.end),
    taskNode: spec.taskNode,
    members: new Set(),
    edges: new Map(),
  };
  cluster.members.add(cluster.root).add(cluster.finally).add(cluster.afterExecution).add(cluster.end);
  addEdge(cluster, cluster.finally, cluster.afterExecution, {});
  addEdge(cluster, cluster.afterExecution, cluster.end, {});
  if (spec.taskNode) addEdge(cluster, cluster.root, spec.taskNode, {});
  return cluster;
}

export function addMember(cluster: Cluster, member: Member): void {
  cluster.members.add(member);
}

/** One edge per (source, target) pair: adding it again replaces the relation. */
export function addEdge(cluster: Cluster, source: GraphNode, target: GraphNode, relation: Relation): void {
  cluster.members.add(source).add(target);
  const targets = cluster.edges.get(source) ?? new Map<GraphNode, Relation>();
  targets.set(target, relation);
  cluster.edges.set(source, targets);
}

export function removeEdge(cluster: Cluster, source: GraphNode, target: GraphNode): void {
  cluster.edges.get(source)?.delete(target);
}

export function removeMember(cluster: Cluster, member: Member): void {
  cluster.members.delete(member);
  if (isCluster(member)) return;
  cluster.edges.delete(member);
  for (const targets of cluster.edges.values()) targets.delete(member);
}

/** Replaces a marker node by `replacement` on every edge pointing at it, then drops it. */
export function bypassMarker(cluster: Cluster, markerNode: GraphNode, replacement: GraphNode): void {
  for (const [source, targets] of [...cluster.edges]) {
    const relation = targets.get(markerNode);
    if (relation && source !== markerNode) addEdge(cluster, source, replacement, relation);
  }
  removeMember(cluster, markerNode);
}

/** Marks a node or cluster as part of the errors/finally/afterExecution branch (not its children). */
export function markBranch(member: Member, branch: BranchType): void {
  const nodes: { error: boolean; branchType?: BranchType }[] = isCluster(member)
    ? [member.json, member.root, member.end, ...(member.taskNode ? [member.taskNode] : [])]
    : [member];
  for (const node of nodes) {
    node.branchType = branch;
    if (branch === 'ERROR') node.error = true;
  }
}

/** Builds a Relation, leaving out what Kestra would serialise as null. */
export function relation(relationType: RelationType | undefined, value?: string): Relation {
  const out: Relation = {};
  if (relationType) out.relationType = relationType;
  if (value !== undefined) out.value = value;
  return out;
}
