// Execution search filters from a query string: legacy parameters and the newer
// `filters[field][OP]=value` form (api-contract §1.6), with Kestra's 422s for bad values.

import { dateParam, filterParam, firstFilter, labelParams, type Query } from '../http/query.ts';
import { illegalArgument, unprocessable } from '../shared/errors.ts';
import { parseDuration } from '../tasks/types.ts';
import { isStateType, type StateType } from './state.ts';
import type { ExecutionFilter } from './store.ts';

export function executionFilterOf(q: Query, now: number): ExecutionFilter {
  const states: StateType[] = [];
  for (const raw of filterParam(q, 'state', 'state')) {
    for (const s of raw.split(',').map((x) => x.trim()).filter(Boolean)) {
      if (!isStateType(s)) throw unprocessable(`Invalid state '${s}'`);
      states.push(s);
    }
  }
  let startDate = dateParam(q, 'startDate');
  const endDate = dateParam(q, 'endDate');
  const timeRange = q.get('timeRange') ?? firstFilter(q, 'timeRange', 'filters[timeRange][EQUALS]');
  if (timeRange) {
    if (startDate !== undefined) throw illegalArgument("Parameters 'startDate' and 'timeRange' are mutually exclusive");
    const ms = /[YMW]/.test(timeRange.replace(/T.*$/, '').slice(1)) ? undefined : parseDuration(timeRange);
    if (ms === undefined) throw unprocessable(`Failed to convert argument [timeRange] for value [${timeRange}]`);
    startDate = now - Math.abs(ms);
  }
  if (startDate !== undefined && endDate !== undefined && startDate > endDate) throw illegalArgument('Start date must be before End Date');
  const namespace = firstFilter(q, 'namespace', 'namespace');
  const flowId = firstFilter(q, 'flowId', 'flowId');
  const scopes = filterParam(q, 'scope', 'scope').map((s) => s.toUpperCase());
  const childFilter = (q.get('childFilter') ?? firstFilter(q, 'childFilter', 'filters[childFilter][EQUALS]'))?.toUpperCase();
  if (childFilter && childFilter !== 'CHILD' && childFilter !== 'MAIN') throw unprocessable(`Invalid childFilter '${childFilter}'`);
  return {
    q: firstFilter(q, 'q', 'q'),
    namespace,
    namespaceExact: namespace !== undefined && flowId !== undefined,
    flowId,
    states: states.length ? states : undefined,
    labels: labelParams(q),
    startDate,
    endDate,
    scope: scopes.length === 1 ? (scopes[0] as 'USER' | 'SYSTEM') : undefined,
    triggerExecutionId: firstFilter(q, 'triggerExecutionId', 'triggerExecutionId'),
    childFilter: childFilter as 'CHILD' | 'MAIN' | undefined,
  };
}
