// Recognises Kestra's core flowable and subflow task types under both their canonical
// package (io.kestra.plugin.core.flow) and the pre-0.17 alias package (io.kestra.core.tasks.flows).

const CORE_FLOW_PACKAGES = ['io.kestra.plugin.core.flow.', 'io.kestra.core.tasks.flows.'];

/** `Parallel` for either spelling of the core Parallel task; undefined for any other type. */
export function coreFlowTaskName(type: unknown): string | undefined {
  if (typeof type !== 'string') return undefined;
  const pkg = CORE_FLOW_PACKAGES.find((prefix) => type.startsWith(prefix));
  if (!pkg) return undefined;
  const name = type.slice(pkg.length);
  return name.includes('.') ? undefined : name;
}

/** Tasks that start one execution of another flow (`Flow` is the pre-0.13 name of `Subflow`). */
export function isSubflowTask(type: unknown): boolean {
  const name = coreFlowTaskName(type);
  return name === 'Subflow' || name === 'Flow';
}

export function isForEachItemTask(type: unknown): boolean {
  return coreFlowTaskName(type) === 'ForEachItem';
}

/** How a flowable lays out its children, per Kestra's `tasksTree` of each core flowable. */
export type FlowableLayout = 'sequential' | 'parallel' | 'choice' | 'dynamic-sequential' | 'dynamic-parallel' | 'dag' | 'for-each-item';

const LAYOUTS: Record<string, FlowableLayout> = {
  Sequential: 'sequential',
  WorkingDirectory: 'sequential',
  AllowFailure: 'sequential',
  Parallel: 'parallel',
  If: 'choice',
  Switch: 'choice',
  ForEach: 'dynamic-sequential',
  EachSequential: 'dynamic-sequential',
  LoopUntil: 'dynamic-sequential',
  EachParallel: 'dynamic-parallel',
  Dag: 'dag',
  ForEachItem: 'for-each-item',
};

/** Layout of a core flowable task type, undefined for runnable tasks and non-core plugins. */
export function coreFlowableLayout(type: unknown): FlowableLayout | undefined {
  const name = coreFlowTaskName(type);
  return name === undefined ? undefined : LAYOUTS[name];
}

/** Java names of the three internal tasks a ForEachItem expands to (nested classes use `$`). */
export const FOR_EACH_ITEM_TYPES = {
  split: 'io.kestra.plugin.core.flow.ForEachItem$ForEachItemSplit',
  executable: 'io.kestra.plugin.core.flow.ForEachItem$ForEachItemExecutable',
  merge: 'io.kestra.plugin.core.flow.ForEachItem$ForEachItemMergeOutputs',
} as const;

export interface SubflowTarget {
  namespace: string;
  flowId: string;
  revision?: number;
}

/** The flow a Subflow/ForEachItem task (or ForEachItem's internal executable task) starts. */
export function subflowTarget(task: Record<string, unknown>): SubflowTarget | undefined {
  let source: unknown;
  if (task.type === FOR_EACH_ITEM_TYPES.executable) source = task.subflowId;
  else if (isSubflowTask(task.type) || isForEachItemTask(task.type)) source = task;
  else return undefined;
  if (typeof source !== 'object' || source === null) return undefined;
  const { namespace, flowId, revision } = source as Record<string, unknown>;
  if (typeof namespace !== 'string' || typeof flowId !== 'string') return undefined;
  return typeof revision === 'number' ? { namespace, flowId, revision } : { namespace, flowId };
}
