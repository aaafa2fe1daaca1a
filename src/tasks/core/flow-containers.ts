// Flowables whose children are a fixed list: Sequential (and the kinds that walk like it:
// AllowFailure, WorkingDirectory, Pause), Parallel and Dag. Nothing to render at start.

import { branches, enabledTasks, intProp, sequential, type FlowableHandler } from '../flowable.ts';
import type { TaskDefinition } from '../types.ts';

export const sequentialFlowable: FlowableHandler = {
  spec: (task) => ({ items: sequential(enabledTasks(task.tasks)), groupLimit: 1, ...branches(task) }),
};

/** failed children make the task WARNING, whatever its own allowFailure says */
export const allowFailureFlowable: FlowableHandler = { ...sequentialFlowable, allowsFailure: true };

/** its deprecated `tasks` run after the resume; without tasks it ends SUCCESS then */
export const pauseFlowable: FlowableHandler = { ...sequentialFlowable, pauses: true };

/** one group per child, `concurrent` groups at a time (0 = all) */
export const parallelFlowable: FlowableHandler = {
  spec: (task) => ({ items: enabledTasks(task.tasks).map((t, i) => ({ task: t, group: i })), groupLimit: intProp(task.concurrent, 0), ...branches(task) }),
};

export const dagFlowable: FlowableHandler = {
  spec(task) {
    const entries = (Array.isArray(task.tasks) ? task.tasks : []) as { task: TaskDefinition; dependsOn?: string[] }[];
    const live = entries.filter((e) => e.task && e.task.disabled !== true);
    return {
      items: live.map((e, i) => ({ task: e.task, group: i })),
      groupLimit: intProp(task.concurrent, 0),
      dependsOn: new Map(live.map((e) => [String(e.task.id), e.dependsOn ?? []])),
      ...branches(task),
    };
  },
};
