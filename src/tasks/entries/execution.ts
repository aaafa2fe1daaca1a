import { Type } from '@sinclair/typebox';
import { def, legacy, str, bool, dateTime, map, strList, states, enumOf, type PluginDef } from '../schema.ts';

const ex = (name: string) => legacy('executions', name);

export const executionDefs: PluginDef[] = [
  def({
    type: 'execution.Fail', kind: 'task', title: 'Fails the execution, optionally on a condition',
    aliases: [ex('Fail')],
    props: { condition: str(), errorMessage: str({ default: 'Task failure' }) },
  }),
  def({
    type: 'execution.Labels', kind: 'task', title: 'Adds or updates labels of the current execution',
    aliases: [ex('Labels')], required: ['labels'],
    props: { labels: Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown()), Type.Array(Type.Object({ key: Type.String(), value: Type.Unknown() }))], { $dynamic: true }) },
  }),
  def({
    type: 'execution.Count', kind: 'task', title: 'Counts executions matching filters',
    aliases: [ex('Counts')], required: ['startDate', 'expression'],
    props: {
      flows: Type.Array(Type.Object({ namespace: str(), id: str() })), namespaces: strList(), states: states(),
      startDate: dateTime(), endDate: dateTime(), expression: str(),
    },
  }),
  def({
    type: 'execution.PurgeExecutions', kind: 'task', title: 'Deletes executions and their data in a time range',
    aliases: ['io.kestra.core.tasks.storages.Purge', 'io.kestra.plugin.core.storage.Purge'], required: ['endDate'],
    props: {
      namespace: str(), flowId: str(), startDate: dateTime(), endDate: dateTime(), states: states(),
      purgeExecution: bool({ default: true }), purgeLog: bool({ default: true }), purgeMetric: bool({ default: true }),
      purgeStorage: bool({ default: true }), batchSize: Type.Integer({ $dynamic: true }),
    },
  }),
  def({
    type: 'execution.Resume', kind: 'task', title: 'Resumes a paused execution',
    props: { executionId: str(), namespace: str(), flowId: str(), inputs: map() },
  }),
  def({
    type: 'execution.Exit', kind: 'task', title: 'Ends the execution early with a given state',
    required: ['state'],
    props: { state: enumOf(['SUCCESS', 'WARNING', 'KILLED', 'FAILED', 'CANCELED']) },
  }),
  def({
    type: 'execution.SetVariables', kind: 'task', title: 'Sets execution variables',
    required: ['variables'],
    props: { variables: map(), overwrite: bool({ default: true }) },
  }),
  def({
    type: 'execution.UnsetVariables', kind: 'task', title: 'Removes execution variables',
    required: ['variables'],
    props: { variables: strList(), ignoreMissing: bool({ default: false }) },
  }),
];
