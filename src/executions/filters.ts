// Execution search filters from a query string: the legacy parameters and the newer
// `filters[field][OP]=value` form (api-contract §1.6), with Kestra's 422s for bad values and for
// filters this server does not understand (so a by-query action never widens silently).

import { EQ, NAMESPACE, NEGATIVE, POSITIVE, TEXT, filterValues, parseFilters } from '../http/filters.ts';
import { dateParam, labelParams, type Query } from '../http/query.ts';
import { illegalArgument, unprocessable } from '../shared/errors.ts';
import { parseDuration } from '../shared/time/durations.ts';
import { isStateType, type StateType } from './state.ts';
import type { ExecutionFilter } from './store.ts';

const EXECUTION_FILTERS = {
  q: TEXT, namespace: NAMESPACE, flowId: [...POSITIVE, ...NEGATIVE], state: [...POSITIVE, ...NEGATIVE], labels: EQ,
  scope: POSITIVE, startDate: ['GREATER_THAN_OR_EQUAL_TO', 'GREATER_THAN'], endDate: ['LESS_THAN_OR_EQUAL_TO', 'LESS_THAN'],
  timeRange: EQ, triggerExecutionId: EQ, childFilter: EQ,
} as const;

function states(values: string[]): StateType[] {
  const out: StateType[] = [];
  for (const raw of values) {
    for (const s of raw.split(',').map((x) => x.trim()).filter(Boolean)) {
      if (!isStateType(s)) throw unprocessable(`Invalid state '${s}'`);
      out.push(s);
    }
  }
  return out;
}

function dateValue(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return dateParam(new URLSearchParams([[name, value]]), name);
}

export function executionFilterOf(q: Query, now: number): ExecutionFilter {
  const f = parseFilters(q, EXECUTION_FILTERS);
  const include = states([...q.getAll('state'), ...filterValues(f, 'state', POSITIVE)]);
  const exclude = states(filterValues(f, 'state', NEGATIVE));
  let startDate = dateParam(q, 'startDate') ?? dateValue('startDate', filterValues(f, 'startDate', EXECUTION_FILTERS.startDate)[0]);
  const endDate = dateParam(q, 'endDate') ?? dateValue('endDate', filterValues(f, 'endDate', EXECUTION_FILTERS.endDate)[0]);
  const timeRange = q.get('timeRange') ?? filterValues(f, 'timeRange', EQ)[0];
  if (timeRange) {
    if (startDate !== undefined) throw illegalArgument("Parameters 'startDate' and 'timeRange' are mutually exclusive");
    const ms = /[YMW]/.test(timeRange.replace(/T.*$/, '').slice(1)) ? undefined : parseDuration(timeRange);
    if (ms === undefined) throw unprocessable(`Failed to convert argument [timeRange] for value [${timeRange}]`);
    startDate = now - Math.abs(ms);
  }
  if (startDate !== undefined && endDate !== undefined && startDate > endDate) throw illegalArgument('Start date must be before End Date');
  const exactNamespace = filterValues(f, 'namespace', EQ)[0];
  const namespace = exactNamespace ?? q.get('namespace') ?? filterValues(f, 'namespace', ['PREFIX', 'STARTS_WITH'])[0];
  const flowIds = [...q.getAll('flowId'), ...filterValues(f, 'flowId', POSITIVE)];
  const scopes = [...q.getAll('scope'), ...filterValues(f, 'scope', POSITIVE)].map((s) => s.toUpperCase());
  const badScope = scopes.find((s) => s !== 'USER' && s !== 'SYSTEM');
  if (badScope) throw unprocessable(`Invalid scope '${badScope}': expected USER or SYSTEM`);
  const childFilter = (q.get('childFilter') ?? filterValues(f, 'childFilter', EQ)[0])?.toUpperCase();
  if (childFilter && childFilter !== 'CHILD' && childFilter !== 'MAIN') throw unprocessable(`Invalid childFilter '${childFilter}'`);
  return {
    q: q.get('q') ?? filterValues(f, 'q', TEXT)[0],
    namespace,
    // exact with filters[namespace][EQUALS], and for the legacy pair namespace + flowId
    namespaceExact: namespace !== undefined && (exactNamespace !== undefined || flowIds.length > 0),
    flowId: flowIds.length === 1 ? flowIds[0] : undefined,
    flowIds: flowIds.length > 1 ? flowIds : undefined,
    excludeFlowIds: filterValues(f, 'flowId', NEGATIVE),
    states: include.length ? include : undefined,
    excludeStates: exclude.length ? exclude : undefined,
    labels: labelParams(q),
    startDate,
    endDate,
    scope: new Set(scopes).size === 1 ? (scopes[0] as 'USER' | 'SYSTEM') : undefined,
    triggerExecutionId: q.get('triggerExecutionId') ?? filterValues(f, 'triggerExecutionId', EQ)[0],
    childFilter: childFilter as 'CHILD' | 'MAIN' | undefined,
  };
}
