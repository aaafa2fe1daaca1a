// Logs API (api-contract §3.4): search, per-execution read/download/follow, deletes.
// Handlers translate HTTP to LogStore calls; the follow stream is history first, then live.

import { routeModule } from '../http/route-module.ts';
import { searchInTurns, slicedBody, slicedJsonArray, slicedPage } from '../http/sliced.ts';
import { attachment } from '../http/attachment.ts';
import { dateParam, firstFilter, intParam, pagingParams, queryOf, sortParams, type Query } from '../http/query.ts';
import { EQ, NAMESPACE, TEXT, parseFilters } from '../http/filters.ts';
import { sseResponse } from '../http/sse.ts';
import { tenantOf } from '../http/tenant.ts';
import { LOG_LEVEL_ORDER, isLogLevel, type LogEntry, type LogLevel } from './model.ts';
import { logJson } from './serialize.ts';
import type { Clock } from '../shared/time/clock.ts';
import { illegalArgument, unprocessable } from '../shared/errors.ts';
import type { EventBus } from '../shared/events.ts';
import type { LogFilter, LogStore } from './store.ts';

/** `clock` is taken for symmetry with the other route factories; log dates come from the entries. */
export interface LogRouteDeps { logs: LogStore; events: EventBus; clock: Clock }

const LOG_FILTERS = { q: TEXT, namespace: NAMESPACE, flowId: EQ, triggerId: EQ, level: ['EQUALS', 'EQ', 'GREATER_THAN_OR_EQUAL_TO'] } as const;

/** Kestra answers log deletes with a bare 200. */
const ok = () => new Response(null, { status: 200 });

/** Filters of one execution's logs (read, download, follow) in Kestra 2.0: level, task, task run, attempt. */
const EXECUTION_LOG_FILTERS = {
  level: LOG_FILTERS.level, taskId: EQ, taskRunId: EQ, attemptNumber: EQ,
} as const;

/** `minLevel` (or the newer `filters[level][EQUALS|GREATER_THAN_OR_EQUAL_TO]`); an unknown level is a conversion error, as in Kestra. */
export function minLevelParam(q: Query): LogLevel | undefined {
  const raw = firstFilter(q, 'level', 'minLevel') ?? q.get('filters[level][GREATER_THAN_OR_EQUAL_TO]') ?? undefined;
  if (raw === undefined) return undefined;
  const level = raw.trim().toUpperCase();
  if (!isLogLevel(level)) throw unprocessable(`Failed to convert argument [minLevel] for value [${raw}] due to: No enum constant org.slf4j.event.Level.${raw}`);
  return level;
}

function dateRange(q: Query): { startDate?: number; endDate?: number } {
  const startDate = dateParam(q, 'startDate');
  const endDate = dateParam(q, 'endDate');
  if (startDate !== undefined && endDate !== undefined && startDate > endDate) throw illegalArgument('Start date must be before End Date');
  return { startDate, endDate };
}

/**
 * Reads of one execution: taskId wins over taskRunId, which alone honours `attempt` (Kestra's
 * precedence). The legacy parameters and the 2.0 `filters[...]` form (unknown filters → 422).
 */
function executionReadFilter(q: Query, executionId: string): LogFilter {
  parseFilters(q, EXECUTION_LOG_FILTERS);
  const minLevel = minLevelParam(q);
  const attemptText = firstFilter(q, 'attemptNumber', 'attempt');
  // validated even when taskId makes it irrelevant
  const attempt = attemptText === undefined ? undefined : intParam(new URLSearchParams([['attempt', attemptText]]), 'attempt');
  const taskId = firstFilter(q, 'taskId', 'taskId');
  if (taskId) return { executionId, taskId, minLevel };
  const taskRunId = firstFilter(q, 'taskRunId', 'taskRunId');
  if (taskRunId) return { executionId, taskRunId, attempt, minLevel };
  return { executionId, minLevel };
}

