// Lays out a Dag task's children by their `dependsOn`, as Kestra does: tasks without
// dependencies start from the Dag task node, others from each dependency, and tasks nothing
// depends on lead to the cluster's exit. Every such edge is PARALLEL.
import type { TaskLike } from '../walk';
import { GRAPH_TYPES } from './model';
import { addEdge, addMember, entryOf, exitOf, isCluster, type Cluster, type Member } from './cluster';
import type { BuildTask } from './fill';

export interface DagEntry {
  task: TaskLike;
  dependsOn?: string[];
}

/** Thrown for a Dag whose dependencies cannot all be satisfied (unknown id or cycle). */
export class DagDependencyError extends Error {
  constructor(dagId: string, pending: string[]) {
    super(`Unresolvable Dag dependencies in task '${dagId}' (cyclic or unknown): ${pending.join(', ')}`);
    this.name = 'DagDependencyError';
  }
}

export function fillDag(build: BuildTask, cluster: Cluster, dagId: string, entries: DagEntry[]): void {
  const start: Member = cluster.taskNode ?? cluster.root;
  const dependedOn = new Set(entries.flatMap((entry) => entry.dependsOn ?? []));
  const created = new Map<string, Member>();

  // Repeated passes in document order; a task becomes ready as soon as its dependencies exist.
  while (created.size < entries.length) {
    const before = created.size;
    for (const entry of entries) {
      const id = String(entry.task.id);
      if (created.has(id) || !(entry.dependsOn ?? []).every((dep) => created.has(dep))) continue;
      const current = build(cluster, entry.task, 'SEQUENTIAL');
      // Kestra's Dag makes plain task nodes of everything that is not flowable, subflows included
      if (!isCluster(current)) current.type = GRAPH_TYPES.task;
      addMember(cluster, current);
      if (!entry.dependsOn) {
        addEdge(cluster, exitOf(start), entryOf(current), { relationType: 'PARALLEL' });
      } else {
        for (const dep of entry.dependsOn) {
          // a flowable dependency is left through the end of its cluster
          const from = created.get(dep);
          if (from) addEdge(cluster, exitOf(from), entryOf(current), { relationType: 'PARALLEL' });
        }
      }
      if (!dependedOn.has(id)) addEdge(cluster, exitOf(current), cluster.finally, {});
      created.set(id, current);
    }
    if (created.size === before) {
      throw new DagDependencyError(dagId, entries.map((e) => String(e.task.id)).filter((id) => !created.has(id)));
    }
  }
}
