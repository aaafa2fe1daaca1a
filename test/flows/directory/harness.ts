// Test harness for the flows directory: a real temp directory, a real flow service and store,
// and helpers that wait on events (never on fixed sleeps; chokidar's latency is real and varies).

import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openDb, type Db } from '../../../src/shared/db.ts';
import { createEventBus, type EventBus, type EventMap, type EventName } from '../../../src/shared/events.ts';
import { systemClock } from '../../../src/shared/time/clock.ts';
import { createFlowStore } from '../../../src/flows/store.ts';
import { createFlowService, type FlowService } from '../../../src/flows/service.ts';
import { createFlowDirectory, type FlowDirectory } from '../../../src/flows/directory/directory.ts';

/** Resolves with the next `name` event matching `match`; rejects after `timeoutMs`. Subscribe before acting. */
export function nextEvent<K extends EventName>(
  events: EventBus, name: K, match: (p: EventMap[K]) => boolean = () => true, timeoutMs = 5000,
): Promise<EventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`timed out waiting for ${name}`)); }, timeoutMs);
    const off = events.on(name, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** Collects every payload of `name` until stopped (to assert that something did NOT happen). */
export function record<K extends EventName>(events: EventBus, name: K): { items: EventMap[K][]; stop: () => void } {
  const items: EventMap[K][] = [];
  const stop = events.on(name, (p) => void items.push(p));
  return { items, stop };
}

export function flowYaml(id: string, namespace = 'company.team', message = 'hello'): string {
  return `id: ${id}\nnamespace: ${namespace}\n\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: ${message}\n`;
}

export interface Instance { db: Db; events: EventBus; flows: FlowService; directory: FlowDirectory }

export interface Harness {
  root: string;
  dir: string;
  /** builds (and remembers, for cleanup) a directory instance over `dir` */
  open(opts?: { watch?: boolean; dbPath?: string; maxFileBytes?: number; tenant?: string }): Instance;
  write(rel: string, text: string | Uint8Array): void;
  /** editor-style save: write a temp file next to the target, then rename it over */
  renameSave(rel: string, text: string): void;
  remove(rel: string): void;
  /** waits for the directory to reconcile `rel` (optionally with a given result) after `act` runs */
  synced(inst: Instance, rel: string, act: () => void, result?: EventMap['flow.file-synced']['result']): Promise<EventMap['flow.file-synced']>;
  /** waits until every path of `rels` has been reconciled at least once after `act` runs */
  syncedAll(inst: Instance, rels: string[], act: () => void, timeoutMs?: number): Promise<void>;
  /** closes one instance (directory, then db) before the end of the test, e.g. to restart */
  close(inst: Instance): Promise<void>;
  cleanup(): Promise<void>;
}

export function createHarness(): Harness {
  const root = mkdtempSync(join(tmpdir(), 'kestra-lite-flows-'));
  const dir = join(root, 'flows');
  const opened: Instance[] = [];
  const abs = (rel: string) => join(dir, rel);

  return {
    root,
    dir,
    open(opts = {}) {
      const db = openDb(opts.dbPath ?? false);
      const events = createEventBus();
      const flows = createFlowService({ store: createFlowStore(db), events, clock: systemClock() });
      const directory = createFlowDirectory({
        dir, tenant: opts.tenant ?? 'main', flows, events, db, debounceMs: 25, watch: opts.watch ?? true, maxFileBytes: opts.maxFileBytes,
      });
      const inst = { db, events, flows, directory };
      opened.push(inst);
      return inst;
    },
    write(rel, text) {
      mkdirSync(dirname(abs(rel)), { recursive: true });
      writeFileSync(abs(rel), text);
    },
    renameSave(rel, text) {
      const temp = `${abs(rel)}.tmp`;
      writeFileSync(temp, text);
      renameSync(temp, abs(rel));
    },
    remove: (rel) => rmSync(abs(rel), { recursive: true, force: true }),
    async synced(inst, rel, act, result) {
      const done = nextEvent(inst.events, 'flow.file-synced', (e) => e.file === rel && (result === undefined || e.result === result));
      act();
      const event = await done;
      await inst.directory.idle();
      return event;
    },
    async syncedAll(inst, rels, act, timeoutMs = 15_000) {
      const pending = new Set(rels);
      let off = () => {};
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out; not synced: ${[...pending].join(', ')}`)), timeoutMs);
        off = inst.events.on('flow.file-synced', (e) => {
          pending.delete(e.file);
          if (pending.size === 0) resolve();
        });
      });
      try {
        act();
        await done;
      } finally {
        off();
        clearTimeout(timer);
      }
      await inst.directory.idle();
    },
    async close(inst) {
      const i = opened.indexOf(inst);
      if (i >= 0) opened.splice(i, 1);
      await inst.directory.close();
      inst.db.close();
    },
    async cleanup() {
      for (const inst of opened.splice(0)) {
        await inst.directory.close();
        inst.db.close();
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
