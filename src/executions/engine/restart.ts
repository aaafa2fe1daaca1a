// Which task ids belong to an `errors` list anywhere in the flow (restart removes their runs).

import { walkTasks } from '../../flows/walk.ts';
import type { FlowPlan } from './plan.ts';

export function errorTaskIds(plan: FlowPlan): Set<string> {
  const ids = new Set<string>();
  const collect = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const t of list as Record<string, unknown>[]) {
      ids.add(String(t.id));
      for (const { task } of walkTasks(t)) ids.add(String(task.id));
    }
  };
  collect(plan.flow.errors);
  for (const { task } of walkTasks(plan.flow)) collect(task.errors);
  return ids;
}
