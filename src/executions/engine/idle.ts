// When the engine has nothing to do by itself (what the admin API's fake clock settles on between
// steps): no pass queued and no attempt working. Attempts parked on the runtime clock
// (`ctx.sleep`) or awaiting another execution (a Subflow waiting for its child) do not count:
// they need time or the engine, not us.

import type { Ports } from '../../shared/ports.ts';
import type { ChildExecutions } from '../../tasks/types.ts';

export function createIdleTracker(passPending: () => boolean) {
  let inFlight = 0;
  let parked = 0;
  let waiters: (() => void)[] = [];
  const busy = () => passPending() || inFlight > parked;
  const check = () => {
    if (busy() || !waiters.length) return;
    const ready = waiters; waiters = [];
    for (const w of ready) w();
  };
  const park = <T>(work: Promise<T>): Promise<T> => {
    parked++;
    check();
    return work.finally(() => { parked--; check(); });
  };
  return {
    check,
    park,
    /** an attempt went to a worker / came back */
    started() { inFlight++; },
    finished() { inFlight--; },
    wait: (): Promise<void> => (busy() ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve()),
    /** the ports tasks see: waiting for a child execution counts as parked */
    parkingPorts(ports: Ports): Ports {
      return {
        ...ports,
        get(name) {
          const port = ports.get(name);
          if (name !== 'children') return port;
          const children = port as ChildExecutions;
          return { ...children, waitForTerminal: (tenant: string, id: string) => park(children.waitForTerminal(tenant, id)) } as never;
        },
      };
    },
  };
}
