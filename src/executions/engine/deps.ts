// What the engine is built from: the stores it writes, the clock and ids, and the hooks through
// which it runs tasks and renders their properties (see engine.ts).

import type { ExpressionEngine } from '../../expressions/index.ts';
import type { KvAccess } from '../../kv/model.ts';
import type { LogStore } from '../../logs/store.ts';
import type { MetricStore } from '../../metrics/store.ts';
import type { BlobStore } from '../../shared/storage/blobs.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { EventBus } from '../../shared/events.ts';
import type { IdGenerator } from '../../shared/ids.ts';
import type { Ports } from '../../shared/ports.ts';
import type { RunnableTask } from '../../tasks/types.ts';
import type { Execution } from '../model.ts';
import type { ExecutionStore } from '../store.ts';
import type { FlowPlan } from './plan.ts';
import type { TaskContextDeps } from './attempts/task-context.ts';

export interface EngineDeps {
  clock: Clock;
  ids: IdGenerator;
  events: EventBus;
  executions: ExecutionStore;
  logs: LogStore;
  metrics: MetricStore;
  blobs: BlobStore;
  /** one expression engine per tenant (its kv()/read()/secret() functions are tenant-bound) */
  expressions(tenant: string): ExpressionEngine;
  kv(tenant: string): KvAccess;
  fetch: typeof fetch;
  runnable(type: string): RunnableTask;
  /** the expression `inputs` variable: execution inputs plus declared defaults */
  inputsVariable(plan: FlowPlan, exec: Execution): Record<string, unknown> | undefined;
  coerceOutput(type: string, value: unknown, id: string): unknown;
  envs: Record<string, string>;
  globals: Record<string, unknown>;
  services?: TaskContextDeps['services'];
  /** what tasks reach of the services built after the engine (child executions, resume, triggers) */
  ports: Ports;
  /** hides secret values in log messages before they are stored or announced */
  maskSecrets?: (text: string) => string;
  /** the size cap of one task's outputs (output-limit.ts) */
  maxOutputsBytes?: number;
}
