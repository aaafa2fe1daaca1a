// Bulk execution operations (api-contract §1.12): by-ids takes a JSON array of ids, by-query the
// search filters. Every target is validated first; one invalid target fails the whole request
// with a 400 BulkErrorResponse and nothing is changed.

import type { Elysia } from 'elysia';
import { routeModule } from '../../http/route-module.ts';
import { json } from '../../http/respond.ts';
import { readJson } from '../../http/body.ts';
import { boolParam, queryOf } from '../../http/query.ts';
import { tenantOf } from '../../http/tenant.ts';
import { ApiError, badRequest, illegalArgument } from '../../shared/errors.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { Label } from '../../flows/model.ts';
import type { ExecutionControl } from './control.ts';
import { readLabels } from './routes.ts';
import { executionFilterOf } from '../filters.ts';
import type { Execution } from '../model.ts';
import type { ExecutionService } from '../service.ts';
import { isStateType, isTerminal } from '../state.ts';
import type { ExecutionStore } from '../store.ts';

export interface BulkDeps {
  control: ExecutionControl; executions: ExecutionService; store: ExecutionStore; clock: Clock;
  /** deletes one execution with the same flags as DELETE /executions/{id} */
  deleteExecution(tenant: string, exec: Execution, q: URLSearchParams): void;
}

type Check = (exec: Execution) => string | undefined;


async function idsFromBody(request: Request): Promise<string[]> {
  const body = await readJson(request);
  if (body === undefined) return [];
  if (!Array.isArray(body) || !body.every((i) => typeof i === 'string')) throw new ApiError('INVALID_JSON', 'Expected a JSON array of execution ids');
  return body as string[];
}

export function executionBulkRoutes(deps: BulkDeps) {
  const { control } = deps;

  /** Validates every target, then applies; a failed check answers 400 with every invalid target. */
  function run(tenant: string, ids: string[], action: string, check: Check, apply: (exec: Execution) => void): Response {
    const invalids: Record<string, unknown>[] = [];
    const targets: Execution[] = [];
    for (const id of ids) {
      const exec = deps.executions.find(tenant, id);
      const message = !exec || exec.deleted ? 'execution not found' : check(exec);
      if (message) invalids.push({ message, invalidValue: id, propertyPath: [{ name: 'execution' }], rootBean: id });
      else targets.push(exec!);
    }
    if (invalids.length) return json({ message: `invalid bulk ${action}`, invalids }, 400);
    for (const exec of targets) apply(exec);
    return json({ count: targets.length });
  }

  const byQuery = (request: Request) =>
    deps.store.search(tenantOf(request), executionFilterOf(queryOf(request), deps.clock.now()), []).results.map((e) => e.id);

  const pair = (path: string, method: 'post' | 'delete', action: string, check: (q: URLSearchParams) => Check, apply: (tenant: string, q: URLSearchParams) => (e: Execution) => void) =>
    (app: any) => app
      [method](`/executions/${path}/by-ids`, async ({ request }: { request: Request }) => {
        const q = queryOf(request);
        const c = check(q);
        return run(tenantOf(request), await idsFromBody(request), action, c, apply(tenantOf(request), q));
      })
      [method](`/executions/${path}/by-query`, ({ request }: { request: Request }) => {
        const q = queryOf(request);
        const c = check(q);
        return run(tenantOf(request), byQuery(request), action, c, apply(tenantOf(request), q));
      });

  const terminalOnly: Check = (e) => (isTerminal(e.state.current) ? undefined : 'execution not in a terminated state');
  const newStatus = (q: URLSearchParams) => {
    const s = q.get('newStatus');
    if (!s) throw badRequest('Required QueryValue [newStatus] not specified');
    if (!isStateType(s)) throw new ApiError('UNPROCESSABLE', `Invalid state '${s}'`);
    if (!isTerminal(s)) throw illegalArgument('You can only change the status of an execution to a terminal state.');
    return s;
  };

  let app: any = routeModule();
  app = pair('kill', 'delete', 'kill', () => (e) => (isTerminal(e.state.current) ? 'execution already finished' : undefined),
    (t) => (e) => control.kill(t, e.id, false))(app);
  app = pair('restart', 'post', 'restart', () => (e) => (e.state.current === 'FAILED' ? undefined : 'execution not in state FAILED'),
    (t) => (e) => control.restart(t, e.id))(app);
  app = pair('replay', 'post', 'replay', () => () => undefined, (t) => (e) => void control.replay(t, e.id))(app);
  app = pair('change-status', 'post', 'change execution status', (q) => {
    const s = newStatus(q);
    return (e) => { try { control.changeStatusCheck(e, s); return undefined; } catch (err) { return terminalOnly(e) ?? (err as Error).message; } };
  }, (t, q) => (e) => void control.changeStatus(t, e.id, newStatus(q)))(app);
  app = pair('resume', 'post', 'resume', () => (e) => (e.state.current === 'PAUSED' ? undefined : 'execution is not paused'),
    (t) => (e) => void control.resume(t, e.id, new Map()))(app);
  app = pair('unqueue', 'post', 'unqueue', () => (e) => (e.state.current === 'QUEUED' ? undefined : 'execution is not queued'),
    (t) => (e) => void control.unqueue(t, e.id))(app);
  app = pair('force-run', 'post', 'force run', () => (e) => (isTerminal(e.state.current) ? 'execution already finished' : undefined),
    (t) => (e) => void control.forceRun(t, e.id))(app);
  app = pair('pause', 'post', 'pause', () => (e) => (e.state.current === 'RUNNING' ? undefined : 'execution is not running'),
    (t) => (e) => control.pause(t, e.id))(app);

  // DELETE /executions/by-ids and /by-query (the delete action has no path segment of its own)
  const deleteCheck = (q: URLSearchParams): Check => (e) => (boolParam(q, 'includeNonTerminated', false) || isTerminal(e.state.current) ? undefined : 'execution not found');
  app = app
    .delete('/executions/by-ids', async ({ request }: { request: Request }) => {
      const q = queryOf(request);
      return run(tenantOf(request), await idsFromBody(request), 'delete', deleteCheck(q), (e) => deps.deleteExecution(tenantOf(request), e, q));
    })
    .delete('/executions/by-query', ({ request }: { request: Request }) => {
      const q = queryOf(request);
      return run(tenantOf(request), byQuery(request), 'delete', deleteCheck(q), (e) => deps.deleteExecution(tenantOf(request), e, q));
    })
    .post('/executions/labels/by-ids', async ({ request }: { request: Request }) => {
      const body = (await readJson(request)) as { executionsId?: unknown; executionLabels?: unknown } | undefined;
      if (!body || !Array.isArray(body.executionsId) || !Array.isArray(body.executionLabels)) {
        throw new ApiError('INVALID_JSON', 'Expected {"executionsId": [...], "executionLabels": [...]}');
      }
      const labels = body.executionLabels as Label[];
      const tenant = tenantOf(request);
      return run(tenant, body.executionsId as string[], 'set labels', labelCheck(labels), (e) => void control.setLabels(tenant, e.id, labels));
    })
    .post('/executions/labels/by-query', async ({ request }: { request: Request }) => {
      const labels = await readLabels(request);
      const tenant = tenantOf(request);
      return run(tenant, byQuery(request), 'set labels', labelCheck(labels), (e) => void control.setLabels(tenant, e.id, labels));
    });

  function labelCheck(labels: Label[]): Check {
    return (e) => { try { control.labelsCheck(e, labels); return undefined; } catch (err) { return (err as Error).message; } };
  }
  return app as Elysia;
}
