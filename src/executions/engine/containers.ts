// The heart of the scheduling loop (engine-contract §3.3): given a container (the flow itself or
// a flowable task run), its child task runs and its spec, create whatever may start now and
// tell whether the container is finished and in which state.
//
// Branch rule: once a normal child FAILED (and will not be retried) or an errors child exists,
// no further normal child starts and the `errors` list runs; the container's state still comes
// from its normal children (errors never rescue). `finally` runs after either branch.

import type { TaskDefinition } from '../../tasks/types.ts';
import type { TaskRun } from '../model.ts';
import { isTerminal, type StateType } from '../state.ts';
import type { ContainerSpec } from '../../tasks/flowable.ts';
import { guessFinalState } from './final-state.ts';

export type CreateChild = (task: TaskDefinition, value: string | undefined) => void;

export interface ContainerResult { changed: boolean; final?: StateType }

const keyOf = (taskId: string, value: string | undefined) => `${taskId}\u0000${value ?? ''}`;

/** Runs a plain list one task after another; `done` once every task has a terminal run. */
function sequentialNext(list: TaskDefinition[], runs: TaskRun[], create: CreateChild): 'created' | 'waiting' | 'done' {
  const byId = new Map(runs.map((r) => [r.taskId, r]));
  for (const task of list) {
    const run = byId.get(task.id);
    if (!run) { create(task, undefined); return 'created'; }
    if (!isTerminal(run.state.current)) return 'waiting';
  }
  return 'done';
}

/** Creates the next normal children allowed by groups, limits and Dag dependencies. */
function createNext(spec: ContainerSpec, byKey: Map<string, TaskRun>, create: CreateChild): { changed: boolean; done: boolean } {
  let changed = false;
  const runOf = (taskId: string, value?: string) => byKey.get(keyOf(taskId, value));
  const groups = new Map<number, typeof spec.items>();
  for (const item of spec.items) {
    let g = groups.get(item.group);
    if (!g) groups.set(item.group, (g = []));
    g.push(item);
  }
  const activeGroup = (items: typeof spec.items) => items.some((i) => { const r = runOf(i.task.id, i.value); return r && !isTerminal(r.state.current); });
  let active = 0;
  for (const items of groups.values()) if (activeGroup(items)) active++;
  const limit = spec.groupLimit;

  for (const items of groups.values()) {
    if (activeGroup(items)) continue;
    const next = items.find((i) => !runOf(i.task.id, i.value));
    if (!next) continue;
    if (spec.dependsOn) {
      const deps = spec.dependsOn.get(next.task.id) ?? [];
      if (!deps.every((d) => { const r = runOf(d); return r && isTerminal(r.state.current); })) continue;
    }
    if (limit > 0 && active >= limit) break;
    create(next.task, next.value);
    byKey.set(keyOf(next.task.id, next.value), { state: { current: 'CREATED' } } as TaskRun);
    active++;
    changed = true;
  }
  const done = spec.items.every((i) => { const r = runOf(i.task.id, i.value); return r && isTerminal(r.state.current); });
  return { changed, done };
}

export function resolveContainer(children: TaskRun[], spec: ContainerSpec, create: CreateChild): ContainerResult {
  const errorIds = new Set(spec.errors.map((t) => t.id));
  const finallyIds = new Set(spec.finally.map((t) => t.id));
  const normal: TaskRun[] = [], errorRuns: TaskRun[] = [], finallyRuns: TaskRun[] = [];
  for (const c of children) (errorIds.has(c.taskId) ? errorRuns : finallyIds.has(c.taskId) ? finallyRuns : normal).push(c);

  let main: StateType | undefined;
  let changed = false;
  const failed = normal.some((r) => r.state.current === 'FAILED');
  if (errorRuns.length || failed) {
    if (normal.some((r) => r.state.current === 'RETRYING')) return { changed: false };
    const step = spec.errors.length ? sequentialNext(spec.errors, errorRuns, create) : 'done';
    if (step === 'created') changed = true;
    if (step === 'done') main = guessFinalState(normal);
  } else {
    const byKey = new Map<string, TaskRun>();
    for (const r of normal) byKey.set(keyOf(r.taskId, r.value), r);
    const next = createNext(spec, byKey, create);
    changed = next.changed;
    if (next.done && !changed) main = guessFinalState(normal);
  }
  if (main === undefined) return { changed };
  if (!spec.finally.length) return { changed, final: main };
  const step = sequentialNext(spec.finally, finallyRuns, create);
  if (step !== 'done') return { changed: changed || step === 'created' };
  const after = guessFinalState(finallyRuns);
  return { changed, final: after === 'FAILED' || after === 'KILLED' ? after : main };
}
