import { describe, expect, test } from 'bun:test';
import type { LogEntry, LogLevel } from '../../src/logs/model.ts';
import { createLogStore } from '../../src/logs/store.ts';
import { openDb } from '../../src/shared/db.ts';
import { executionCountTask } from '../../src/tasks/core/execution-count.ts';
import { executionPurgeExecutionsTask } from '../../src/tasks/core/execution-purge-executions.ts';
import { logFetchTask } from '../../src/tasks/core/log-fetch.ts';
import { logPurgeLogsTask } from '../../src/tasks/core/log-purge-logs.ts';
import { triggerToggleTask } from '../../src/tasks/core/trigger-toggle.ts';
import type { ExecutionCountQuery, ExecutionPurgeRequest, LogPurgeFilter, LogsAccess } from '../../src/tasks/types.ts';
import { buildRunContext, runExpectingError, type RunContextOptions, type TestRun } from '../helpers/run-context.ts';

const CORE = 'io.kestra.plugin.core.';
const ctx = (type: string, props: Record<string, unknown>, extra: Partial<RunContextOptions> = {}) =>
  buildRunContext({ task: { id: 'admin', type: CORE + type, ...props }, ...extra });
const T0 = Date.UTC(2025, 0, 1);

function logsOf(entries: Partial<LogEntry>[]): { access: LogsAccess; purged: LogPurgeFilter[] } {
  const store = createLogStore(openDb(false));
  store.insert(entries.map((e, i) => ({
    tenant: 'main', namespace: 'company.team', flowId: 'my-flow', executionId: 'exec1', attemptNumber: 0, timestamp: T0 + i,
    level: 'INFO' as LogLevel, thread: 'worker', message: `m${i}`, ...e,
  })));
  const purged: LogPurgeFilter[] = [];
  return {
    purged,
    access: {
      find: (filter) => store.find('main', filter).results,
      purge: (filter) => (purged.push(filter), 7),
    },
  };
}

const fileLines = (r: TestRun, uri: unknown) => new TextDecoder().decode(r.ctx.storage.readFile(uri as string)).split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('log.Fetch', () => {
  const entries: Partial<LogEntry>[] = [
    { taskId: 'a', taskRunId: 'tr1', level: 'DEBUG', message: 'debug a' },
    { taskId: 'a', taskRunId: 'tr1', level: 'INFO', message: 'info a' },
    { taskId: 'b', taskRunId: 'tr2', level: 'ERROR', message: 'error b' },
    { executionId: 'exec2', taskId: 'a', message: 'other execution' },
    { namespace: 'company.team.sub', taskId: 'a', message: 'child namespace' },
  ];

  test('current execution at INFO and above, one Kestra LogEntry JSON per line', async () => {
    const { access } = logsOf(entries);
    const r = ctx('log.Fetch', {}, { logs: access });
    const out = (await r.run(logFetchTask))!.outputs!;
    expect(out.size).toBe(2);
    expect(out.uri).toEndWith('/logs.ion');
    expect(fileLines(r, out.uri)).toEqual([
      { namespace: 'company.team', flowId: 'my-flow', taskId: 'a', executionId: 'exec1', taskRunId: 'tr1', attemptNumber: 0, timestamp: '2025-01-01T00:00:00.001Z', level: 'INFO', thread: 'worker', message: 'info a', deleted: false },
      { namespace: 'company.team', flowId: 'my-flow', taskId: 'b', executionId: 'exec1', taskRunId: 'tr2', attemptNumber: 0, timestamp: '2025-01-01T00:00:00.002Z', level: 'ERROR', thread: 'worker', message: 'error b', deleted: false },
    ]);
  });

  test('tasksId, level, executionId select the logs; bad level fails; no logs service fails', async () => {
    const { access } = logsOf(entries);
    const r = ctx('log.Fetch', { tasksId: ['a'], level: 'DEBUG' }, { logs: access });
    expect(fileLines(r, (await r.run(logFetchTask))!.outputs!.uri).map((l) => l.message)).toEqual(['debug a', 'info a']);
    const other = ctx('log.Fetch', { executionId: '{{ "exec2" }}' }, { logs: access });
    expect((await other.run(logFetchTask))!.outputs!.size).toBe(1);
    const bad = ctx('log.Fetch', { level: 'LOUD' }, { logs: access });
    expect((await runExpectingError(bad, logFetchTask)).message).toContain('`org.slf4j.event.Level` from String "LOUD"');
    expect((await runExpectingError(ctx('log.Fetch', {}), logFetchTask)).message).toBe("log.Fetch is not available: this kestra-lite runner provides no 'logs' service to tasks");
  });
});

describe('log.PurgeLogs', () => {
  test('passes the rendered filter and returns {count}', async () => {
    const { access, purged } = logsOf([]);
    const r = ctx('log.PurgeLogs', { namespace: 'company', flowId: 'f', logLevels: ['TRACE', 'DEBUG'], startDate: '2024-01-01T00:00:00Z', endDate: '{{ execution.startDate }}' }, { logs: access });
    expect((await r.run(logPurgeLogsTask))!.outputs).toEqual({ count: 7 });
    expect(purged).toEqual([{ endDate: T0, startDate: Date.UTC(2024, 0, 1), namespace: 'company', flowId: 'f', levels: ['TRACE', 'DEBUG'] }]);
  });

  test('errors: endDate missing or invalid, unknown level', async () => {
    const { access } = logsOf([]);
    expect((await runExpectingError(ctx('log.PurgeLogs', {}, { logs: access }), logPurgeLogsTask)).message).toBe("Missing required property 'endDate'");
    expect((await runExpectingError(ctx('log.PurgeLogs', { endDate: 'yesterday' }, { logs: access }), logPurgeLogsTask)).message).toBe(
      "Invalid date for property 'endDate': 'yesterday' is not an ISO-8601 date-time",
    );
    const bad = ctx('log.PurgeLogs', { endDate: '2025-01-01T00:00:00Z', logLevels: ['LOUD'] }, { logs: access });
    expect((await runExpectingError(bad, logPurgeLogsTask)).message).toContain('from String "LOUD"');
  });
});

