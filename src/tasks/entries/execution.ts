// Task entries: the current execution and execution administration (Exit, SetVariables and
// UnsetVariables are validated but not run here).
import { Type } from '@sinclair/typebox';
import { legacy, str, bool, dateTime, map, strList, states, enumOf } from '../schema.ts';
import { defineTask, type TaskEntry } from '../entry.ts';
import { executionCountTask } from '../core/execution-count.ts';
import { executionPurgeExecutionsTask } from '../core/execution-purge-executions.ts';
import { resumeTask } from '../core/execution-resume.ts';
import { failTask } from '../core/fail.ts';
import { labelsTask } from '../core/labels.ts';

const ex = (name: string) => legacy('executions', name);

export const executionTasks: TaskEntry[] = [
  defineTask({
    type: 'execution.Fail', run: failTask, title: 'Fails the execution, optionally on a condition',
    aliases: [ex('Fail')],
    props: { condition: str(), errorMessage: str({ default: 'Task failure' }) },
  }),
  defineTask({
    type: 'execution.Labels', run: labelsTask, title: 'Adds or updates labels of the current execution',
    aliases: [ex('Labels')], required: ['labels'],
    props: { labels: Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown()), Type.Array(Type.Object({ key: Type.String(), value: Type.Unknown() }))], { $dynamic: true }) },
  }),
  defineTask({
    type: 'execution.Count', run: executionCountTask, title: 'Counts executions matching filters',
    aliases: [ex('Counts')], required: ['startDate', 'expression'],
    props: {
      flows: Type.Array(Type.Object({ namespace: str(), id: str() })), namespaces: strList(), states: states(),
      startDate: dateTime(), endDate: dateTime(), expression: str(),
    },
  }),
  defineTask({
    type: 'execution.PurgeExecutions', run: executionPurgeExecutionsTask, title: 'Deletes executions and their data in a time range',
    aliases: ['io.kestra.core.tasks.storages.Purge', 'io.kestra.plugin.core.storage.Purge'], required: ['endDate'],
    props: {
      namespace: str(), flowId: str(), startDate: dateTime(), endDate: dateTime(), states: states(),
      purgeExecution: bool({ default: true }), purgeLog: bool({ default: true }), purgeMetric: bool({ default: true }),
      purgeStorage: bool({ default: true }), batchSize: Type.Integer({ $dynamic: true }),
    },
  }),
  defineTask({
    type: 'execution.Resume', run: resumeTask, title: 'Resumes a paused execution',
    props: { executionId: str(), namespace: str(), flowId: str(), inputs: map() },
  }),
  defineTask({
    type: 'execution.Exit', title: 'Ends the execution early with a given state',
    required: ['state'],
    props: { state: enumOf(['SUCCESS', 'WARNING', 'KILLED', 'FAILED', 'CANCELED']) },
  }),
  defineTask({
    type: 'execution.SetVariables', title: 'Sets execution variables',
    required: ['variables'],
    props: { variables: map(), overwrite: bool({ default: true }) },
  }),
  defineTask({
    type: 'execution.UnsetVariables', title: 'Removes execution variables',
    required: ['variables'],
    props: { variables: strList(), ignoreMissing: bool({ default: false }) },
  }),
];
