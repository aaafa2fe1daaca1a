// Log lines and metrics written during an engine pass are buffered and stored once at its end (one
// insert per pass instead of one per line); secrets are masked on the way out.

import type { LogEntry } from '../../logs/model.ts';
import type { LogStore } from '../../logs/store.ts';
import type { MetricEntry } from '../../metrics/model.ts';
import type { MetricStore } from '../../metrics/store.ts';
import type { EventBus } from '../../shared/events.ts';

export function createSinks(deps: { logs: LogStore; metrics: MetricStore; events: EventBus; maskSecrets?: (text: string) => string }) {
  let logs: LogEntry[] = [];
  let metrics: MetricEntry[] = [];
  return {
    log: (e: LogEntry) => { logs.push(e); },
    metric: (m: MetricEntry) => { metrics.push(m); },
    /** ERROR lines of an execution not stored yet (errorLogs() reads them with the stored ones) */
    pendingErrors: (executionId: string) => logs.filter((e) => e.executionId === executionId && e.level === 'ERROR'),
    flush() {
      if (logs.length) {
        const batch = logs; logs = [];
        if (deps.maskSecrets) for (const entry of batch) entry.message = deps.maskSecrets(entry.message);
        deps.logs.insert(batch);
        for (const entry of batch) deps.events.emit('log.created', { entry });
      }
      if (metrics.length) { const batch = metrics; metrics = []; deps.metrics.insert(batch); }
    },
  };
}
