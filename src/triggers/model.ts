// Trigger contexts (api-contract §2.7, engine-contract §5.1): the scheduler's per-trigger state.
// Dates are epoch ms here; the JSON writes them as zoned ISO strings in the trigger's zone.

import type { Label } from '../flows/model.ts';
import type { StateType } from '../executions/state.ts';

export interface Backfill {
  start: number;
  end?: number;
  currentDate?: number;
  paused: boolean;
  inputs?: Record<string, unknown>;
  labels?: Label[];
  previousNextExecutionDate?: number;
}

export interface TriggerContext {
  tenant: string;
  namespace: string;
  flowId: string;
  triggerId: string;
  /** last evaluated slot */
  date?: number;
  nextExecutionDate?: number;
  backfill?: Backfill;
  stopAfter?: StateType[];
  disabled: boolean;
  /** execution currently owned by the trigger ("locked" while it runs) */
  executionId?: string;
  updatedDate?: number;
  evaluateRunningDate?: number;
  workerId?: string;
  /** zone used to print the dates (the trigger's `timezone`) */
  timezone: string;
}

export const triggerKey = (tenant: string, namespace: string, flowId: string, triggerId: string) =>
  `${tenant}\u0000${namespace}\u0000${flowId}\u0000${triggerId}`;

export const keyOf = (t: Pick<TriggerContext, 'tenant' | 'namespace' | 'flowId' | 'triggerId'>) => triggerKey(t.tenant, t.namespace, t.flowId, t.triggerId);

export const SCHEDULE = 'io.kestra.plugin.core.trigger.Schedule';
export const SCHEDULE_ON_DATES = 'io.kestra.plugin.core.trigger.ScheduleOnDates';
export const WEBHOOK = 'io.kestra.plugin.core.trigger.Webhook';
export const FLOW_TRIGGER = 'io.kestra.plugin.core.trigger.Flow';
/** types that get a trigger context (evaluated by the scheduler) */
export const SCHEDULED_TYPES = new Set([SCHEDULE, SCHEDULE_ON_DATES]);
