// The data sources a chart reads (Kestra's Executions, Logs, Metrics, Flows and Triggers data
// filters) over the tables other features own. Each source lists its fields once: the field
// name a dashboard writes, the SQL expression behind it and how its values are read and written.
// Only these constant expressions ever reach SQL text; everything a user writes is bound.

import type { SourceName } from './model.ts';

/** How a field's values are compared and printed. */
export type FieldKind = 'text' | 'number' | 'date' | 'level' | 'duration' | 'labels';

export interface FieldDef { sql: string; kind: FieldKind }

export interface SourceDef {
  name: SourceName;
  /** the table or sub-select, with `tenant` among its columns */
  from: string;
  /** extra conditions every query of this source carries */
  always?: string;
  fields: Readonly<Record<string, FieldDef>>;
  /** fields that can't be aggregated nor sit next to an aggregation (Kestra's aggregationForbiddenFields) */
  noAggregation?: readonly string[];
  /** the fields the dashboard's time window narrows: `>= start` and `<= end` */
  window?: { start: string; end: string };
  /** the fields the request's global filters (namespace, flowId, state, labels) replace */
  global: Partial<Record<'namespace' | 'flowId' | 'state' | 'labels', string>>;
  /** Java enum class of the fields, for Jackson-style messages */
  enumClass: string;
}

const text = (sql: string): FieldDef => ({ sql, kind: 'text' });

/** The value of the label whose key is bound as the one argument. */
export const LABEL_VALUE_SQL =
  "(SELECT json_extract(l.value, '$.value') FROM json_each(labels) l WHERE json_extract(l.value, '$.key') = ?)";

const EXECUTIONS: SourceDef = {
  name: 'Executions',
  from: 'executions',
  fields: {
    ID: text('id'),
    NAMESPACE: text('namespace'),
    FLOW_ID: text('flow_id'),
    FLOW_REVISION: { sql: "json_extract(json, '$.flowRevision')", kind: 'number' },
    STATE: text('state'),
    // JDBC Kestra keeps durations in milliseconds; an execution still running has none yet
    DURATION: { sql: '(end_date - start_date)', kind: 'duration' },
    LABELS: { sql: LABEL_VALUE_SQL, kind: 'labels' },
    START_DATE: { sql: 'start_date', kind: 'date' },
    END_DATE: { sql: 'end_date', kind: 'date' },
    TRIGGER_EXECUTION_ID: text('trigger_execution_id'),
  },
  window: { start: 'START_DATE', end: 'END_DATE' },
  global: { namespace: 'NAMESPACE', flowId: 'FLOW_ID', state: 'STATE', labels: 'LABELS' },
  enumClass: 'io.kestra.plugin.core.dashboard.data.IExecutions$Fields',
};

const LOGS: SourceDef = {
  name: 'Logs',
  from: 'logs',
  fields: {
    ID: text('CAST(seq AS TEXT)'),
    NAMESPACE: text('namespace'),
    FLOW_ID: text('flow_id'),
    EXECUTION_ID: text('execution_id'),
    TASK_ID: text('task_id'),
    DATE: { sql: 'ts', kind: 'date' },
    TASK_RUN_ID: text('task_run_id'),
    ATTEMPT_NUMBER: { sql: 'attempt', kind: 'number' },
    TRIGGER_ID: text('trigger_id'),
    LEVEL: { sql: 'level', kind: 'level' },
    MESSAGE: text('message'),
  },
  noAggregation: ['MESSAGE'],
  window: { start: 'DATE', end: 'DATE' },
  global: { namespace: 'NAMESPACE', flowId: 'FLOW_ID' },
  enumClass: 'io.kestra.plugin.core.dashboard.data.ILogs$Fields',
};

const METRICS: SourceDef = {
  name: 'Metrics',
  from: 'metrics',
  fields: {
    NAMESPACE: text('namespace'),
    FLOW_ID: text('flow_id'),
    TASK_ID: text('task_id'),
    EXECUTION_ID: text('execution_id'),
    TASK_RUN_ID: text('task_run_id'),
    TYPE: text('type'),
    NAME: text('name'),
    VALUE: { sql: 'value', kind: 'number' },
    DATE: { sql: 'ts', kind: 'date' },
  },
  window: { start: 'DATE', end: 'DATE' },
  global: { namespace: 'NAMESPACE', flowId: 'FLOW_ID' },
  enumClass: 'io.kestra.plugin.core.dashboard.data.IMetrics$Fields',
};

const FLOWS: SourceDef = {
  name: 'Flows',
  // the current revision of every flow (the store keeps every revision, deletions included)
  from: `(SELECT r.tenant, r.namespace, r.id, r.revision, r.deleted FROM flow_revisions r
          WHERE r.revision = (SELECT max(m.revision) FROM flow_revisions m
                              WHERE m.tenant = r.tenant AND m.namespace = r.namespace AND m.id = r.id))`,
  always: 'deleted = 0',
  fields: { ID: text('id'), NAMESPACE: text('namespace'), REVISION: { sql: 'revision', kind: 'number' } },
  global: { namespace: 'NAMESPACE' },
  enumClass: 'io.kestra.plugin.core.dashboard.data.IFlows$Fields',
};

const TRIGGERS: SourceDef = {
  name: 'Triggers',
  from: 'trigger_contexts',
  fields: {
    ID: text("(namespace || '_' || flow_id || '_' || trigger_id)"),
    NAMESPACE: text('namespace'),
    FLOW_ID: text('flow_id'),
    TRIGGER_ID: text('trigger_id'),
    EXECUTION_ID: text("json_extract(json, '$.executionId')"),
    NEXT_EXECUTION_DATE: { sql: "json_extract(json, '$.nextExecutionDate')", kind: 'date' },
    WORKER_ID: text("json_extract(json, '$.workerId')"),
  },
  global: { namespace: 'NAMESPACE', flowId: 'FLOW_ID' },
  enumClass: 'io.kestra.plugin.core.dashboard.data.ITriggers$Fields',
};

export const DATA_SOURCES: Readonly<Record<SourceName, SourceDef>> = {
  Executions: EXECUTIONS, Logs: LOGS, Metrics: METRICS, Flows: FLOWS, Triggers: TRIGGERS,
};

/** The tables the sources read: the feature checks they exist at start-up. */
export const SOURCE_TABLES = ['executions', 'logs', 'metrics', 'flow_revisions', 'trigger_contexts'];
