// GET /executions/{id}/follow (api-contract §1.10): an SSE stream of one execution's updates.
// The execution may not exist yet (clients follow right after creating it), so the route waits
// up to 10 s for it — on the injected clock and the update event, never by polling.

import { routeModule } from '../../http/route-module.ts';
import { sseResponse } from '../../http/sse.ts';
import { tenantOf } from '../../http/tenant.ts';
import type { Clock, TimerHandle } from '../../shared/time/clock.ts';
import { notFound } from '../../shared/errors.ts';
import type { EventBus } from '../../shared/events.ts';
import type { Execution } from '../model.ts';
import { executionJson } from '../serialize.ts';
import type { ExecutionService } from '../service.ts';
import { isTerminal } from '../state.ts';

export interface ExecutionFollowDeps {
  executions: Pick<ExecutionService, 'find' | 'get'>;
  events: EventBus;
  clock: Clock;
}

export const FOLLOW_WAIT_MS = 10_000;

/** Resolves with the execution once it exists, or undefined after the wait (or when the client left). */
function waitForExecution(deps: ExecutionFollowDeps, tenant: string, id: string, signal: AbortSignal): Promise<Execution | undefined> {
  const lookup = () => {
    const e = deps.executions.find(tenant, id);
    return e && !e.deleted ? e : undefined;
  };
  const existing = lookup();
  if (existing || signal.aborted) return Promise.resolve(existing);
  return new Promise((resolve) => {
    let timer: TimerHandle | undefined;
    const finish = (e: Execution | undefined) => {
      off();
      timer?.cancel();
      signal.removeEventListener('abort', onAbort);
      resolve(e);
    };
    const onAbort = () => finish(undefined);
    const off = deps.events.on('execution.updated', ({ execution }) => {
      if (execution.tenant === tenant && execution.id === id) finish(execution);
    });
    // One last lookup at the deadline: an execution stored without an update event still counts.
    timer = deps.clock.setTimer(FOLLOW_WAIT_MS, () => finish(lookup()));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function executionFollowRoute(deps: ExecutionFollowDeps) {
  return routeModule().get('/executions/:executionId/follow', async ({ request, params }) => {
    const tenant = tenantOf(request);
    const id = params.executionId;
    const found = await waitForExecution(deps, tenant, id, request.signal);
    if (!found) throw notFound(`Unable to find the execution ${id}`);

    // The engine mutates executions in place, so each frame is serialised when it is produced.
    const frame = (e: Execution) => JSON.stringify(executionJson(e, deps.clock.now()));
    return sseResponse(request, (channel) => {
      const current = deps.executions.find(tenant, id) ?? found;
      if (isTerminal(current.state.current)) {
        channel.send('end', frame(current));
        channel.close();
        return;
      }
      channel.send('progress', frame(current));
      return deps.events.on('execution.updated', ({ execution }) => {
        if (execution.tenant !== tenant || execution.id !== id) return;
        const data = frame(execution);
        channel.send('progress', data);
        // The final state goes out twice, as `progress` then `end`, so the last frame is always `end`.
        if (isTerminal(execution.state.current)) {
          channel.send('end', data);
          channel.close();
        }
      });
    });
  });
}
