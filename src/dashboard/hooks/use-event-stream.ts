// Feeds bus events to the reducer in batches, at most one dispatch per interval: the engine can
// emit thousands of events per second, the terminal only needs ~10 frames of them.

import { useEffect } from 'react';
import type { Execution } from '../../executions/model.ts';
import type { EventBus } from '../../shared/events.ts';
import type { Action } from '../actions.ts';
import { createEventCollector, type Timers } from '../event-collector.ts';
import type { ExecRow } from '../model.ts';

export interface StreamSource {
  events: EventBus;
  lookup(tenant: string, id: string): Execution | undefined;
  /** the running rows on screen (re-checked at each flush) */
  shown?: () => Iterable<ExecRow>;
}

export function useEventStream(source: StreamSource, dispatch: (actions: Action[]) => void, intervalMs = 100, timers?: Timers): void {
  const { events, lookup, shown } = source;
  useEffect(() => {
    const collector = createEventCollector({ events, lookup, shown, onBatch: dispatch, intervalMs, timers });
    return () => collector.dispose();
  }, [events, lookup, shown, dispatch, intervalMs, timers]);
}
