// Accumulators for per-bucket state counts and durations, and their JSON as Kestra writes it
// (api-contract §2.13): DailyExecutionStatistics and ExecutionCountStatistics.

import { isoDuration } from '../shared/time/durations.ts';
import { instantText, type Bucket, type GroupBy } from '../shared/time/buckets.ts';

/** Always present, in Kestra's order; the remaining states appear only when non-zero. */
export const DEFAULT_COUNT_KEYS = ['CREATED', 'RUNNING', 'RESTARTED', 'KILLING', 'SUCCESS', 'WARNING', 'FAILED', 'KILLED', 'PAUSED', 'QUEUED', 'CANCELLED'] as const;
const OPTIONAL_COUNT_KEYS = ['RETRYING', 'RETRIED', 'SKIPPED'] as const;

/** One range aggregate as the SQL returns it (durations in ms; null when n = 0). */
export interface AggRow { n: number; s: number | null; mi: number | null; ma: number | null }

export interface Cell { counts: Map<string, number>; n: number; sum: number; min: number; max: number }

export const newCell = (): Cell => ({ counts: new Map(), n: 0, sum: 0, min: Infinity, max: -Infinity });
export const newCells = (size: number): Cell[] => Array.from({ length: size }, newCell);

export function addToCell(cell: Cell, state: string, row: AggRow): void {
  if (!row.n) return;
  cell.counts.set(state, (cell.counts.get(state) ?? 0) + row.n);
  cell.n += row.n;
  cell.sum += row.s ?? 0;
  cell.min = Math.min(cell.min, row.mi ?? Infinity);
  cell.max = Math.max(cell.max, row.ma ?? -Infinity);
}

export function mergeCells(into: Cell[], from: Cell[]): void {
  from.forEach((c, i) => {
    const target = into[i]!;
    for (const [state, n] of c.counts) target.counts.set(state, (target.counts.get(state) ?? 0) + n);
    target.n += c.n;
    target.sum += c.sum;
    target.min = Math.min(target.min, c.min);
    target.max = Math.max(target.max, c.max);
  });
}

export function countsJson(counts: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of DEFAULT_COUNT_KEYS) out[key] = counts.get(key) ?? 0;
  for (const key of OPTIONAL_COUNT_KEYS) if (counts.get(key)) out[key] = counts.get(key)!;
  return out;
}

function durationJson(c: Cell): Record<string, unknown> {
  // an empty bucket carries only its count (Kestra leaves the other durations null)
  if (!c.n) return { count: 0 };
  return { min: isoDuration(c.min), avg: isoDuration(Math.round(c.sum / c.n)), max: isoDuration(c.max), sum: isoDuration(c.sum), count: c.n };
}

export function dailyJson(buckets: Bucket[], cells: Cell[], groupBy: GroupBy): Record<string, unknown>[] {
  return buckets.map((b, i) => ({
    startDate: instantText(b.start),
    duration: durationJson(cells[i]!),
    executionCounts: countsJson(cells[i]!.counts),
    groupBy,
  }));
}

export function countStatisticsJson(counts: Map<string, number>): { counts: Record<string, number>; total: number } {
  let total = 0;
  for (const n of counts.values()) total += n;
  return { counts: countsJson(counts), total };
}
