// `where` filters → a SQL condition with bound arguments. Field expressions come from the data
// source's constant list; every value a dashboard or a request carries is a `?` argument.

import { illegalArgument } from '../shared/errors.ts';
import { toSqlValue, ValueError, type SqlValue } from './codec.ts';
import type { Filter } from './model.ts';
import type { SourceDef } from './sources.ts';
import { javaRegex } from './sql-functions.ts';

export interface Frag { sql: string; args: SqlValue[] }

/** The expression of a field; a LABELS field reads the label named by `labelKey`. */
export function fieldFrag(source: SourceDef, field: string, labelKey?: string): Frag {
  const def = source.fields[field];
  // unreachable for bound documents (fields are checked against this list when binding)
  if (!def) throw illegalArgument(`Unknown field ${field} for ${source.name}`);
  return def.kind === 'labels' ? { sql: def.sql, args: [labelKey ?? ''] } : { sql: def.sql, args: [] };
}

const TEXT_OPS = new Set(['CONTAINS', 'NOT_CONTAINS', 'STARTS_WITH', 'ENDS_WITH', 'PREFIX', 'REGEX']);

function value(source: SourceDef, f: Filter, v: unknown): SqlValue {
  const kind = TEXT_OPS.has(f.type) ? 'text' : source.fields[f.field]!.kind;
  try {
    return toSqlValue(kind, v);
  } catch (err) {
    if (err instanceof ValueError) throw illegalArgument(`Invalid filter on ${f.field}: ${err.message}`);
    throw err;
  }
}

export function filterFrag(source: SourceDef, f: Filter): Frag {
  if (f.type === 'OR') {
    const parts = ((f.values ?? []) as Filter[]).map((sub) => filterFrag(source, sub));
    if (!parts.length) return { sql: '1 = 1', args: [] };
    return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, args: parts.flatMap((p) => p.args) };
  }
  const e = fieldFrag(source, f.field, f.labelKey);
  const one = (sql: string, ...vals: SqlValue[]): Frag => ({ sql, args: [...e.args, ...vals] });
  const v = () => value(source, f, f.value);
  switch (f.type) {
    case 'EQUAL_TO': return one(`${e.sql} = ?`, v());
    case 'NOT_EQUAL_TO': return one(`${e.sql} <> ?`, v());
    case 'GREATER_THAN': return one(`${e.sql} > ?`, v());
    case 'GREATER_THAN_OR_EQUAL_TO': return one(`${e.sql} >= ?`, v());
    case 'LESS_THAN': return one(`${e.sql} < ?`, v());
    case 'LESS_THAN_OR_EQUAL_TO': return one(`${e.sql} <= ?`, v());
    case 'IN':
    case 'NOT_IN': {
      const values = (f.values ?? []).map((x) => value(source, f, x));
      if (!values.length) return { sql: f.type === 'IN' ? '1 = 0' : '1 = 1', args: [] };
      return one(`${e.sql} ${f.type === 'IN' ? 'IN' : 'NOT IN'} (${values.map(() => '?').join(', ')})`, ...values);
    }
    // instr/substr rather than LIKE: case-sensitive as Kestra's databases are, and no wildcards to escape
    case 'CONTAINS': return one(`instr(${e.sql}, ?) > 0`, v());
    case 'NOT_CONTAINS': return one(`(${e.sql} IS NULL OR instr(${e.sql}, ?) = 0)`, ...e.args, v());
    case 'STARTS_WITH': return one(`instr(${e.sql}, ?) = 1`, v());
    case 'ENDS_WITH': {
      const text = String(v());
      if (text === '') return one(`${e.sql} IS NOT NULL`);
      return one(`substr(${e.sql}, ?) = ?`, -text.length, text);
    }
    case 'PREFIX': {
      const text = String(v());
      return one(`(${e.sql} = ? OR instr(${e.sql}, ?) = 1)`, text, ...e.args, `${text}.`);
    }
    case 'IS_NULL': return one(`${e.sql} IS NULL`);
    case 'IS_NOT_NULL': return one(`${e.sql} IS NOT NULL`);
    case 'IS_TRUE': return one(`${e.sql} IS TRUE`);
    case 'IS_FALSE': return one(`${e.sql} IS FALSE`);
    case 'REGEX': {
      const pattern = String(v());
      try {
        javaRegex(pattern); // a bad pattern is a 422 here, not an error in the middle of the query
      } catch (err) {
        if (err instanceof ValueError) throw illegalArgument(`Invalid filter on ${f.field}: ${err.message}`);
        throw err;
      }
      // kl_regexp (sql-functions.ts): the pattern found anywhere in the field's text, as REGEXP_LIKE
      return { sql: `kl_regexp(?, ${e.sql}, ?)`, args: [pattern, ...e.args, source.fields[f.field]!.kind] };
    }
  }
}

/** Every filter joined with AND after the tenant (and the source's own condition). */
export function whereFrag(source: SourceDef, tenant: string, filters: Filter[]): Frag {
  const parts: Frag[] = [{ sql: 'tenant = ?', args: [tenant] }];
  if (source.always) parts.push({ sql: source.always, args: [] });
  for (const f of filters) parts.push(filterFrag(source, f));
  return { sql: parts.map((p) => p.sql).join(' AND '), args: parts.flatMap((p) => p.args) };
}
