// Task type → RunnableTask. Core runnable types map to their handlers in core/; aliases
// (io.kestra.core.tasks.*, io.kestra.plugin.fs.http.*) are resolved through the plugin catalog
// first. Core types without a handler here (flowables, tasks not implemented) give undefined:
// the engine decides. Every non-core type (scripts, JDBC, cloud...) is played by the fixtures.

import { defaultPluginCatalog, isCoreType, type PluginCatalog } from '../plugins/catalog.ts';
import { echoTask } from './core/echo.ts';
import { failTask } from './core/fail.ts';
import { httpRequestTask } from './core/http-request.ts';
import { kvDeleteTask } from './core/kv-delete.ts';
import { kvGetKeysTask } from './core/kv-get-keys.ts';
import { kvGetTask } from './core/kv-get.ts';
import { kvSetTask } from './core/kv-set.ts';
import { labelsTask } from './core/labels.ts';
import { logTask } from './core/log.ts';
import { outputValuesTask } from './core/output-values.ts';
import { returnTask } from './core/return.ts';
import { sleepTask } from './core/sleep.ts';
import type { Fixtures } from './fixtures.ts';
import type { RunnableTask } from './types.ts';

const CORE = 'io.kestra.plugin.core.';

export const CORE_RUNNABLE_TASKS: Readonly<Record<string, RunnableTask>> = Object.freeze({
  [`${CORE}log.Log`]: logTask,
  [`${CORE}debug.Return`]: returnTask,
  [`${CORE}debug.Echo`]: echoTask,
  [`${CORE}output.OutputValues`]: outputValuesTask,
  [`${CORE}execution.Fail`]: failTask,
  [`${CORE}flow.Sleep`]: sleepTask,
  [`${CORE}execution.Labels`]: labelsTask,
  [`${CORE}kv.Set`]: kvSetTask,
  [`${CORE}kv.Get`]: kvGetTask,
  [`${CORE}kv.Delete`]: kvDeleteTask,
  [`${CORE}kv.GetKeys`]: kvGetKeysTask,
  [`${CORE}http.Request`]: httpRequestTask,
});

export interface TaskRegistry {
  /** the handler of a task type (canonical or alias); undefined for core types not runnable here */
  runnable(type: string): RunnableTask | undefined;
}

export function createTaskRegistry(opts: { fixtures: Fixtures; catalog?: PluginCatalog }): TaskRegistry {
  const catalog = opts.catalog ?? defaultPluginCatalog();
  return {
    runnable(type) {
      const canonical = catalog.canonicalType(type);
      const handler = Object.prototype.hasOwnProperty.call(CORE_RUNNABLE_TASKS, canonical) ? CORE_RUNNABLE_TASKS[canonical] : undefined;
      if (handler) return handler;
      return isCoreType(canonical) ? undefined : opts.fixtures.runner;
    },
  };
}
