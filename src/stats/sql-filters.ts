// WHERE clauses shared by the stats and task-run queries (api-contract §1.6 semantics): tenant,
// namespace tree prefix (or exact), flow id, scope, an explicit flow list, and `q` full text.
// Column names are the same in executions, stats_taskruns and logs, so one builder serves all.

export interface RowFilter {
  q?: string;
  namespace?: string;
  namespaceExact?: boolean;
  flowId?: string;
  scope?: 'USER' | 'SYSTEM';
  flows?: { namespace: string; id: string }[];
}

export interface Sql { sql: string; args: (string | number)[] }

/** Full-text expressions per table: the concatenation every `q` token must occur in. */
export const FULLTEXT = {
  executions: "lower(id || ' ' || namespace || ' ' || flow_id)",
  taskruns: "lower(id || ' ' || namespace || ' ' || flow_id || ' ' || task_id || ' ' || execution_id)",
  logs: "lower(namespace || ' ' || flow_id || ' ' || coalesce(task_id, '') || ' ' || coalesce(execution_id, '') || ' ' || coalesce(task_run_id, '') || ' ' || coalesce(trigger_id, '') || ' ' || message || ' ' || thread)",
} as const;

export const SYSTEM_NAMESPACE = 'system';

/** `q` split as Kestra does: on punctuation, symbols and whitespace; `*` means no filter. */
export function qTokens(q: string | undefined): string[] {
  if (!q || q.trim() === '*') return [];
  return q.toLowerCase().split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
}

const likePrefix = (ns: string) => `${ns.replace(/[\\%_]/g, '\\$&')}.%`;

/** Conditions on the row itself (tenant included), joined with AND. */
export function rowConditions(tenant: string, f: RowFilter, fulltext: string): Sql {
  const parts = ['tenant = ?'];
  const args: (string | number)[] = [tenant];
  if (f.namespace) {
    if (f.namespaceExact) { parts.push('namespace = ?'); args.push(f.namespace); }
    else { parts.push("(lower(namespace) = lower(?) OR lower(namespace) LIKE lower(?) ESCAPE '\\')"); args.push(f.namespace, likePrefix(f.namespace)); }
  }
  if (f.flowId) { parts.push('flow_id = ?'); args.push(f.flowId); }
  if (f.scope === 'USER') { parts.push('namespace <> ?'); args.push(SYSTEM_NAMESPACE); }
  if (f.scope === 'SYSTEM') { parts.push('namespace = ?'); args.push(SYSTEM_NAMESPACE); }
  if (f.flows?.length) {
    parts.push(`(${f.flows.map(() => '(namespace = ? AND flow_id = ?)').join(' OR ')})`);
    for (const fl of f.flows) args.push(fl.namespace, fl.id);
  }
  for (const token of qTokens(f.q)) { parts.push(`instr(${fulltext}, ?) > 0`); args.push(token); }
  return { sql: parts.join(' AND '), args };
}

/** The same filter applied in memory to a (namespace, flowId) pair, for loops over distinct flows. */
export function flowMatches(f: RowFilter, namespace: string, flowId: string): boolean {
  if (f.namespace) {
    const want = f.namespace.toLowerCase();
    const ns = namespace.toLowerCase();
    if (f.namespaceExact ? namespace !== f.namespace : ns !== want && !ns.startsWith(`${want}.`)) return false;
  }
  if (f.flowId && flowId !== f.flowId) return false;
  if (f.scope === 'USER' && namespace === SYSTEM_NAMESPACE) return false;
  if (f.scope === 'SYSTEM' && namespace !== SYSTEM_NAMESPACE) return false;
  if (f.flows?.length && !f.flows.some((fl) => fl.namespace === namespace && fl.id === flowId)) return false;
  return true;
}
