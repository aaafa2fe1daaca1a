// The one real cycle of the runtime, made explicit: the engine runs tasks (Subflow, Resume,
// ForEachItem, trigger.Toggle) that call back into services built after the engine (the execution
// service, execution control, the scheduler). Those tasks ask this object at run time; the
// features that own the services provide them once, at creation. Nothing else is late-bound.

/** Augmented by the task contract (`declare module`), so shared/ imports nothing above it. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface PortMap {}

export interface Ports {
  provide<K extends keyof PortMap>(name: K, impl: PortMap[K]): void;
  /** throws when no feature provided it (a runtime built without that feature) */
  get<K extends keyof PortMap>(name: K): PortMap[K];
  has(name: keyof PortMap): boolean;
}

export class PortNotBoundError extends Error {
  constructor(name: string) {
    super(`${name} is not available in this runtime`);
    this.name = 'PortNotBoundError';
  }
}

export function createPorts(): Ports {
  const bound = new Map<keyof PortMap, unknown>();
  return {
    provide(name, impl) {
      if (bound.has(name)) throw new Error(`port ${String(name)} is provided twice`);
      bound.set(name, impl);
    },
    get(name) {
      if (!bound.has(name)) throw new PortNotBoundError(String(name));
      return bound.get(name) as never;
    },
    has: (name) => bound.has(name),
  };
}
