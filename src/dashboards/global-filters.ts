// The body of chart-data requests: the 0.21 `{startDate, endDate, pageNumber, pageSize}` map and
// the newer ChartFiltersOverrides (`filters: [{field, operation, value}]`, `namespace`, `labels`).
// It yields the time window and the filters that replace the chart's own on the same fields
// (Kestra's whereWithGlobalFilters): namespace, flowId, state, labels, then the window's dates.

import { parseDurationMs } from '../shared/time/durations.ts';
import { illegalArgument, invalidEntity, unprocessable } from '../shared/errors.ts';
import { parseDate } from './codec.ts';
import type { Filter, FilterType } from './model.ts';
import type { Page } from './query.ts';
import type { SourceDef } from './sources.ts';

const OPERATIONS: Record<string, FilterType> = {
  EQUALS: 'EQUAL_TO', NOT_EQUALS: 'NOT_EQUAL_TO', GREATER_THAN: 'GREATER_THAN', LESS_THAN: 'LESS_THAN',
  GREATER_THAN_OR_EQUAL_TO: 'GREATER_THAN_OR_EQUAL_TO', LESS_THAN_OR_EQUAL_TO: 'LESS_THAN_OR_EQUAL_TO', IN: 'IN',
  NOT_IN: 'NOT_IN', STARTS_WITH: 'STARTS_WITH', ENDS_WITH: 'ENDS_WITH', CONTAINS: 'CONTAINS', REGEX: 'REGEX', PREFIX: 'PREFIX',
};

/**
 * Kestra's QueryFilter.Field values (the 2.0 OpenAPI enum): `filters[].field` deserialises into
 * that enum, so any other name is refused. Chart data narrows on namespace, flowId, state, labels
 * and the date fields; the other fields are accepted and, as in Kestra, change nothing.
 */
const QUERY_FILTER_FIELDS = [
  'q', 'scope', 'namespace', 'kind', 'POLICY_SCOPE', 'ENFORCEMENT', 'labels', 'tags', 'metadata', 'flowId', 'flowRevision', 'id',
  'assetId', 'type', 'action', 'created', 'updated', 'startDate', 'endDate', 'expirationDate', 'state', 'status', 'email', 'timeRange',
  'parentId', 'triggerExecutionId', 'triggerId', 'triggerState', 'executionId', 'taskId', 'taskRunId', 'attemptNumber', 'childFilter',
  'workerId', 'existingOnly', 'userId', 'resources', 'details', 'level', 'path', 'parentPath', 'version', 'enabled', 'username', 'name',
  'groupList', 'external_id', 'expired_at', 'super_admin', 'source', 'locked', 'lastTriggeredDate', 'nextExecutionDate', 'artifactId',
] as const;
const KNOWN_FIELDS: ReadonlySet<string> = new Set(QUERY_FILTER_FIELDS);

type Global = 'namespace' | 'flowId' | 'state' | 'labels';

export interface RequestFilters {
  startDate?: number;
  endDate?: number;
  /** whether the request carried any filters at all (preview defaults differ) */
  given: boolean;
  page?: Page;
  globals: { on: Global; type: FilterType; value: unknown; labelKey?: string }[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The value's shape for its operation: IN/NOT_IN take a list, or a text Kestra splits on commas
 * (QueryFilter.asValues); the others one text, number or boolean. Anything else would compare
 * against "[object Object]" and silently match nothing.
 */
function checkValue(field: string, operation: string, value: unknown): void {
  if (operation === 'IN' || operation === 'NOT_IN') {
    const ok = typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every(isScalar));
    if (!ok) throw unprocessable(`Invalid json mapping: the ${operation} filter on ${field} needs a list of values (or a comma-separated text)`);
  } else if (!isScalar(value)) {
    throw unprocessable(`Invalid json mapping: the ${operation} filter on ${field} needs a single value (text, number or boolean)`);
  }
}

function date(value: unknown, name: string): number {
  const ms = parseDate(value);
  if (ms === undefined) throw unprocessable(`Failed to convert argument [${name}] for value [${String(value)}]: not an ISO-8601 date-time`);
  return ms;
}

function integer(body: Record<string, unknown>, name: string): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw unprocessable(`Invalid json mapping: \`${name}\` must be an integer`);
  return v;
}

