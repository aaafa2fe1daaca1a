// How the contract test calls each operation of openapi-2.0-oss.yml: path parameters and query
// parameters (only what the operation requires, unless a plan says more) and a request body of
// the declared content type, chosen to succeed on the seeded data. Operations without a plan get
// the defaults of VALUES. Calls that change or remove seeded data use their own targets.

import { DASHBOARD, NS, type Seed } from './seed.ts';

export interface Body { type: string; body: NonNullable<RequestInit['body']> }
export interface Plan {
  path?: Record<string, string>;
  query?: Record<string, string | string[]>;
  body?: Body;
  /** a declared status other than 2xx that is the right answer on the seeded data */
  status?: number;
  /** run after every other call (it deletes or locks what others read) */
  late?: true;
}

const json = (v: unknown): Body => ({ type: 'application/json', body: JSON.stringify(v) });
const yaml = (v: string): Body => ({ type: 'application/x-yaml', body: v });
const text = (v: string): Body => ({ type: 'text/plain', body: v });
const form = (parts: Record<string, string | File> = {}): Body => {
  const f = new FormData();
  for (const [k, v] of Object.entries(parts)) f.append(k, v);
  return { type: 'multipart/form-data', body: f };
};
const trigger = { namespace: NS, flowId: 'hello', triggerId: 'schedule' };
/** the seeded backfill's trigger */
const nightly = { namespace: NS, flowId: 'nightly', triggerId: 'schedule' };
const none = 'filters[namespace][EQUALS]=company.none';

/** Path parameter values by name (the seeded flow, execution, KV entry, file, dashboard, trigger). */
export function values(seed: Seed): Record<string, string> {
  return {
    tenant: 'main', namespace: NS, id: 'hello', flowId: 'hello', executionId: seed.done, key: 'my_key', taskRunId: seed.taskRun,
    kind: 'flow', cls: 'io.kestra.plugin.core.log.Log', type: 'io.kestra.plugin.core.log.Log', group: 'io.kestra.plugin.core',
    version: '0.1.0', path: 'sub', taskId: 'hello', triggerId: 'schedule', metric: 'duration', chartId: 'by_state',
  };
}

/** Query values by parameter name, for required parameters without a plan. */
export const QUERY: Record<string, string> = {
  namespace: NS, flowId: 'hello', q: 'hello', field: 'namespace', newStatus: 'SUCCESS', status: 'SUCCESS', state: 'RUNNING',
  maxRows: '10', triggerId: 'schedule', labels: 'team:data', section: 'TASKS',
};