describe('execution.Count', () => {
  const admin = (rows: { namespace: string; flowId: string; count: number }[], queries: ExecutionCountQuery[] = []) => ({
    count: (q: ExecutionCountQuery) => (queries.push(q), rows.map((r) => ({ ...r }))),
    purge: () => { throw new Error('unused'); },
  });

  test('keeps the flows whose expression renders "true" with `count`; listed flows without executions count 0', async () => {
    const queries: ExecutionCountQuery[] = [];
    const r = ctx('execution.Count', {
      flows: [{ namespace: 'company.team', id: 'a' }, { namespace: 'company.team', id: 'silent' }],
      states: ['SUCCESS'], startDate: '{{ execution.startDate }}', expression: '{{ count < 5 }}',
    }, { executionsAdmin: admin([{ namespace: 'company.team', flowId: 'a', count: 3 }, { namespace: 'company.team', flowId: 'b', count: 9 }], queries) });
    expect((await r.run(executionCountTask))!.outputs).toEqual({
      results: [{ namespace: 'company.team', flowId: 'a', count: 3 }, { namespace: 'company.team', flowId: 'silent', count: 0 }],
      total: 3,
    });
    expect(queries).toEqual([{ flows: [{ namespace: 'company.team', flowId: 'a' }, { namespace: 'company.team', flowId: 'silent' }], states: ['SUCCESS'], startDate: T0 }]);
  });

  test('namespaces filter; errors: unknown state, missing expression, no service', async () => {
    const queries: ExecutionCountQuery[] = [];
    const r = ctx('execution.Count', { namespaces: ['company'], startDate: '2024-12-01T00:00:00Z', endDate: '2025-01-01T00:00:00Z', expression: '{{ count > 0 }}' }, {
      executionsAdmin: admin([{ namespace: 'company.x', flowId: 'f', count: 2 }], queries),
    });
    expect((await r.run(executionCountTask))!.outputs).toEqual({ results: [{ namespace: 'company.x', flowId: 'f', count: 2 }], total: 2 });
    expect(queries[0]).toEqual({ namespaces: ['company'], startDate: Date.UTC(2024, 11, 1), endDate: T0 });
    const badState = ctx('execution.Count', { states: ['DONE'], expression: 'x' }, { executionsAdmin: admin([]) });
    expect((await runExpectingError(badState, executionCountTask)).message).toContain('State$Type` from String "DONE"');
    expect((await runExpectingError(ctx('execution.Count', {}, { executionsAdmin: admin([]) }), executionCountTask)).message).toBe("Missing required property 'expression'");
    expect((await runExpectingError(ctx('execution.Count', { expression: 'x' }), executionCountTask)).message).toContain("provides no 'executionsAdmin' service");
  });
});

describe('execution.PurgeExecutions', () => {
  test('builds the purge request (flags default to true) and returns the counts', async () => {
    const requests: ExecutionPurgeRequest[] = [];
    const executionsAdmin = {
      count: () => [],
      purge: (req: ExecutionPurgeRequest) => (requests.push(req), { executionsCount: 2, logsCount: 10, storagesCount: 3, metricsCount: 4 }),
    };
    const r = ctx('execution.PurgeExecutions', { namespace: 'company', endDate: '{{ execution.startDate }}', purgeLog: false, states: ['FAILED'], batchSize: 50 }, { executionsAdmin });
    expect((await r.run(executionPurgeExecutionsTask))!.outputs).toEqual({ executionsCount: 2, logsCount: 10, storagesCount: 3, metricsCount: 4 });
    expect(requests).toEqual([{ endDate: T0, purgeExecution: true, purgeLog: false, purgeMetric: true, purgeStorage: true, namespace: 'company', states: ['FAILED'], batchSize: 50 }]);
    expect((await runExpectingError(ctx('execution.PurgeExecutions', {}, { executionsAdmin }), executionPurgeExecutionsTask)).message).toBe("Missing required property 'endDate'");
  });
});

describe('trigger.Toggle', () => {
  test('disables by default, enables with enabled: true; defaults to the current flow; unknown trigger fails', async () => {
    const calls: unknown[][] = [];
    const triggers = { setDisabled: (...args: [string, string, string, boolean]) => (calls.push(args), args[2] !== 'ghost') };
    expect(await ctx('trigger.Toggle', { trigger: 'schedule' }, { triggers }).run(triggerToggleTask)).toBeUndefined();
    await ctx('trigger.Toggle', { namespace: 'other', flowId: 'f', trigger: '{{ "hook" }}', enabled: true }, { triggers }).run(triggerToggleTask);
    expect(calls).toEqual([['company.team', 'my-flow', 'schedule', true], ['other', 'f', 'hook', false]]);
    expect((await runExpectingError(ctx('trigger.Toggle', { trigger: 'ghost' }, { triggers }), triggerToggleTask)).message).toBe(
      "Unable to find trigger 'ghost' for flow 'company.team.my-flow'",
    );
    expect((await runExpectingError(ctx('trigger.Toggle', {}, { triggers }), triggerToggleTask)).message).toBe("Missing required property 'trigger'");
    expect((await runExpectingError(ctx('trigger.Toggle', { trigger: 's' }), triggerToggleTask)).message).toContain("provides no 'triggers' service");
  });
});
