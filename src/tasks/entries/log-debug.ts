// Task entries: logging, debug and output tasks.
import { legacy, str, strOrList, level, strList, map, dateTime } from '../schema.ts';
import { defineTask, type TaskEntry } from '../entry.ts';
import { echoTask } from '../core/echo.ts';
import { logFetchTask } from '../core/log-fetch.ts';
import { logPurgeLogsTask } from '../core/log-purge-logs.ts';
import { logTask } from '../core/log.ts';
import { outputValuesTask } from '../core/output-values.ts';
import { returnTask } from '../core/return.ts';

export const logDebugTasks: TaskEntry[] = [
  defineTask({
    type: 'log.Log', run: logTask, title: 'Writes one log line per message',
    aliases: [legacy('log', 'Log')], required: ['message'],
    props: { message: strOrList(), level: level({ default: 'INFO' }) },
  }),
  defineTask({
    type: 'log.Fetch', run: logFetchTask, title: 'Collects execution logs into a stored file',
    aliases: [legacy('log', 'Fetch')],
    props: { namespace: str(), flowId: str(), executionId: str(), tasksId: strList(), level: level({ default: 'INFO' }) },
  }),
  defineTask({
    type: 'log.PurgeLogs', run: logPurgeLogsTask, title: 'Deletes stored logs in a time range',
    required: ['endDate'],
    props: { namespace: str(), flowId: str(), executionId: str(), logLevels: strList(), startDate: dateTime(), endDate: dateTime() },
  }),
  defineTask({
    type: 'debug.Return', run: returnTask, title: 'Renders a string and returns it as output',
    aliases: [legacy('debugs', 'Return')],
    props: { format: str() },
  }),
  defineTask({
    type: 'debug.Echo', run: echoTask, title: 'Logs a rendered string (deprecated)', deprecated: true,
    aliases: [legacy('debugs', 'Echo')], required: ['format'],
    props: { format: str(), level: level({ default: 'INFO' }) },
  }),
  defineTask({
    type: 'output.OutputValues', run: outputValuesTask, title: 'Publishes rendered values as outputs',
    props: { values: map() },
  }),
];
