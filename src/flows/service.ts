// Flow lifecycle with Kestra's revision model (api-contract §3.1): create, update (identical
// saves make no revision), delete (a deleted-marker revision), reads by revision. Every write
// emits `flow.changed` so the flows directory, the scheduler and the dashboard follow along.

import { ApiError, illegalState, invalidEntity, notFound, type ErrorItem } from '../shared/errors.ts';
import type { EventBus, FlowOrigin } from '../shared/events.ts';
import type { Clock } from '../shared/time/clock.ts';
import type { PluginCatalog } from '../plugins/catalog.ts';
import { flowToYaml, parseFlowObject, parseFlowYaml, violationsMessage, type FlowParseResult } from './parse.ts';
import type { FlowDocument, Violation } from './model.ts';
import type { FlowRecord, FlowStore } from './store.ts';

/** A revision-to-be: the document, with the keys the server manages split off (only `disabled` is kept). */
export interface ParsedFlow { namespace: string; id: string; flow: FlowDocument; disabled: boolean; source: string; draft?: boolean }

/** Parsing without throwing, for callers that keep violations as data (the flows directory). */
export type FlowParse = { ok: true; flow: ParsedFlow } | { ok: false; violations: Violation[] };

export interface FlowServiceDeps { store: FlowStore; events: EventBus; clock: Clock; catalog?: PluginCatalog }

export type FlowService = ReturnType<typeof createFlowService>;

/** Source comparison ignores a `revision: N` line, as Kestra does. */
export function stripRevisionLine(source: string): string {
  return source.replace(/^revision:.*$\n?/m, '').trim();
}

