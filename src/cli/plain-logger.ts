// Plain structured log lines for non-TTY output, CI and --no-dashboard: one line per event.
// It reads the event bus; no other module writes to the console.

import type { EventBus } from '../shared/events.ts';

export function attachPlainLogger(events: EventBus, write: (line: string) => void, now: () => number): () => void {
  const line = (level: string, message: string) => write(`${new Date(now()).toISOString()} ${level.padEnd(5)} ${message}`);
  const offs = [
    events.on('flow.changed', (e) =>
      line('INFO', `flow ${e.namespace}.${e.id} ${e.deleted ? 'deleted' : `revision ${e.revision}`} (${e.origin === 'file' ? 'from file' : 'via API'})${e.tenant !== 'main' ? ` [tenant ${e.tenant}]` : ''}`)),
    events.on('flow.invalid', (e) =>
      line('WARN', `invalid flow file ${e.file}: ${e.violations.map((v) => (v.path ? `${v.path}: ${v.message}` : v.message)).join('; ')}`)),
    events.on('flow.file-error', (e) => line('WARN', `flow file ${e.file}: ${e.message}`)),
  ];
  return () => offs.forEach((off) => off());
}