/** Reads the request body (already JSON-parsed; absent = no filters). */
export function readRequestFilters(body: unknown, now: number): RequestFilters {
  const out: RequestFilters = { given: body !== undefined && body !== null, globals: [] };
  if (body === undefined || body === null) return out;
  if (!isObject(body)) throw unprocessable('Invalid json mapping: the filters must be a JSON object');
  if (body.startDate != null) out.startDate = date(body.startDate, 'startDate');
  if (body.endDate != null) out.endDate = date(body.endDate, 'endDate');
  const size = integer(body, 'pageSize');
  const number = integer(body, 'pageNumber');
  if (size !== undefined && number !== undefined) {
    const bad = [...(number < 1 ? [{ path: 'pageNumber', message: 'must be greater than or equal to 1' }] : []), ...(size < 1 ? [{ path: 'pageSize', message: 'must be greater than or equal to 1' }] : [])];
    if (bad.length) throw invalidEntity(bad);
    out.page = { number, size };
  }
  if (typeof body.namespace === 'string' && body.namespace) out.globals.push({ on: 'namespace', type: 'PREFIX', value: body.namespace });
  if (isObject(body.labels)) for (const [k, v] of Object.entries(body.labels)) out.globals.push({ on: 'labels', type: 'EQUAL_TO', value: v, labelKey: k });
  const filters = body.filters ?? [];
  if (!Array.isArray(filters)) throw unprocessable('Invalid json mapping: `filters` must be a list');
  for (const f of filters) {
    if (!isObject(f) || typeof f.field !== 'string' || typeof f.operation !== 'string') throw unprocessable('Invalid json mapping: a filter needs `field` and `operation`');
    if (!KNOWN_FIELDS.has(f.field)) throw unprocessable(`Invalid json mapping: unknown filter field '${f.field}'; use one of ${QUERY_FILTER_FIELDS.join(', ')}`);
    const type = OPERATIONS[f.operation];
    if (!type) throw unprocessable(`Invalid json mapping: unknown filter operation ${f.operation}; use one of ${Object.keys(OPERATIONS).join(', ')}`);
    // a labels filter may also carry a {key: value} map
    if (!(f.field === 'labels' && isObject(f.value))) checkValue(f.field, f.operation, f.value);
    if (f.field === 'startDate') out.startDate = date(f.value, 'startDate');
    else if (f.field === 'endDate') out.endDate = date(f.value, 'endDate');
    else if (f.field === 'timeRange') {
      const ms = parseDurationMs(f.value);
      if (ms === undefined) throw unprocessable(`Failed to convert argument [timeRange] for value [${String(f.value)}]: not an ISO-8601 duration`);
      out.startDate = now - Math.abs(ms);
      out.endDate = now;
    } else if (f.field === 'labels' && isObject(f.value)) {
      for (const [k, v] of Object.entries(f.value)) out.globals.push({ on: 'labels', type, value: v, labelKey: k });
    } else if (f.field === 'namespace' || f.field === 'flowId' || f.field === 'state' || f.field === 'labels') {
      out.globals.push({ on: f.field, type, value: f.value });
    }
    // other fields do not narrow chart data sources (Kestra ignores them too)
  }
  if (out.startDate !== undefined && out.endDate !== undefined && out.endDate < out.startDate) {
    throw illegalArgument('`endDate` must be after `startDate`.');
  }
  return out;
}

/** The chart's filters with the request's global filters and time window in place of its own. */
export function withGlobals(source: SourceDef, where: Filter[], req: RequestFilters, window: { start?: number; end?: number }): Filter[] {
  let out = [...where];
  for (const on of ['namespace', 'flowId', 'state', 'labels'] as const) {
    const field = source.global[on];
    const mine = req.globals.filter((g) => g.on === on);
    if (!field || !mine.length) continue;
    out = out.filter((f) => f.field !== field);
    for (const g of mine) {
      const many = g.type === 'IN' || g.type === 'NOT_IN';
      const values = Array.isArray(g.value) ? g.value : String(g.value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const f: Filter = many ? { type: g.type, field, values } : { type: g.type, field, value: Array.isArray(g.value) ? g.value[0] : g.value };
      if (g.labelKey !== undefined) f.labelKey = g.labelKey;
      // a label filter without a key (`labels: "k:v"`) names the key in its value
      if (on === 'labels' && f.labelKey === undefined && typeof f.value === 'string' && f.value.includes(':')) {
        const i = f.value.indexOf(':');
        f.labelKey = f.value.slice(0, i);
        f.value = f.value.slice(i + 1);
      }
      out.push(f);
    }
  }
  if (source.window) {
    const { start, end } = source.window;
    if (window.start !== undefined) out = [...out.filter((f) => f.field !== start), { type: 'GREATER_THAN_OR_EQUAL_TO', field: start, value: window.start }];
    if (window.end !== undefined) out = [...out.filter((f) => f.field !== end || f.type === 'GREATER_THAN_OR_EQUAL_TO'), { type: 'LESS_THAN_OR_EQUAL_TO', field: end, value: window.end }];
  }
  return out;
}
