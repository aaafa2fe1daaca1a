// Dashboard and chart YAML → a bound document, or Kestra's violations: YAML syntax errors
// ("Illegal dashboard yaml: ..."), the first binding error, then every validation rule.

import { yaml } from '../shared/yaml.ts';
import type { Violation } from '../flows/model.ts';
import { BindError, bindChart, bindDashboard } from './bind.ts';
import type { Chart, Dashboard } from './model.ts';
import { chartViolations, dashboardViolations } from './rules.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; violations: Violation[]; message: string };

function yamlValue(source: string, resource: 'dashboard' | 'chart'): { ok: true; value: unknown } | { ok: false; message: string } {
  if (source.trim() === '') return { ok: false, message: `Illegal ${resource} yaml: the document is empty` };
  try {
    const doc = yaml().parseDocument(source, { uniqueKeys: true, prettyErrors: false });
    const error = doc.errors[0];
    if (error) return { ok: false, message: `Illegal ${resource} yaml: ${error.message.split('\n')[0]}` };
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (err) {
    return { ok: false, message: `Illegal ${resource} yaml: ${(err as Error).message.split('\n')[0]}` };
  }
}

/** The text after "Invalid entity: ": a binding error alone, else `path: message` items joined. */
export function violationsText(violations: Violation[]): string {
  return violations.map((v) => (v.path && !v.path.startsWith('io.kestra') && v.path !== 'yaml' ? `${v.path}: ${v.message}` : v.message)).join(', ');
}

function fail<T>(violations: Violation[]): Parsed<T> {
  return { ok: false, violations, message: violationsText(violations) };
}

function bound<T>(source: string, resource: 'dashboard' | 'chart', bind: (v: unknown) => T, rules: (t: T) => Violation[]): Parsed<T> {
  const yaml = yamlValue(source, resource);
  if (!yaml.ok) return fail([{ path: 'yaml', message: yaml.message }]);
  let value: T;
  try {
    value = bind(yaml.value);
  } catch (err) {
    if (!(err instanceof BindError)) throw err;
    return fail([{ path: err.path || DEFAULT_PATH[resource], message: err.message }]);
  }
  const violations = rules(value);
  return violations.length ? fail(violations) : { ok: true, value };
}

const DEFAULT_PATH = { dashboard: 'io.kestra.core.models.dashboards.Dashboard', chart: 'io.kestra.core.models.dashboards.charts.Chart' };

export const parseDashboard = (source: string): Parsed<Dashboard> => bound(source, 'dashboard', bindDashboard, dashboardViolations);

export const parseChart = (source: string): Parsed<Chart> => bound(source, 'chart', (v) => bindChart(v), (c) => chartViolations(c));
