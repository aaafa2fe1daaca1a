// Chains a list of tasks inside a cluster, the way Kestra lays out sequential, parallel, choice
// branches and the errors/finally/afterExecution branches.
import type { TaskLike } from '../walk';
import type { RelationType } from './model';
import {
  addEdge, addMember, bypassMarker, entryOf, exitOf, markBranch, relation, removeEdge,
  type Cluster, type Member,
} from './cluster';

/** What a task becomes in the graph: a node, or a cluster for flowables. Injected to break the import cycle. */
export type BuildTask = (parent: Cluster, task: TaskLike, relationType: RelationType) => Member;

/**
 * Adds `tasks` to `cluster` and links them.
 * - SEQUENTIAL/FINALLY/AFTER_EXECUTION/ERROR: a chain; PARALLEL: a fan-out from the same start.
 * - The first edge carries the cluster's own relation type (none at the flow root), later ones
 *   the fill's type, except in DYNAMIC clusters which keep DYNAMIC throughout.
 * - `value` labels every edge (the If branch or Switch case).
 */
export function fillTasks(
  build: BuildTask, cluster: Cluster, tasks: TaskLike[], fill: RelationType, value?: string,
): void {
  let previous: Member = cluster.taskNode ?? cluster.root;
  if (fill === 'FINALLY') {
    previous = cluster.finally;
    removeEdge(cluster, cluster.finally, cluster.afterExecution);
  } else if (fill === 'AFTER_EXECUTION') {
    previous = cluster.afterExecution;
    removeEdge(cluster, cluster.afterExecution, cluster.end);
  } else if (fill === 'ERROR') {
    // error handlers hang off the cluster root, not off the flowable task node
    previous = cluster.root;
  }
  const next = fill === 'AFTER_EXECUTION' ? cluster.end : fill === 'FINALLY' ? cluster.afterExecution : cluster.finally;
  const fanOut = fill === 'PARALLEL';

  tasks.forEach((task, index) => {
    let type = cluster.relationType;
    if (fill === 'ERROR') type = 'ERROR';
    else if (index > 0 && !fanOut && cluster.relationType !== 'DYNAMIC') type = fill;

    const current = build(cluster, task, fill);
    addMember(cluster, current);
    if (fill === 'ERROR' || fill === 'FINALLY' || fill === 'AFTER_EXECUTION') markBranch(current, fill);
    addEdge(cluster, exitOf(previous), entryOf(current), relation(type, value));
    if (!fanOut) previous = current;
    // a fan-out joins every branch; a chain joins only its last task
    if (fanOut || index === tasks.length - 1) addEdge(cluster, exitOf(current), next, {});
  });
}

/** errors, then finally, then afterExecution; absent branches lose their marker node. */
export function fillAlternativePaths(
  build: BuildTask, cluster: Cluster, errors: TaskLike[], finallyTasks: TaskLike[], afterExecution: TaskLike[],
): void {
  if (errors.length > 0) fillTasks(build, cluster, errors, 'ERROR');
  if (finallyTasks.length > 0) fillTasks(build, cluster, finallyTasks, 'FINALLY');
  else bypassMarker(cluster, cluster.finally, cluster.afterExecution);
  if (afterExecution.length > 0) fillTasks(build, cluster, afterExecution, 'AFTER_EXECUTION');
  else bypassMarker(cluster, cluster.afterExecution, cluster.end);
}