/** java.time.Instant#toString: fraction digits only when non-zero. */
function instantText(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * The store matches `namespace` as a prefix (search semantics), but deleting a flow's logs must
 * spare child namespaces that happen to hold a flow with the same id.
 */
function deleteFlowLogs(logs: LogStore, tenant: string, namespace: string, flowId: string, triggerId?: string): void {
  const filter: LogFilter = { namespace, flowId, triggerId };
  const matches = logs.find(tenant, filter).results;
  if (matches.every((l) => l.namespace === namespace)) {
    logs.delete(tenant, filter);
    return;
  }
  const done = new Set<string>();
  for (const l of matches) {
    if (l.namespace !== namespace) continue;
    if (l.executionId !== undefined) {
      // an execution belongs to exactly one namespace, so its id pins the namespace down
      if (!done.has(l.executionId)) logs.delete(tenant, { executionId: l.executionId, flowId, triggerId });
      done.add(l.executionId);
    } else {
      logs.delete(tenant, { namespace, flowId, triggerId: l.triggerId, startDate: l.timestamp, endDate: l.timestamp });
    }
  }
}

export function logRoutes(deps: LogRouteDeps) {
  return routeModule()
    .get('/logs/search', async ({ request }) => {
      const q = queryOf(request);
      const paging = pagingParams(q);
      parseFilters(q, LOG_FILTERS); // unsupported filters are a 422, never ignored
      const filter: LogFilter = {
        q: firstFilter(q, 'q', 'q'),
        namespace: firstFilter(q, 'namespace', 'namespace'),
        flowId: firstFilter(q, 'flowId', 'flowId'),
        triggerId: firstFilter(q, 'triggerId', 'triggerId'),
        minLevel: minLevelParam(q),
        ...dateRange(q),
        excludeTests: true,
      };
      const tenant = tenantOf(request);
      const sort = sortParams(q);
      const { total, page: found } = await searchInTurns(paging.size, () => deps.logs.count(tenant, filter),
        () => deps.logs.page(tenant, filter, sort, paging.size, paging.offset));
      return slicedPage(total, found.count, (i) => logJson(found.get(i)));
    })
    .get('/logs/:executionId', ({ request, params }) => {
      const filter = executionReadFilter(queryOf(request), params.executionId);
      const found = deps.logs.findLazy(tenantOf(request), filter);
      return slicedJsonArray('', found.count, (i) => logJson(found.get(i)), '');
    })
    .get('/logs/:executionId/download', ({ request, params }) => {
      const filter = executionReadFilter(queryOf(request), params.executionId);
      const found = deps.logs.findLazy(tenantOf(request), filter);
      const line = (i: number) => { const l = found.get(i); return `${i ? '\n' : ''}${instantText(l.timestamp)} ${l.level} ${l.message}`; };
      return new Response(slicedBody('', found.count, line, ''), {
        headers: { 'content-type': 'text/plain', 'content-disposition': attachment(`${params.executionId}.log`) },
      });
    })
    .get('/logs/:executionId/follow', ({ request, params }) => {
      const tenant = tenantOf(request);
      const executionId = params.executionId;
      const filter = executionReadFilter(queryOf(request), executionId);
      const floor = filter.minLevel === undefined ? -1 : LOG_LEVEL_ORDER[filter.minLevel];
      const matches = (entry: LogEntry) => (filter.taskId === undefined || entry.taskId === filter.taskId)
        && (filter.taskRunId === undefined || entry.taskRunId === filter.taskRunId)
        && (filter.attempt === undefined || entry.attemptNumber === filter.attempt);
      return sseResponse(request, (channel) => {
        // History read and subscription happen in one synchronous step, and the engine stores and
        // announces each batch in one step too: no entry can fall between the two or come twice.
        const history = deps.logs.find(tenant, filter).results;
        const off = deps.events.on('log.created', ({ entry }: { entry: LogEntry }) => {
          if (entry.tenant === tenant && entry.executionId === executionId && LOG_LEVEL_ORDER[entry.level] >= floor && matches(entry)) {
            channel.send('progress', logJson(entry));
          }
        });
        for (const entry of history) channel.send('progress', logJson(entry));
        // Never closes on its own (Kestra's clients close it when the execution ends).
        return off;
      });
    })
    .delete('/logs/:executionId', ({ request, params }) => {
      const q = queryOf(request);
      deps.logs.delete(tenantOf(request), {
        executionId: params.executionId,
        minLevel: minLevelParam(q),
        taskRunId: q.get('taskRunId') || undefined,
        taskId: q.get('taskId') || undefined,
        attempt: intParam(q, 'attempt'),
      });
      return ok();
    })
    .delete('/logs/:namespace/:flowId', ({ request, params }) => {
      deleteFlowLogs(deps.logs, tenantOf(request), params.namespace, params.flowId, queryOf(request).get('triggerId') || undefined);
      return ok();
    });
}
