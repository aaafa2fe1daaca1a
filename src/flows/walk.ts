// Walks the task tree of a flow document. Kestra nests child tasks under a handful of
// well-known properties; we detect them by name so that non-core flowable plugins that
// follow the same convention are walked too.

export type TaskLike = { id?: unknown; type?: unknown; [key: string]: unknown };

/** Relation of a child list to its parent, as Kestra names it in graphs and validation paths. */
export type ChildRelation =
  | 'tasks' | 'errors' | 'finally' | 'afterExecution' | 'then' | 'else' | 'cases' | 'defaults';

export interface ChildList {
  relation: ChildRelation;
  /** path of the list relative to the parent task, e.g. `then`, `cases.A`, `tasks` */
  path: string;
  /** for `cases` lists: the case key */
  key?: string;
  tasks: TaskLike[];
  /** Dag entries carry dependsOn next to the task */
  dependsOn?: (string[] | undefined)[];
}

const LIST_KEYS: ChildRelation[] = ['tasks', 'then', 'else', 'defaults', 'errors', 'finally', 'afterExecution'];

export function isTaskLike(value: unknown): value is TaskLike {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'type' in value && 'id' in value;
}

function asTaskList(value: unknown): TaskLike[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.every(isTaskLike) ? (value as TaskLike[]) : undefined;
}

/** Dag: `tasks: [{task: {...}, dependsOn: [...]}]` */
function asDagList(value: unknown): { tasks: TaskLike[]; dependsOn: (string[] | undefined)[] } | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const entries = value as Record<string, unknown>[];
  if (!entries.every((e) => typeof e === 'object' && e !== null && isTaskLike(e.task))) return undefined;
  return {
    tasks: entries.map((e) => e.task as TaskLike),
    dependsOn: entries.map((e) => (Array.isArray(e.dependsOn) ? (e.dependsOn as string[]) : undefined)),
  };
}

/** The child task lists of one task (or of the flow itself, which has tasks/errors/finally/afterExecution). */
export function childLists(node: Record<string, unknown>): ChildList[] {
  const out: ChildList[] = [];
  for (const key of LIST_KEYS) {
    const value = node[key];
    const list = asTaskList(value);
    if (list) {
      out.push({ relation: key, path: key, tasks: list });
      continue;
    }
    const dag = key === 'tasks' ? asDagList(value) : undefined;
    if (dag) out.push({ relation: 'tasks', path: key, tasks: dag.tasks, dependsOn: dag.dependsOn });
  }
  const cases = node.cases;
  if (typeof cases === 'object' && cases !== null && !Array.isArray(cases)) {
    for (const [key, value] of Object.entries(cases)) {
      const list = asTaskList(value);
      if (list) out.push({ relation: 'cases', path: `cases.${key}`, key, tasks: list });
    }
  }
  return out;
}

export interface VisitedTask {
  task: TaskLike;
  /** JSON-ish path from the flow root, e.g. `tasks[0].then[1]` */
  path: string;
  parent?: TaskLike;
  relation: ChildRelation;
  depth: number;
}

/** Depth-first, in document order, over every task below `root` (a flow or a task). */
export function* walkTasks(root: Record<string, unknown>, basePath = '', parent?: TaskLike, depth = 0): Generator<VisitedTask> {
  for (const list of childLists(root)) {
    for (let i = 0; i < list.tasks.length; i++) {
      const task = list.tasks[i]!;
      const listPath = list.dependsOn ? `${list.path}[${i}].task` : `${list.path}[${i}]`;
      const path = basePath ? `${basePath}.${listPath}` : listPath;
      yield { task, path, parent, relation: list.relation, depth };
      yield* walkTasks(task, path, task, depth + 1);
    }
  }
}
