// Fixed-width text helpers: every dashboard row is one line of known width, so nothing wraps
// and a pane's height is exactly its number of rows.

const pad2 = (n: number) => String(n).padStart(2, '0');

/** HH:MM:SS in local time (what a developer compares with their wall clock) */
export function clock(ts: number): string {
  const d = new Date(ts);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

export const clockMs = (ts: number) => `${clock(ts)}.${String(new Date(ts).getMilliseconds()).padStart(3, '0')}`;

/** 245ms, 3.2s, 4m05s, 2h03m: short enough for a 6-column cell */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${pad2(s % 60)}s`;
  return `${Math.floor(s / 3600)}h${pad2(Math.floor((s % 3600) / 60))}m`;
}

/** Cuts to `width` (with an ellipsis) and pads with spaces to exactly `width`. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  if (flat.length > width) return width === 1 ? '…' : flat.slice(0, width - 1) + '…';
  return flat.padEnd(width);
}

/** Right-aligned variant of `fit` for numbers and durations. */
export const fitRight = (text: string, width: number) => (text.length >= width ? fit(text, width) : text.padStart(width));
