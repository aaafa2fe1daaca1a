// Serialisation filters: toJson/json, toIon, yaml, jq.
import { yaml } from '../../shared/yaml.ts';
import type { FilterDef } from '../callables.ts';
import { toIon } from '../ion.ts';
import { toJson } from '../print.ts';
import { toPlain } from '../values.ts';

export function toYaml(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  return yaml().stringify(toPlain(v), { lineWidth: 0 });
}

export const JSON_FILTERS: Record<string, FilterDef> = {
  toJson: { fn: (v) => toJson(v) },
  json: { fn: (v) => toJson(v) },
  jsonEncode: { fn: (v) => toJson(v) },
  toIon: { fn: (v) => toIon(v) },
  yaml: { fn: (v) => toYaml(v) },
  jq: {
    args: ['expression'],
    fn: (v, [expr], rt) => rt.engine.compileJq(String(expr))(v),
  },
};
