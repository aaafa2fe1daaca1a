// Turns one task into its graph: a plain node, a subflow node, or a cluster for flowables whose
// children are laid out the way the matching Kestra flowable's `tasksTree` does.
import { childLists, type TaskLike } from '../walk';
import { GRAPH_TYPES, type GraphNode, type RelationType } from './model';
import { newCluster, type Cluster, type Member } from './cluster';
import { fillAlternativePaths, fillTasks, type BuildTask } from './fill';
import { fillDag, type DagEntry } from './dag';
import { FOR_EACH_ITEM_TYPES, coreFlowTaskName, coreFlowableLayout, isSubflowTask, type FlowableLayout } from './task-types';

interface TaskLists {
  tasks: TaskLike[];
  dag?: DagEntry[];
  then: TaskLike[];
  else?: TaskLike[];
  defaults?: TaskLike[];
  cases: [string, TaskLike[]][];
  errors: TaskLike[];
  finally: TaskLike[];
}

const CLUSTER_RELATION: Record<FlowableLayout, RelationType> = {
  sequential: 'SEQUENTIAL',
  parallel: 'PARALLEL',
  choice: 'CHOICE',
  'dynamic-sequential': 'DYNAMIC',
  'dynamic-parallel': 'DYNAMIC',
  dag: 'DYNAMIC',
  'for-each-item': 'SEQUENTIAL',
};

/** The child lists of a task, read with the shared walker. */
function taskLists(task: TaskLike): TaskLists {
  const out: TaskLists = { tasks: [], then: [], cases: [], errors: [], finally: [] };
  for (const list of childLists(task)) {
    if (list.relation === 'tasks' && list.dependsOn) {
      const dependsOn = list.dependsOn;
      out.dag = list.tasks.map((child, i) => ({ task: child, dependsOn: dependsOn[i] }));
    } else if (list.relation === 'cases') {
      out.cases.push([list.key ?? '', list.tasks]);
    } else if (list.relation !== 'afterExecution') {
      out[list.relation] = list.tasks;
    }
  }
  return out;
}

/** Non-core plugins following the `tasks` convention are drawn like a Sequential. */
function layoutOf(task: TaskLike): FlowableLayout | undefined {
  const core = coreFlowableLayout(task.type);
  if (core) return core;
  const list = childLists(task).find((l) => l.relation === 'tasks' && !l.dependsOn);
  return list && list.tasks.length > 0 && coreFlowTaskName(task.type) !== 'Template' ? 'sequential' : undefined;
}

function without<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** ForEachItem runs three internal tasks: split the items, start one subflow per batch, merge outputs. */
function forEachItemTasks(task: TaskLike): TaskLike[] {
  const id = String(task.id);
  const subflowId = without({ namespace: task.namespace, flowId: task.flowId, revision: task.revision });
  return [
    without({ id: `${id}_split`, type: FOR_EACH_ITEM_TYPES.split, items: task.items, batch: task.batch }),
    without({
      id: `${id}_items`, type: FOR_EACH_ITEM_TYPES.executable, inputs: task.inputs, inheritLabels: task.inheritLabels,
      labels: task.labels, wait: task.wait, transmitFailed: task.transmitFailed, scheduleOn: task.scheduleDate,
      subflowId, restartBehavior: task.restartBehavior,
    }),
    { id: `${id}_merge`, type: FOR_EACH_ITEM_TYPES.merge },
  ];
}

function taskNode(uid: string, task: TaskLike, relationType: RelationType, type: string): GraphNode {
  return { uid, type, error: false, task: task as Record<string, unknown>, relationType };
}

function fillChildren(build: BuildTask, cluster: Cluster, task: TaskLike, layout: FlowableLayout, lists: TaskLists): void {
  switch (layout) {
    case 'sequential':
    case 'dynamic-sequential':
      return fillTasks(build, cluster, lists.tasks, 'SEQUENTIAL');
    case 'parallel':
    case 'dynamic-parallel':
      return fillTasks(build, cluster, lists.tasks, 'PARALLEL');
    case 'dag':
      return fillDag(build, cluster, String(task.id), lists.dag ?? []);
    case 'for-each-item':
      return fillTasks(build, cluster, forEachItemTasks(task), 'SEQUENTIAL');
    case 'choice':
      if (coreFlowTaskName(task.type) === 'Switch') {
        if (lists.defaults) fillTasks(build, cluster, lists.defaults, 'SEQUENTIAL', 'defaults');
        for (const [key, tasks] of lists.cases) fillTasks(build, cluster, tasks, 'SEQUENTIAL', key);
      } else {
        fillTasks(build, cluster, lists.then, 'SEQUENTIAL', 'then');
        if (lists.else) fillTasks(build, cluster, lists.else, 'SEQUENTIAL', 'else');
      }
  }
}

/** A BuildTask that draws flowables as clusters; root/end/marker uids come from `newId`. */
export function taskTreeBuilder(newId: () => string): BuildTask {
  const build: BuildTask = function buildTask(parent, task, fill) {
    const uid = `${parent.prefix}.${String(task.id)}`;
    const layout = layoutOf(task);
    if (!layout) {
      const executable = isSubflowTask(task.type) || task.type === FOR_EACH_ITEM_TYPES.executable;
      return taskNode(uid, task, fill, executable ? GRAPH_TYPES.subflowTask : GRAPH_TYPES.task);
    }
    const relationType = CLUSTER_RELATION[layout];
    const cluster = newCluster({ prefix: uid, newId, relationType, taskNode: taskNode(uid, task, relationType, GRAPH_TYPES.task) });
    const lists = taskLists(task);
    fillChildren(build, cluster, task, layout, lists);
    fillAlternativePaths(build, cluster, lists.errors, lists.finally, []);
    return cluster satisfies Member;
  };
  return build;
}
