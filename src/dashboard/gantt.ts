// A one-line text Gantt bar: where a task run sits on the execution's time axis.

export function ganttBar(start: number, end: number | undefined, t0: number, t1: number, width: number): { before: number; bar: number; after: number } {
  if (width <= 0) return { before: 0, bar: 0, after: 0 };
  const span = Math.max(1, t1 - t0);
  const from = Math.min(width - 1, Math.max(0, Math.floor(((start - t0) / span) * width)));
  const to = Math.min(width, Math.max(from + 1, Math.ceil((((end ?? t1) - t0) / span) * width)));
  return { before: from, bar: to - from, after: width - to };
}