export function createFlowService(deps: FlowServiceDeps) {
  const { store, events, clock } = deps;

  function toParsed(result: FlowParseResult, source: string): FlowParse {
    if (!result.ok) return { ok: false, violations: result.violations };
    const { disabled, deleted: _d, revision: _r, ...flow } = result.flow;
    return { ok: true, flow: { namespace: flow.namespace, id: flow.id, flow, disabled: disabled === true, source } };
  }

  /** The HTTP paths: a failed parse is a 422 with Kestra's violations, rendered at the edge. */
  function orThrow(parsed: FlowParse): ParsedFlow {
    // violationsMessage words parse errors and task/input paths as Kestra does (not plain path: message)
    if (!parsed.ok) throw new ApiError('INVALID_ENTITY', violationsMessage(parsed.violations), parsed.violations);
    return parsed.flow;
  }

  /** YAML text → parsed flow or violations. Never throws. */
  function parseFlow(source: string): FlowParse {
    return toParsed(parseFlowYaml(source, deps.catalog), source);
  }

  /**
   * YAML text → parsed flow, or a 422. A draft (`?draft=true`, Kestra 2.0) is only deserialised:
   * constraint violations do not stop it, but it still needs an id and a namespace to be stored.
   */
  function parseYaml(source: string, opts: { draft?: boolean } = {}): ParsedFlow {
    if (!opts.draft) return orThrow(parseFlow(source));
    const parsed = orThrow(toParsed(parseFlowYaml(source, deps.catalog, { constraints: false }), source));
    const missing: ErrorItem[] = [];
    if (typeof parsed.id !== 'string' || parsed.id === '') missing.push({ path: 'id', message: 'must not be blank' });
    if (typeof parsed.namespace !== 'string' || parsed.namespace === '') missing.push({ path: 'namespace', message: 'must not be blank' });
    if (missing.length) throw invalidEntity(missing);
    return { ...parsed, draft: true };
  }

  /** Deprecated JSON routes: the stored source is a YAML rendering of the JSON flow. */
  function parseJson(value: unknown): ParsedFlow {
    const result = parseFlowObject(value, deps.catalog);
    return orThrow(toParsed(result, result.ok ? flowToYaml(result.flow) : ''));
  }

  function isIdentical(current: FlowRecord, next: ParsedFlow): boolean {
    return (
      !current.deleted &&
      current.disabled === next.disabled &&
      current.draft === (next.draft === true) &&
      JSON.stringify(current.flow) === JSON.stringify(next.flow) &&
      stripRevisionLine(current.source) === stripRevisionLine(next.source)
    );
  }

  function record(tenant: string, p: ParsedFlow, revision: number, deleted = false): FlowRecord {
    return { tenant, namespace: p.namespace, id: p.id, revision, deleted, disabled: p.disabled, draft: p.draft === true, source: p.source, flow: p.flow, updated: clock.now() };
  }

  function emit(r: FlowRecord, origin: FlowOrigin, previous?: FlowRecord) {
    events.emit('flow.changed', {
      tenant: r.tenant, namespace: r.namespace, id: r.id, revision: r.revision, origin, deleted: r.deleted, ...(r.draft ? { draft: true } : {}),
      source: r.source, previousSource: previous?.source,
    });
  }

  /** Writes a new revision unless identical; returns the current record either way. */
  function save(tenant: string, p: ParsedFlow, origin: FlowOrigin): { record: FlowRecord; changed: boolean } {
    const current = store.current(tenant, p.namespace, p.id);
    if (current && isIdentical(current, p)) return { record: current, changed: false };
    // Drafts are never written to the flows directory, so under a draft the file still holds the
    // deployed revision: reading it back (a restart's scan) is no change and must not bury the draft.
    if (origin === 'file' && current?.draft && !current.deleted) {
      const deployed = store.latestDeployed(tenant, p.namespace, p.id);
      if (deployed && isIdentical({ ...deployed, draft: false }, { ...p, draft: false })) return { record: current, changed: false };
    }
    const next = record(tenant, p, (current?.revision ?? 0) + 1);
    store.append(next);
    emit(next, origin, current);
    return { record: next, changed: true };
  }

  function getCurrent(tenant: string, namespace: string, id: string): FlowRecord | undefined {
    const r = store.current(tenant, namespace, id);
    return r && !r.deleted ? r : undefined;
  }

  /** What runs without an explicit revision (schedules, webhooks, subflows, manual runs): drafts are skipped. */
  function getDeployed(tenant: string, namespace: string, id: string): FlowRecord | undefined {
    if (!getCurrent(tenant, namespace, id)) return undefined;
    return store.latestDeployed(tenant, namespace, id);
  }

  function remove(tenant: string, namespace: string, id: string, origin: FlowOrigin): FlowRecord {
    const current = getCurrent(tenant, namespace, id);
    if (!current) throw notFound();
    const marker: FlowRecord = { ...current, revision: current.revision + 1, deleted: true, updated: clock.now(), json: undefined, jsonWithSource: undefined };
    store.append(marker);
    emit(marker, origin, current);
    return current;
  }

  return {
    catalog: deps.catalog,
    parseFlow,
    parseYaml,
    parseJson,
    save,
    getCurrent,
    getDeployed,
    remove,

    create(tenant: string, p: ParsedFlow, origin: FlowOrigin = 'api'): FlowRecord {
      if (getCurrent(tenant, p.namespace, p.id)) {
        throw invalidEntity([{ path: 'flow.id', message: 'Flow id already exists' }]);
      }
      return save(tenant, p, origin).record;
    },

    update(tenant: string, namespace: string, id: string, p: ParsedFlow, origin: FlowOrigin = 'api'): FlowRecord {
      if (!getCurrent(tenant, namespace, id)) throw notFound();
      const violations: ErrorItem[] = [];
      if (p.id !== id) violations.push({ path: 'flow.id', message: 'Illegal flow id update' });
      if (p.namespace !== namespace) violations.push({ path: 'flow.namespace', message: 'Illegal namespace update' });
      if (violations.length) throw invalidEntity(violations);
      return save(tenant, p, origin).record;
    },

    /**
     * GET /flows/{ns}/{id}: current, a given revision, or the deleted marker with allowDeleted;
     * `deployed` (executions without a revision) skips draft revisions.
     */
    get(tenant: string, namespace: string, id: string, opts: { revision?: number; allowDeleted?: boolean; deployed?: boolean } = {}): FlowRecord {
      const r = opts.revision !== undefined ? store.revision(tenant, namespace, id, opts.revision)
        : opts.deployed ? getDeployed(tenant, namespace, id) : store.current(tenant, namespace, id);
      if (!r || (r.deleted && opts.revision === undefined && !opts.allowDeleted)) throw notFound();
      return r;
    },

    revisions: (tenant: string, namespace: string, id: string) => store.revisions(tenant, namespace, id),

    /** DELETE /flows/{ns}/{id}/revisions: past revisions only, all checked before any is removed */
    deleteRevisions(tenant: string, namespace: string, id: string, revisions: number[]): void {
      const current = getCurrent(tenant, namespace, id);
      if (!current) throw notFound();
      const existing = new Set(store.revisions(tenant, namespace, id).map((r) => r.revision));
      const missing = revisions.find((r) => !existing.has(r));
      if (missing !== undefined) throw notFound(`Revision ${missing} of flow ${namespace}.${id} not found`);
      if (revisions.includes(current.revision)) throw illegalState(`Cannot delete revision ${current.revision} of flow ${namespace}.${id}: it is the current revision`);
      store.deleteRevisions(tenant, namespace, id, [...new Set(revisions)]);
    },

    tenants: () => store.tenants(),

    /** changes whenever any flow is written (cache key for derived views) */
    version: () => store.version(),

    /** the database was replaced underneath (admin reset/import): re-read the current revisions */
    reload: () => store.reload(),

    /** Current, non-deleted flows of a tenant. */
    list(tenant: string): FlowRecord[] {
      const out: FlowRecord[] = [];
      for (const r of store.all(tenant)) if (!r.deleted) out.push(r);
      return out;
    },

    /** Rewrites the `disabled:` line of the source (or appends one) and saves a revision. */
    setDisabled(tenant: string, r: FlowRecord, disabled: boolean): boolean {
      if (r.disabled === disabled) return false;
      const line = /^disabled:\s*\S+.*$/m;
      const source = line.test(r.source) ? r.source.replace(line, `disabled: ${disabled}`) : `${r.source.replace(/\n*$/, '')}\ndisabled: ${disabled}`;
      save(tenant, { namespace: r.namespace, id: r.id, flow: r.flow, disabled, source, draft: r.draft }, 'api');
      return true;
    },
  };
}
