// `logToFile: true` (RunContextLogger.FileAppender): the attempt's log lines go to a text file
// stored with the task run's files — its URI is the attempt's `logFile` — instead of LogEntries.
// Lines follow Kestra's pattern `%d{ISO8601} %-5.5level %-12.36thread %-12.36logger{36} %msg%n`.

import type { LogEntry } from '../../../logs/model.ts';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** logback ISO8601: `2024-12-20 17:12:37,123` (UTC here) */
function iso8601(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())},${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

/** logback `%logger{36}`: leading segments shortened to their first letter until it fits */
function abbreviate(name: string, target = 36): string {
  if (name.length <= target) return name;
  const parts = name.split('.');
  for (let i = 0; i < parts.length - 1 && parts.join('.').length > target; i++) parts[i] = parts[i]!.slice(0, 1);
  return parts.join('.');
}

/** `%-12.36x`: at least 12 wide, at most 36 (longer values lose their beginning) */
const field = (s: string) => (s.length > 36 ? s.slice(s.length - 36) : s).padEnd(12);

export function logFileText(entries: LogEntry[]): string {
  return entries.map((e) => {
    const logger = `flow.${e.flowId}.${e.executionId}${e.taskRunId ? `.${e.taskRunId}` : ''}`;
    return `${iso8601(e.timestamp)} ${e.level.padEnd(5)} ${field(e.thread ?? 'worker')} ${field(abbreviate(logger))} ${e.message}\n`;
  }).join('');
}

/** `log-xxxxx.txt` as Kestra names it (five random lower-case alphanumerics) */
export const logFileName = () => `log-${Math.random().toString(36).slice(2, 7).padEnd(5, '0')}.txt`;
