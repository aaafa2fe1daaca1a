// The current time for running durations and Gantt bars, ticking only while something runs
// (an idle dashboard does not re-render at all).

import { useEffect, useState } from 'react';

export function useNow(now: () => number, active: boolean, intervalMs = 1000): number {
  const [value, setValue] = useState(now);
  useEffect(() => {
    if (!active) return;
    setValue(now());
    const t = setInterval(() => setValue(now()), intervalMs);
    return () => clearInterval(t);
  }, [now, active, intervalMs]);
  return active ? value : now();
}
