// Reading condition properties: dynamic ones are rendered (a string without `{` renders to
// itself), static ones are taken as written. Missing required properties are evaluation errors.
import type { Label } from '../../flows/model.ts';
import { ConditionError, type ConditionContext, type ConditionDef } from './types.ts';
import { isPlainObject } from '../../shared/guards.ts';

export function optString(def: ConditionDef, name: string, ctx: ConditionContext, dynamic = true): string | undefined {
  const v = def[name];
  if (v === undefined || v === null) return undefined;
  const s = typeof v === 'string' ? v : String(v);
  return dynamic ? ctx.render(s) : s;
}

export function reqString(def: ConditionDef, name: string, ctx: ConditionContext, dynamic = true): string {
  const s = optString(def, name, ctx, dynamic);
  if (s === undefined) throw new ConditionError(`Missing required property '${name}'`);
  return s;
}

/** a list of state names; a single string is accepted as a one-element list */
export function optStates(def: ConditionDef, name: string, ctx: ConditionContext): string[] | undefined {
  const v = def[name];
  if (v === undefined || v === null) return undefined;
  const list = Array.isArray(v) ? v : [v];
  return list.map((s) => ctx.render(String(s)).trim().toUpperCase());
}

/** labels written as a map (`{team: data}`) or as Kestra's list form (`[{key, value}]`); values compare as strings */
export function toLabels(v: unknown, ctx: ConditionContext): Label[] {
  if (v === undefined || v === null) return [];
  const str = (x: unknown) => ctx.render(typeof x === 'string' ? x : String(x));
  if (Array.isArray(v)) {
    return v.map((item) => {
      if (!isPlainObject(item) || item.key === undefined) throw new ConditionError(`Invalid label ${JSON.stringify(item)}`);
      return { key: String(item.key), value: str(item.value ?? '') };
    });
  }
  if (isPlainObject(v)) return Object.entries(v).map(([key, value]) => ({ key, value: str(value) }));
  throw new ConditionError('labels must be a map or a list of {key, value}');
}

export const hasLabel = (have: readonly Label[], l: Label) => have.some((h) => h.key === l.key && h.value === l.value);
