import { def, legacy, str, strOrList, level, strList, map, dateTime, type PluginDef } from '../schema.ts';

export const logDebugDefs: PluginDef[] = [
  def({
    type: 'log.Log', kind: 'task', title: 'Writes one log line per message',
    aliases: [legacy('log', 'Log')], required: ['message'],
    props: { message: strOrList(), level: level({ default: 'INFO' }) },
  }),
  def({
    type: 'log.Fetch', kind: 'task', title: 'Collects execution logs into a stored file',
    aliases: [legacy('log', 'Fetch')],
    props: { namespace: str(), flowId: str(), executionId: str(), tasksId: strList(), level: level({ default: 'INFO' }) },
  }),
  def({
    type: 'log.PurgeLogs', kind: 'task', title: 'Deletes stored logs in a time range',
    required: ['endDate'],
    props: { namespace: str(), flowId: str(), executionId: str(), logLevels: strList(), startDate: dateTime(), endDate: dateTime() },
  }),
  def({
    type: 'debug.Return', kind: 'task', title: 'Renders a string and returns it as output',
    aliases: [legacy('debugs', 'Return')],
    props: { format: str() },
  }),
  def({
    type: 'debug.Echo', kind: 'task', title: 'Logs a rendered string (deprecated)', deprecated: true,
    aliases: [legacy('debugs', 'Echo')], required: ['format'],
    props: { format: str(), level: level({ default: 'INFO' }) },
  }),
  def({
    type: 'output.OutputValues', kind: 'task', title: 'Publishes rendered values as outputs',
    props: { values: map() },
  }),
];
