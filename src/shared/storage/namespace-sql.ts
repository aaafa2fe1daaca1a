// "This namespace or one below it" as SQL that a NOCASE index answers with one range scan instead
// of the lower()/LIKE predicates these replace (which no index can serve). NOCASE folds ASCII
// only, exactly like SQLite's lower() and LIKE, so the rows selected are the same (see
// test/shared/namespace-sql.test.ts). Any string in [p, p + '/') under NOCASE starts with p
// followed by nothing or a character sorting before '/'; '.' is the only one a child may have.

export interface SqlPart { sql: string; args: (string | number)[] }

const RANGE = 'namespace COLLATE NOCASE >= ? AND namespace COLLATE NOCASE < ?';
/** the expression of the executions_namespace index, spelled exactly as indexed */
export const DOTTED = "(namespace || '.') COLLATE NOCASE";
/** characters, as SQLite's substr() counts them */
const chars = (s: string) => [...s].length;

/**
 * Case-insensitive: `lower(namespace) = lower(ns) OR lower(namespace) LIKE lower(ns) || '.%'`
 * with `ns` taken literally (executions search). With a dot appended to both sides this is one
 * exact range, [ns + '.', ns + '/'), over an index on `(namespace || '.') COLLATE NOCASE`:
 * nothing is left to check row by row.
 */
export function namespaceOrChildNoCase(ns: string): SqlPart {
  return { sql: `(${DOTTED} >= ? AND ${DOTTED} < ?)`, args: [`${ns}.`, `${ns}/`] };
}

/**
 * Exactly `namespace = ns OR namespace LIKE ns || '.%'` (logs search): the equality is
 * case-sensitive while LIKE folds ASCII case, and `_` / `%` in `ns` stay wildcards. Without
 * wildcards that is the range plus a check of the character after the prefix; with them the
 * original predicate is kept and the range only narrows the scan to the literal part before the
 * first wildcard (when that part is plain ASCII, so its successor is easy to form).
 */
export function namespaceOrChildLike(ns: string): SqlPart {
  if (!/[_%]/.test(ns)) {
    return { sql: `(${RANGE} AND (substr(namespace, ?, 1) = '.' OR namespace = ?))`, args: [ns, `${ns}/`, chars(ns) + 1, ns] };
  }
  const exact = { sql: '(namespace = ? OR namespace LIKE ?)', args: [ns, `${ns}.%`] };
  const literal = ns.slice(0, ns.search(/[_%]/)).replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (!/^[ -~]+$/.test(literal)) return exact;
  const upper = literal.slice(0, -1) + String.fromCharCode(literal.charCodeAt(literal.length - 1) + 1);
  return { sql: `(${RANGE} AND ${exact.sql})`, args: [literal, upper, ...exact.args] };
}
