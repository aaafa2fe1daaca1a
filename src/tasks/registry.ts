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
import { executionCountTask } from './core/execution-count.ts';
import { executionPurgeExecutionsTask } from './core/execution-purge-executions.ts';
import { logFetchTask } from './core/log-fetch.ts';
import { logPurgeLogsTask } from './core/log-purge-logs.ts';
import { namespaceDeleteFilesTask } from './core/namespace-delete-files.ts';
import { namespaceDownloadFilesTask } from './core/namespace-download-files.ts';
import { namespaceUploadFilesTask } from './core/namespace-upload-files.ts';
import { stateDeleteTask } from './core/state-delete.ts';
import { stateGetTask } from './core/state-get.ts';
import { stateSetTask } from './core/state-set.ts';
import { storageConcatTask } from './core/storage-concat.ts';
import { storageDeduplicateItemsTask } from './core/storage-deduplicate-items.ts';
import { storageDeleteTask } from './core/storage-delete.ts';
import { storageFilterItemsTask } from './core/storage-filter-items.ts';
import { storageLocalFilesTask } from './core/storage-local-files.ts';
import { storagePurgeExecutionFilesTask } from './core/storage-purge-execution-files.ts';
import { storageReverseTask } from './core/storage-reverse.ts';
import { storageSizeTask } from './core/storage-size.ts';
import { storageSplitTask } from './core/storage-split.ts';
import { createTemplatedTask } from './core/templated-task.ts';
import { triggerToggleTask } from './core/trigger-toggle.ts';
import type { Fixtures } from './fixtures.ts';
import type { RunnableTask } from './types.ts';

const CORE = 'io.kestra.plugin.core.';
const TEMPLATED = `${CORE}templating.TemplatedTask`;

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
  [`${CORE}storage.Concat`]: storageConcatTask,
  [`${CORE}storage.Split`]: storageSplitTask,
  [`${CORE}storage.Size`]: storageSizeTask,
  [`${CORE}storage.Delete`]: storageDeleteTask,
  [`${CORE}storage.Reverse`]: storageReverseTask,
  [`${CORE}storage.FilterItems`]: storageFilterItemsTask,
  [`${CORE}storage.DeduplicateItems`]: storageDeduplicateItemsTask,
  [`${CORE}storage.PurgeCurrentExecutionFiles`]: storagePurgeExecutionFilesTask,
  [`${CORE}storage.LocalFiles`]: storageLocalFilesTask,
  [`${CORE}namespace.UploadFiles`]: namespaceUploadFilesTask,
  [`${CORE}namespace.DownloadFiles`]: namespaceDownloadFilesTask,
  [`${CORE}namespace.DeleteFiles`]: namespaceDeleteFilesTask,
  [`${CORE}log.Fetch`]: logFetchTask,
  [`${CORE}log.PurgeLogs`]: logPurgeLogsTask,
  [`${CORE}state.Set`]: stateSetTask,
  [`${CORE}state.Get`]: stateGetTask,
  [`${CORE}state.Delete`]: stateDeleteTask,
  [`${CORE}execution.Count`]: executionCountTask,
  [`${CORE}execution.PurgeExecutions`]: executionPurgeExecutionsTask,
  [`${CORE}trigger.Toggle`]: triggerToggleTask,
  // core handlers only; createTaskRegistry gives each registry its own (fixtures too)
  [TEMPLATED]: createTemplatedTask((type) => coreHandler(defaultPluginCatalog(), type)),
});

function coreHandler(catalog: PluginCatalog, type: string): RunnableTask | undefined {
  const canonical = catalog.canonicalType(type);
  return Object.prototype.hasOwnProperty.call(CORE_RUNNABLE_TASKS, canonical) ? CORE_RUNNABLE_TASKS[canonical] : undefined;
}

export interface TaskRegistry {
  /** the handler of a task type (canonical or alias); undefined for core types not runnable here */
  runnable(type: string): RunnableTask | undefined;
}

export function createTaskRegistry(opts: { fixtures: Fixtures; catalog?: PluginCatalog }): TaskRegistry {
  const catalog = opts.catalog ?? defaultPluginCatalog();
  const registry: TaskRegistry = {
    runnable(type) {
      const canonical = catalog.canonicalType(type);
      // TemplatedTask runs its spec'd task through this registry, so non-core specs get fixtures
      if (canonical === TEMPLATED) return templated;
      const handler = coreHandler(catalog, canonical);
      if (handler) return handler;
      return isCoreType(canonical) ? undefined : opts.fixtures.runner;
    },
  };
  const templated = createTemplatedTask((type) => registry.runnable(type));
  return registry;
}