export function plans(seed: Seed): Record<string, Plan> {
  const [s0, s1, s2, s3, s4, s5, s6, s7] = seed.spare as [string, string, string, string, string, string, string, string];
  const [r0, r1, r2, r3] = seed.running as [string, string, string, string];
  const [p0, p1, p2, p3] = seed.paused as [string, string, string, string];
  const [f0, f1] = seed.failed as [string, string, string];
  const [q0, q1, q2, q3] = seed.queued as [string, string, string, string];
  return {
    // instance
    login: { body: json({ username: 'admin@kestra.io', password: 'Secret123' }) },
    createBasicAuth: { body: json({ uid: 'admin', username: 'admin@kestra.io', password: 'Secret123' }), late: true },
    getPluginUiManifest: { body: json([{ type: 'io.kestra.plugin.core.log.Log' }]) },
    getPluginIconSvg: { path: { cls: 'io.kestra.plugin.core.log.Log' } },
    getSchemaFromInputType: { path: { type: 'STRING' } },
    getPluginDocumentationFromVersion: { path: { version: 'latest' } },
    getBlueprint: { path: { id: 'hello-world' } }, getBlueprintGraph: { path: { id: 'hello-world' } }, getBlueprintSource: { path: { id: 'hello-world' } },
    getPropertiesFromType: { path: { type: 'flow' } },
    getSchemasFromType: { path: { type: 'flow' } },
    // dashboards
    createDashboard: { body: yaml(DASHBOARD.replace('id: overview', 'id: second')) },
    updateDashboard: { path: { id: seed.dashboard }, body: yaml(DASHBOARD.replace('title: Overview', 'title: Overview 2')) },
    deleteDashboard: { path: { id: seed.dashboard }, late: true },
    getDashboard: { path: { id: seed.dashboard } },
    validateDashboard: { body: yaml(DASHBOARD) },
    validateChart: { body: yaml(DASHBOARD.split('charts:\n')[1]!.replace(/^ {2}- /, '').replace(/^ {4}/gm, '')) },
    previewChart: { body: json({ chart: DASHBOARD.split('charts:\n')[1]!.replace(/^ {2}- /, '').replace(/^ {4}/gm, '') }) },
    exportChartToCsv: { body: json({ chart: DASHBOARD.split('charts:\n')[1]!.replace(/^ {2}- /, '').replace(/^ {4}/gm, '') }) },
    getDashboardChartData: { path: { id: seed.dashboard }, body: json({}) },
    exportDashboardChartDataToCSV: { path: { id: seed.dashboard }, body: json({}) },
    // executions
    searchExecutionsByFlowId: { query: { namespace: NS, flowId: 'hello' } },
    deleteExecutionsByIds: { body: json([s0]), late: true },
    deleteExecutionsByQuery: { query: { filters: none }, late: true },
    updateExecutionsStatusByIds: { query: { newStatus: 'FAILED' }, body: json([s1]) },
    updateExecutionsStatusByQuery: { query: { newStatus: 'FAILED', filters: none } },
    findDistinctFieldValues: { query: { field: 'namespace', filters: `filters[namespace][EQUALS]=${NS}` } },
    exportExecutions: { query: { filters: `filters[namespace][EQUALS]=${NS}` } },
    forceRunByIds: { body: json([q0]) },
    forceRunExecutionsByQuery: { query: { filters: none } },
    killExecutionsByIds: { body: json([r0]) },
    killExecutionsByQuery: { query: { filters: none } },
    setLabelsOnTerminatedExecutionsByIds: { body: json({ executionsId: [s2], executionLabels: [{ key: 'team', value: 'data' }] }) },
    setLabelsOnTerminatedExecutionsByQuery: { query: { filters: none }, body: json([{ key: 'team', value: 'data' }]) },
    getLatestExecutions: { body: json([{ namespace: NS, id: 'hello' }]) },
    pauseExecutionsByIds: { body: json([r1]) },
    pauseExecutionsByQuery: { query: { filters: none } },
    replayExecutionsByIds: { body: json([s3]) },
    replayExecutionsByQuery: { query: { filters: none } },
    restartExecutionsByIds: { body: json([f0]) },
    restartExecutionsByQuery: { query: { filters: none } },
    resumeExecutionsByIds: { body: json([p0]) },
    resumeExecutionsByQuery: { query: { filters: none } },
    unqueueExecutionsByIds: { query: { state: 'RUNNING' }, body: json([q1]) },
    unqueueExecutionsByQuery: { query: { filters: none } },
    getExecution: {},
    deleteExecution: { path: { executionId: s4 }, late: true },
    updateExecutionStatus: { path: { executionId: s5 }, query: { status: 'FAILED' } },
    evalExpression: { body: text('{{ execution.id }}') },
    evalTaskRunExpression: { body: text('{{ taskrun.id }}') },
    forceRunExecution: { path: { executionId: q2 } },
    killExecution: { path: { executionId: r2 } },
    setLabelsOnTerminatedExecution: { path: { executionId: s6 }, body: json([{ key: 'team', value: 'data' }]) },
    pauseExecution: { path: { executionId: r3 } },
    replayExecution: { path: { executionId: s7 } },
    replayExecutionWithinputs: { path: { executionId: s7 }, body: form({ name: 'again' }) },
    restartExecution: { path: { executionId: f1 } },
    resumeExecution: { path: { executionId: p1 }, body: form({ approved: 'true' }) },
    resumeExecutionFromBreakpoint: { path: { executionId: seed.breakpoint } },
    validateResumeExecutionInputs: { path: { executionId: p3 }, body: form({ approved: 'true' }) },
    updateTaskRunState: { body: json({ taskRunId: seed.taskRun, state: 'FAILED' }), late: true },
    unqueueExecution: { path: { executionId: q3 } },
    downloadFileFromExecution: { path: { executionId: seed.withFile }, query: { path: seed.fileUri } },
    getFileMetadatasFromExecution: { path: { executionId: seed.withFile }, query: { path: seed.fileUri } },
    previewFileFromExecution: { path: { executionId: seed.withFile }, query: { path: seed.fileUri, maxRows: '10' } },
    createExecution: { body: form({ name: 'contract' }) },
    validateNewExecutionInputs: { query: { labels: 'team:data' }, body: form({ name: 'contract' }) },
    triggerExecutionByGetWebhookWithPath: {}, triggerExecutionByPutWebhookWithPath: {}, triggerExecutionByPostWebhookWithPath: {},
    // expressions
    renderExpressions: { body: json({ expressions: ['{{ 1 + 1 }}'] }) },
    // flows
    createFlow: { body: yaml(`id: created\nnamespace: ${NS}\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`) },
    bulkUpdateFlows: { query: { namespace: 'company.bulk', delete: 'false' }, body: yaml(`id: bulk\nnamespace: company.bulk\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`) },
    deleteFlowsByIds: { body: json([{ namespace: 'company.bulk', id: 'bulk' }]), late: true },
    deleteFlowsByQuery: { query: { filters: none }, late: true },
    disableFlowsByIds: { body: json([{ namespace: NS, id: 'doomed' }]) },
    disableFlowsByQuery: { query: { filters: none } },
    enableFlowsByIds: { body: json([{ namespace: NS, id: 'doomed' }]) },
    enableFlowsByQuery: { query: { filters: none } },
    exportFlowsByIds: { body: json([{ namespace: NS, id: 'hello' }]) },
    exportFlows: { query: { filters: `filters[namespace][EQUALS]=${NS}` } },
    expressions: { body: yaml(`id: hello\nnamespace: ${NS}\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`) },
    generateFlowGraphFromSource: { body: yaml(`id: g\nnamespace: ${NS}\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`) },
    importFlows: { body: form({ fileUpload: new File([`id: imported\nnamespace: ${NS}\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`], 'flows.yml') }) },
    validateFlows: { body: yaml(`id: v\nnamespace: ${NS}\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`) },
    validateTask: { query: { section: 'TASKS' }, body: json({ id: 'a', type: 'io.kestra.plugin.core.log.Log', message: 'hi' }) },
    validateTrigger: { body: json({ id: 't', type: 'io.kestra.plugin.core.trigger.Schedule', cron: '0 0 * * *' }) },
    updateFlowsInNamespace: { path: { namespace: 'company.sync' }, body: yaml(`id: synced\nnamespace: company.sync\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`) },
    updateFlow: { path: { id: 'doomed' }, body: yaml(`id: doomed\nnamespace: ${NS}\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: bye again\n`) },
    deleteFlow: { path: { id: 'doomed' }, late: true },
    deleteRevisions: { path: { id: 'revised' }, query: { revisions: '1' } },
    // KV, logs, metrics, namespaces, files
    listAllKeys: {},
    deleteLogsFromExecution: { path: { executionId: s0 }, late: true },
    deleteLogsFromFlow: { path: { flowId: 'doomed' }, query: { triggerId: 'schedule' }, late: true },
    autocompleteNamespaces: { body: json({ q: 'company' }) },
    searchNamespaces: { query: { filters: `filters[q][EQUALS]=company` } },
    getNamespace: { path: { id: NS } },
    getFileContent: { query: { path: '/sub/path' } },
    moveFileDirectory: { query: { from: '/sub/other.txt', to: '/sub/moved.txt' } },
    createNamespaceFile: { query: { path: '/sub/new.txt' }, body: form({ fileContent: new File(['x'], 'new.txt') }) },
    deleteFileDirectory: { query: { path: '/sub/new.txt' }, late: true },
    listNamespaceDirectoryFiles: { query: { path: '/sub' } },
    createNamespaceDirectory: { query: { path: '/made' } },
    getFileRevisions: { query: { path: '/sub/path' } },
    searchNamespaceFiles: { query: { q: 'path' } },
    getFileMetadatas: { query: { path: '/sub/path' } },
    deleteKeyValues: { body: json({ keys: ['other_key'] }), late: true },
    setKeyValue: { path: { key: 'other_key' }, body: text('"other"') },
    deleteKeyValue: { path: { key: 'my_key' }, late: true },
    listSecrets: { query: { filters: `filters[namespace][EQUALS]=${NS}` } },
    // triggers
    createBackfill: { body: json({ ...trigger, backfill: { start: '2024-01-01T00:00:00Z', end: '2024-06-01T00:00:00Z' } }) },
    pauseBackfill: { body: json(nightly) },
    unpauseBackfill: { body: json({ ...nightly, flowId: 'weekly' }) },
    deleteBackfill: { body: json(nightly), late: true },
    pauseBackfillByIds: { body: json([trigger]) },
    unpauseBackfillByIds: { body: json([trigger]) },
    deleteBackfillByIds: { body: json([trigger]) },
    pauseBackfillByQuery: { query: { filters: none } },
    unpauseBackfillByQuery: { query: { filters: none } },
    // only hello's: the seeded backfill on nightly is for the single-trigger calls
    deleteBackfillByQuery: { query: { filters: `filters[flowId][EQUALS]=hello` } },
    deleteTriggersByQuery: { body: json({ filters: [] }), query: { filters: none }, late: true },
    deleteTriggersByIds: { body: json([{ namespace: NS, flowId: 'doomed', triggerId: 'none' }]), late: true },
    exportTriggers: { query: { filters: `filters[namespace][EQUALS]=${NS}` } },
    disableTriggerById: { body: json({ ...trigger, disabled: false }) },
    disabledTriggersByQuery: { query: { filters: none, disabled: 'true' } },
    disabledTriggersByIds: { body: json({ triggers: [trigger], disabled: false }) },
    unlockTriggersByQuery: { query: { filters: none } },
    unlockTriggersByIds: { body: json([trigger]) },
    // no seeded trigger is locked (only a running scheduled execution locks one): the declared 409
    unlockTrigger: { path: { flowId: 'hello', triggerId: 'schedule' }, status: 409 },
    deleteTrigger: { path: { flowId: 'nightly', triggerId: 'schedule' }, late: true },
    // concurrency, MCP
    updateConcurrencyLimit: { path: { flowId: 'limited' }, body: json({ namespace: NS, flowId: 'limited', running: 1 }) },
    createMcp: { body: json({ id: 'local', name: 'local', type: 'STDIO', command: 'echo' }) },
    updateMcp: { path: { id: 'local' }, body: json({ id: 'local', name: 'local', type: 'STDIO', command: 'echo' }) },
    getMcp: { path: { id: 'local' } }, toggleMcp: { path: { id: 'local' } }, listTools: { path: { id: 'local' } },
    deleteMcp: { path: { id: 'local' }, late: true },
  };
}
