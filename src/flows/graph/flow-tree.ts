// Lays out a whole flow inside a cluster (the flow root, or a subflow expanded inline): the
// triggers cluster leading into the root, then tasks, errors, finally and afterExecution.
import { childLists, isTaskLike, type TaskLike } from '../walk';
import { GRAPH_TYPES, type FlowLike, type GraphNode } from './model';
import { addEdge, addMember, bypassMarker, newCluster, type Cluster } from './cluster';
import { fillAlternativePaths, fillTasks, type BuildTask } from './fill';

function triggerList(value: unknown): TaskLike[] {
  return Array.isArray(value) ? value.filter(isTaskLike) : [];
}

/** One `Triggers` cluster holding every trigger side by side, its end linked to the flow root. */
function addTriggers(cluster: Cluster, triggers: TaskLike[], newId: () => string): void {
  const triggersCluster = newCluster({ prefix: `${cluster.prefix}.Triggers`, newId });
  addMember(cluster, triggersCluster);
  for (const trigger of triggers) {
    const node: GraphNode = {
      uid: `${triggersCluster.prefix}.${String(trigger.id)}`,
      type: GRAPH_TYPES.trigger,
      error: false,
      triggerDeclaration: trigger as Record<string, unknown>,
    };
    addMember(triggersCluster, node);
    addEdge(triggersCluster, triggersCluster.root, node, {});
    addEdge(triggersCluster, node, triggersCluster.end, {});
  }
  bypassMarker(triggersCluster, triggersCluster.finally, triggersCluster.afterExecution);
  bypassMarker(triggersCluster, triggersCluster.afterExecution, triggersCluster.end);
  addEdge(cluster, triggersCluster.end, cluster.root, {});
}

export function fillFlow(build: BuildTask, cluster: Cluster, flow: FlowLike, newId: () => string): void {
  // Kestra draws the cluster as soon as `triggers` is set; an empty list is treated as absent
  // here so that stores normalising `triggers: []` do not grow an empty box.
  const triggers = triggerList(flow.triggers);
  if (triggers.length > 0) addTriggers(cluster, triggers, newId);

  const lists = new Map(childLists(flow).map((list) => [list.relation, list.tasks]));
  fillTasks(build, cluster, lists.get('tasks') ?? [], 'SEQUENTIAL');
  fillAlternativePaths(build, cluster, lists.get('errors') ?? [], lists.get('finally') ?? [], lists.get('afterExecution') ?? []);
}
