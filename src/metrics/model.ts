// Metrics as tasks emit them (counters and timers); timestamps are epoch ms, serialize.ts writes
// Kestra's JSON.

import type { EntryOrigin } from '../shared/entry-origin.ts';

export interface MetricEntry extends EntryOrigin {
  type: 'counter' | 'timer';
  name: string;
  value: number;
  timestamp: number;
  tags: Record<string, string>;
}
