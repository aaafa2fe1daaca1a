// What the scheduler is built from, in a file of its own: sync.ts needs these types and
// scheduler.ts needs sync.ts's functions, and the types must not close that loop.

import type { ExpressionEngine } from '../expressions/index.ts';
import type { ExecutionService } from '../executions/service.ts';
import type { FlowService } from '../flows/service.ts';
import type { PluginCatalog } from '../plugins/catalog.ts';
import type { Clock } from '../shared/time/clock.ts';
import type { EventBus } from '../shared/events.ts';
import type { DateResolver } from './dates.ts';
import type { TriggerContext } from './model.ts';
import type { SlotCalculator } from './slots.ts';
import type { TriggerStore } from './store.ts';

export interface SchedulerDeps {
  store: TriggerStore; flows: FlowService; catalog: PluginCatalog; executions: ExecutionService; events: EventBus;
  clock: Clock; slots: SlotCalculator; expressions(tenant: string): ExpressionEngine;
  envs: Record<string, string>; globals: Record<string, unknown>;
  onError?(message: string, t?: Pick<TriggerContext, 'tenant' | 'namespace' | 'flowId' | 'triggerId'>): void;
  onWarn?(message: string, t: Pick<TriggerContext, 'tenant' | 'namespace' | 'flowId' | 'triggerId'>): void;
}

/** What syncing trigger contexts needs: the scheduler's deps and its ScheduleOnDates resolver. */
export type SyncDeps = SchedulerDeps & { resolveDates: DateResolver };
