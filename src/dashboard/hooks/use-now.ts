// The current time for running durations and Gantt bars. Every render reads the clock; while
// something runs, a timer forces a render when none happened for `intervalMs`. Under load the
// event stream renders about once a second anyway, so the timer keeps being pushed back and
// adds no frames of its own; an idle dashboard does not render at all.

import { useEffect, useState } from 'react';
import { realTimers, type Timers } from '../event-collector.ts';

export function useNow(now: () => number, active: boolean, intervalMs = 1000, timers: Timers = realTimers): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const t = timers.setTimeout(() => setTick((n) => n + 1), intervalMs);
    return () => timers.clearTimeout(t);
  }); // after every render: re-armed from the latest frame
  return now();
}
