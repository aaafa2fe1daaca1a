// Feeds bus events to the reducer in batches, at most one dispatch per interval: the engine can
// emit thousands of events per second, the terminal only needs ~10 frames of them.

import { useEffect } from 'react';
import type { EventBus } from '../shared/events.ts';
import type { Action } from './actions.ts';
import { createEventCollector, type Timers } from './event-collector.ts';

export function useEventStream(events: EventBus, dispatch: (actions: Action[]) => void, intervalMs = 100, timers?: Timers): void {
  useEffect(() => {
    const collector = createEventCollector({ events, onBatch: dispatch, intervalMs, timers });
    return () => collector.dispose();
  }, [events, dispatch, intervalMs, timers]);
}
