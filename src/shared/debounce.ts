// Per-key trailing debounce. Editors write in bursts (truncate + write, or temp file + rename
// which the watcher sees as unlink + add); collapsing the burst per path means we only ever
// look at the file once it has settled, and an unlink followed by an add is just "changed".

export interface Debouncer {
  schedule(key: string): void;
  /** runs every pending key now, including keys scheduled by those runs (used on close) */
  flush(): void;
  /** resolves once nothing is pending (immediately if nothing is) */
  idle(): Promise<void>;
  pending(): number;
}

export function createDebouncer(delayMs: number, run: (key: string) => void, onError: (key: string, err: unknown) => void): Debouncer {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let waiters: (() => void)[] = [];

  const settle = () => {
    if (timers.size > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  const fire = (key: string) => {
    timers.delete(key);
    try { run(key); } catch (err) { onError(key, err); }
    settle();
  };

  return {
    schedule(key) {
      const existing = timers.get(key);
      if (existing) clearTimeout(existing);
      timers.set(key, setTimeout(() => fire(key), delayMs));
    },
    flush() {
      // a run may schedule again (the directory defers a vanished path once): drain until empty
      while (timers.size > 0) {
        for (const [key, timer] of [...timers]) {
          clearTimeout(timer);
          fire(key);
        }
      }
      settle();
    },
    idle: () => (timers.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    pending: () => timers.size,
  };
}
