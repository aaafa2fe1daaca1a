// A small typed event bus. Producers (stores, engine, watcher) emit; the dashboard, the plain
// logger, SSE endpoints and the scheduler subscribe. Nothing here is global: the runtime owns one.

export type FlowOrigin = 'api' | 'file';

export interface FlowRef { tenant: string; namespace: string; id: string }

/**
 * Events by name. Payloads built from a feature's own model are declared by that feature with
 * `declare module '../shared/events.ts'` (execution.updated in executions/model.ts, log.created
 * in logs/model.ts), so shared/ imports nothing above it.
 */
export interface EventMap {
  /** `draft`: a Kestra 2.0 draft revision, which is not deployed (and not written to the flows directory) */
  'flow.changed': FlowRef & { revision: number; origin: FlowOrigin; deleted: boolean; draft?: boolean; source: string; previousSource?: string };
  /** `violations` are flows/model.ts Violations, written out so that shared/ needs no import */
  'flow.invalid': { tenant: string; file: string; violations: { path: string; message: string }[]; namespace?: string; id?: string };
  'flow.file-error': { file: string; message: string };
  /** the flows directory finished reconciling one file (tests and debug views wait on this) */
  'flow.file-synced': { tenant: string; file: string; result: 'saved' | 'unchanged' | 'invalid' | 'error' | 'deleted' | 'missing' };
  /** an execution was deleted (API delete or execution.PurgeExecutions); listeners drop what they hold of it */
  'execution.deleted': { tenant: string; id: string };
  /** the scheduler armed its timer for this date (epoch ms) */
  'scheduler.next': { date: number };
  'server.started': { url: string };
  'server.stopping': Record<string, never>;
}

export type EventName = keyof EventMap;
type Listener<K extends EventName> = (payload: EventMap[K]) => void;

export interface EventBus {
  on<K extends EventName>(name: K, fn: Listener<K>): () => void;
  emit<K extends EventName>(name: K, payload: EventMap[K]): void;
  /** current subscribers of one event (lets tests prove that closed streams unsubscribed) */
  listenerCount(name: EventName): number;
}

export function createEventBus(onListenerError?: (err: unknown) => void): EventBus {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  return {
    on(name, fn) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(fn as (p: unknown) => void);
      return () => void set!.delete(fn as (p: unknown) => void);
    },
    emit(name, payload) {
      const set = listeners.get(name);
      if (!set) return;
      // A failing subscriber must never break the producer (an API write or the engine loop).
      for (const fn of set) {
        try { fn(payload); } catch (err) { onListenerError?.(err); }
      }
    },
    listenerCount: (name) => listeners.get(name)?.size ?? 0,
  };
}
