// The 2.0 view of a JSON body: walks the value along the schema its operation declares and, in the
// schemas listed in SLIMMED (the ones whose 2.0 form is narrower than kestra-lite's 0.21 JSON),
// drops every property the schema does not declare; FILLERS then add what 2.0 has and 0.21 lacks.
// Other schemas are walked through but never cut: plugin documents (tasks, triggers, inputs,
// charts) carry far more properties than their base schema lists, and Kestra writes them all.

import { resolve, type Resolved, type Schema } from './schemas.ts';

export interface ShapeContext {
  /** the tenant of the request (`main` when none was given) */
  tenant: string;
  /** ids for values 2.0 invents (an asynchronous operation's id) */
  newId(): string;
}

/** 2.0 schemas cut to their declared properties (versions.md: "slimmer execution JSON", configs). */
export const SLIMMED: ReadonlySet<string> = new Set([
  // task runs lose outputs (read from /outputs); in GET /executions/{id} also executionId, namespace, flowId
  'Execution', 'ApiExecution', 'ApiLightExecution', 'TaskRun', 'ApiTaskRun',
  // isTaskRunEnabled, isTemplateEnabled, isBasicAuthEnabled are gone
  'MiscController.Configuration',
  // a trigger's state: 0.21's date names are renamed (FILLERS)
  'ApiTriggerState',
  // a log line of the follow stream has no `deleted` (and names its tenant: FILLERS)
  'FollowLogEvent',
]);

type Json = Record<string, unknown>;

/**
 * 2.0 names the tenant of what it serialises, `main` included: Kestra's models keep `tenantId` out
 * of the description (@Hidden) but Jackson writes it, so the create answer, an action's answer and
 * every follow frame carry it as GET /executions/{id} (ApiExecution, which declares it) does.
 */
const withTenant = (out: Json, ctx: ShapeContext): Json => ({ tenantId: out.tenantId ?? ctx.tenant, ...out });
/** `out` is the cut object, `original` what the route wrote, `schema` the 2.0 description */
type Filler = (out: Json, original: Json, ctx: ShapeContext, schema: Resolved) => Json;

/** 2.0 flows carry a `draft` flag (versions.md); kestra-lite has no drafts, so every revision is final. */
const withDraft: Filler = (out) => ('draft' in out ? out : { ...out, draft: false });

/** 2.0 lists a plugin's classes as `{cls, ...}` objects where 0.21 listed class names. */
const elementObjects: Filler = (out, _, __, schema) => {
  for (const [key, v] of Object.entries(out)) {
    const items = schema.properties[key] && resolve(schema.properties[key]!).items;
    if (Array.isArray(v) && items && resolve(items).names.includes('Plugin.PluginElementMetadata')) {
      out[key] = v.map((cls) => (typeof cls === 'string' ? { cls } : cls));
    }
  }
  return out;
};

export const FILLERS: Record<string, Filler> = {
  // 2.0 always names the tenant of an execution, `main` included
  ApiExecution: (out, _, ctx) => withTenant(out, ctx),
  ApiLightExecution: (out, _, ctx) => withTenant(out, ctx),
  Execution: (out, _, ctx) => withTenant(out, ctx),
  FollowLogEvent: (out, _, ctx) => withTenant(out, ctx),
  // the create's link to the execution: 2.0's UI paths name the tenant (`/ui/main/executions/...`)
  'ExecutionController.ExecutionResponse': (out, _, ctx) =>
    (typeof out.url === 'string' ? { ...out, url: out.url.replace(/\/ui\/executions\//, `/ui/${ctx.tenant}/executions/`) } : out),
  // 2.0 names its edition (the version comes from the route: shared/kestra-version.ts); basic auth
  // is "initialized" rather than "enabled"
  'MiscController.Configuration': (out, original) => ({
    ...out, edition: 'OSS', isUiAnonymousUsageEnabled: false, isAiEnabled: false,
    isBasicAuthInitialized: original.isBasicAuthEnabled === true,
  }),
  // bulk actions are asynchronous in 2.0: the count becomes the number of submitted items
  ApiAsyncOperationResponse: (out, _, ctx) => ('count' in out ? { operationId: ctx.newId(), totalItems: out.count } : out),
  'CursorOrOffsetPagedResults_LogEntry_': (out) => ({ ...out, type: out.type ?? 'OFFSET' }),
  Flow: withDraft, FlowWithSource: withDraft, FlowForExecution: withDraft,
  // 2.0 dropped the BOOLEAN alias of the BOOL input type (as it dropped CANCELED for CANCELLED)
  Input_Object_: (out) => (out.type === 'BOOLEAN' ? { ...out, type: 'BOOL' } : out),
  // 0.21 `{abstractTrigger, triggerContext}` → 2.0 `{trigger, state}`
  ApiTriggerAndState: (out, original, ctx, schema) => {
    if (!('abstractTrigger' in original)) return out;
    const { abstractTrigger, triggerContext, ...rest } = out;
    return { ...rest, trigger: abstractTrigger, state: shapeValue(triggerContext, schema.properties.state!, ctx) };
  },
  // 0.21 trigger context dates under their 2.0 names; `locked` while an execution holds the trigger
  ApiTriggerState: (out, original) => {
    const o = original as Record<string, string | undefined>;
    const renamed: Json = {
      updatedAt: o.updatedAt ?? o.updatedDate ?? o.date ?? o.nextExecutionDate,
      evaluatedAt: o.evaluatedAt ?? o.evaluateRunningDate,
      nextEvaluationDate: o.nextEvaluationDate ?? o.nextExecutionDate,
      lastTriggeredDate: o.lastTriggeredDate ?? o.date,
      locked: 'locked' in o ? o.locked : o.executionId !== undefined,
    };
    return { ...out, ...Object.fromEntries(Object.entries(renamed).filter(([, v]) => v !== undefined)) };
  },
  Plugin: elementObjects,
};

export function shapeValue(value: unknown, schema: Schema, ctx: ShapeContext): unknown {
  if (value === null || typeof value !== 'object') return value;
  const r = resolve(schema);
  if (Array.isArray(value)) {
    // 2.0 pages some lists 0.21 answered bare (GET /plugins): `{results, total}`
    if (!r.items && r.names.some((n) => n.startsWith('PagedResults_')) && r.properties.results) {
      return shapeValue({ results: value, total: value.length }, schema, ctx);
    }
    return r.items ? value.map((v) => shapeValue(v, r.items!, ctx)) : value;
  }
  if (r.open) return value;
  const slim = r.names.some((n) => SLIMMED.has(n));
  let out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const declared = r.properties[key];
    if (declared) out[key] = shapeValue(v, declared, ctx);
    else if (typeof r.additional === 'object') out[key] = shapeValue(v, r.additional, ctx);
    else if (!slim || r.additional === true) out[key] = v;
  }
  for (const name of r.names) {
    const fill = FILLERS[name];
    if (fill) out = fill(out, value as Json, ctx, r);
  }
  return out;
}
