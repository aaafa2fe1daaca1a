// The scheduler's agenda: a binary min-heap of (due date, trigger) with lazy invalidation, so
// firing, re-arming and an execution's end cost O(log n) instead of a scan of every trigger.

interface Entry { due: number; key: string; version: number }

export interface DueQueue {
  /** sets (or clears, with undefined) the due date of a trigger */
  update(key: string, due: number | undefined): void;
  /** the earliest valid due date */
  peek(): number | undefined;
  /** removes and returns the triggers due at `now` (callers update them again after firing) */
  popDue(now: number): string[];
}

export function createDueQueue(): DueQueue {
  const heap: Entry[] = [];
  const versions = new Map<string, number>();
  const less = (a: Entry, b: Entry) => a.due < b.due;
  const swap = (i: number, j: number) => { const t = heap[i]!; heap[i] = heap[j]!; heap[j] = t; };
  const up = (i: number) => {
    while (i > 0) { const p = (i - 1) >> 1; if (!less(heap[i]!, heap[p]!)) break; swap(i, p); i = p; }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  const pop = () => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) { heap[0] = last; down(0); }
    return top;
  };
  const valid = (e: Entry) => versions.get(e.key) === e.version;
  const dropStale = () => { while (heap.length && !valid(heap[0]!)) pop(); };
  return {
    update(key, due) {
      const version = (versions.get(key) ?? 0) + 1;
      versions.set(key, version);
      if (due !== undefined) { heap.push({ due, key, version }); up(heap.length - 1); }
    },
    peek() { dropStale(); return heap[0]?.due; },
    popDue(now) {
      const keys: string[] = [];
      for (dropStale(); heap.length && heap[0]!.due <= now; dropStale()) {
        const e = pop();
        versions.set(e.key, e.version + 1); // consumed: the caller re-adds it with its next date
        keys.push(e.key);
      }
      return keys;
    },
  };
}
