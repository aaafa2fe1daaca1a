import { describe, expect, test } from 'bun:test';
import { httpRequestTask } from '../../src/tasks/core/http-request.ts';
import { labelsTask } from '../../src/tasks/core/labels.ts';
import { logTask } from '../../src/tasks/core/log.ts';
import { returnTask } from '../../src/tasks/core/return.ts';
import { createFixtures } from '../../src/tasks/fixtures/fixtures.ts';
import { CORE_RUNNABLE_TASKS, createTaskRegistry } from '../../src/tasks/registry.ts';
import { defaultPluginCatalog } from '../../src/plugins/catalog.ts';

describe('task registry', () => {
  const fixtures = createFixtures({ watch: false, strict: false });
  const registry = createTaskRegistry({ fixtures });

  test('canonical core types map to their handlers', () => {
    expect(registry.runnable('io.kestra.plugin.core.log.Log')).toBe(logTask);
    expect(registry.runnable('io.kestra.plugin.core.execution.Labels')).toBe(labelsTask);
  });

  test('aliases resolve through the catalog', () => {
    expect(registry.runnable('io.kestra.core.tasks.log.Log')).toBe(logTask);
    expect(registry.runnable('io.kestra.core.tasks.debugs.Return')).toBe(returnTask);
    expect(registry.runnable('io.kestra.plugin.fs.http.Request')).toBe(httpRequestTask);
  });

  test('core types without a handler here (flowables, other tasks) give undefined', () => {
    expect(registry.runnable('io.kestra.plugin.core.flow.Sequential')).toBeUndefined();
    expect(registry.runnable('io.kestra.plugin.core.flow.Parallel')).toBeUndefined();
    expect(registry.runnable('io.kestra.plugin.core.does.NotExist')).toBeUndefined();
  });

  test('non-core types are played by the fixtures', () => {
    expect(registry.runnable('io.kestra.plugin.scripts.python.Script')).toBe(fixtures.runner);
    expect(registry.runnable('io.kestra.plugin.jdbc.postgresql.Query')).toBe(fixtures.runner);
  });

  test('every handler is for a task type the catalog knows as a non-flowable task', () => {
    const catalog = defaultPluginCatalog();
    for (const type of Object.keys(CORE_RUNNABLE_TASKS)) {
      const def = catalog.resolve(type);
      expect(def?.type).toBe(type);
      expect(def?.kind).toBe('task');
      expect(def?.flowable).toBe(false);
    }
  });
});
