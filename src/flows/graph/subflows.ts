// Inline expansion of subflow tasks (`?subflows=` on the graph endpoint): the subflow task node
// is replaced by a SubflowGraphCluster holding the called flow's own graph.
import { GRAPH_TYPES, type FlowLike, type GraphNode } from './model';
import { addEdge, addMember, isCluster, markBranch, newCluster, removeMember, type Cluster } from './cluster';
import type { BuildTask } from './fill';
import { fillFlow } from './flow-tree';
import { subflowTarget } from './task-types';

export type ResolveSubflow = (namespace: string, id: string, revision?: number) => FlowLike | undefined;

export interface ExpandContext {
  build: BuildTask;
  newId: () => string;
  resolve?: ResolveSubflow;
}

/** The called flow of an expanded subflow task does not exist (Kestra answers 404). */
export class SubflowNotFoundError extends Error {
  constructor(flowUid: string, taskId: string) {
    super(`Unable to find subflow ${flowUid} for task ${taskId}`);
    this.name = 'SubflowNotFoundError';
  }
}

function collectTargets(cluster: Cluster, expand: Set<string>, out: [Cluster, GraphNode][]): void {
  for (const member of cluster.members) {
    if (isCluster(member)) collectTargets(member, expand, out);
    else if (member.type === GRAPH_TYPES.subflowTask && expand.has(member.uid)) out.push([cluster, member]);
  }
}

function resolveFlow(node: GraphNode, ctx: ExpandContext): FlowLike {
  const task = node.task ?? {};
  const target = subflowTarget(task);
  const flow = target ? ctx.resolve?.(target.namespace, target.flowId, target.revision) : undefined;
  if (flow) return flow;
  const uid = target ? [target.namespace, target.flowId, target.revision].filter((p) => p !== undefined).join('_') : '?';
  throw new SubflowNotFoundError(uid, String(task.id));
}

function replaceBySubflowCluster(parent: Cluster, node: GraphNode, expand: string[], ctx: ExpandContext): void {
  const flow = resolveFlow(node, ctx);
  const sub = newCluster({ prefix: node.uid, newId: ctx.newId, type: GRAPH_TYPES.subflowCluster, relationType: 'SEQUENTIAL', taskNode: node });
  fillFlow(ctx.build, sub, flow, ctx.newId);
  expandSubflowTasks(sub, expand.filter((uid) => uid.startsWith(`${node.uid}.`)), ctx);

  addMember(parent, sub);
  for (const [source, targets] of [...parent.edges]) {
    for (const [target, relation] of [...targets]) {
      if (source === node) addEdge(parent, sub.end, target, relation);
      else if (target === node) addEdge(parent, source, sub.root, relation);
    }
  }
  removeMember(parent, node);
  if (node.branchType) markBranch(sub, node.branchType);
}

/** Expands every subflow task whose node uid is listed (e.g. `root.call`, or `root.call.inner` once `root.call` is expanded). */
export function expandSubflowTasks(root: Cluster, expand: string[], ctx: ExpandContext): void {
  if (expand.length === 0) return;
  const targets: [Cluster, GraphNode][] = [];
  collectTargets(root, new Set(expand), targets);
  for (const [parent, node] of targets) replaceBySubflowCluster(parent, node, expand, ctx);
}
