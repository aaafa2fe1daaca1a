// Flow documents in, stored flows or Kestra-worded violations out (engine-contract §1).
// Phase 1 binds the raw document like Kestra's strict Jackson mapper (first error only,
// Jackson reference-chain paths); phase 2 injects plugin defaults and runs bean validation and
// the FlowValidator checks (all violations). Nothing here throws.
import { defaultPluginCatalog, type PluginCatalog } from '../plugins/catalog.ts';
import type { Flow, FlowDocument, PluginDefault, Violation } from './model.ts';
import { parseYamlText, toYaml } from './yaml-source.ts';
import { BindFailure } from './validate/jackson.ts';
import { isPlainObject } from '../shared/guards.ts';
import { bindFlow, bindSingle } from './validate/bind.ts';
import { normalizeFlow } from './normalize.ts';
import { applyPluginDefaults as injectDefaults } from './plugin-defaults.ts';
import { flowConstraints } from './validate/constraints.ts';
import { nodeConstraints } from './validate/node-constraints.ts';
import { typedNodesOf } from './typed-walk.ts';
import { flowReport } from './validate/report.ts';
import type { RuleViolation } from './validate/rule-types.ts';

export type { PluginCatalog } from '../plugins/catalog.ts';

export interface FlowParseOk { ok: true; flow: Flow; warnings: string[]; infos: string[]; deprecationPaths: string[] }
export interface FlowParseError { ok: false; violations: Violation[]; id?: string; namespace?: string; revision?: number }
export type FlowParseResult = FlowParseOk | FlowParseError;

/** The path Kestra prints in an "Invalid entity" message, when it differs from the violation path. */
const displayPaths = new WeakMap<Violation, string>();
/** Deserialisation (phase 1) violations: Kestra prints their message without a path. */
const bindViolations = new WeakSet<Violation>();

function bindResult(err: BindFailure): Violation[] {
  for (const v of err.violations) bindViolations.add(v);
  return err.violations;
}

function finish(violations: RuleViolation[]): Violation[] {
  return violations.map(({ display, ...v }) => {
    const out: Violation = { path: v.path, message: v.message };
    if (display !== undefined && display !== v.path) displayPaths.set(out, display);
    return out;
  });
}

function identity(raw: unknown): Pick<FlowParseError, 'id' | 'namespace' | 'revision'> {
  if (!isPlainObject(raw)) return {};
  const out: Pick<FlowParseError, 'id' | 'namespace' | 'revision'> = {};
  const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  if (scalar(raw.id)) out.id = String(raw.id);
  if (scalar(raw.namespace)) out.namespace = String(raw.namespace);
  if (typeof raw.revision === 'number' && Number.isInteger(raw.revision)) out.revision = raw.revision;
  return out;
}

function internalError(err: unknown): Violation[] {
  return [{ path: '', message: `Unable to validate the flow: ${err instanceof Error ? err.message : String(err)}` }];
}

/** `constraints: false` (flow drafts) stops after deserialisation: no constraint violations. */
export interface ParseOptions { constraints?: boolean }

/** Parses an already-decoded flow document (JSON route, or YAML decoded elsewhere). */
export function parseFlowObject(value: unknown, catalog: PluginCatalog = defaultPluginCatalog(), opts: ParseOptions = {}): FlowParseResult {
  try {
    try {
      bindFlow(value, catalog);
    } catch (err) {
      if (err instanceof BindFailure) return { ok: false, violations: bindResult(err), ...identity(value) };
      throw err;
    }
    const raw = value as Record<string, unknown>;
    const flow = normalizeFlow(raw);
    const injected = injectDefaults(flow, catalog);
    const violations = opts.constraints === false ? [] : flowConstraints(injected, raw, { catalog });
    if (violations.length) return { ok: false, violations: finish(violations), ...identity(raw) };
    return { ok: true, flow, ...flowReport(flow, raw, catalog) };
  } catch (err) {
    return { ok: false, violations: internalError(err), ...identity(value) };
  }
}

/** Parses one YAML flow document. */
export function parseFlowYaml(source: string, catalog: PluginCatalog = defaultPluginCatalog(), opts: ParseOptions = {}): FlowParseResult {
  const yaml = parseYamlText(source);
  if (!yaml.ok) {
    bindViolations.add(yaml.violation);
    return { ok: false, violations: [yaml.violation] };
  }
  return parseFlowObject(yaml.value, catalog, opts);
}

/** validate/task and validate/trigger: one task or trigger, paths relative to it. */
export function validateTaskOrTrigger(value: unknown, section: 'TASKS' | 'TRIGGERS', catalog: PluginCatalog = defaultPluginCatalog()): Violation[] {
  const kind = section === 'TRIGGERS' ? 'trigger' : 'task';
  try {
    try {
      bindSingle(value, kind, catalog);
    } catch (err) {
      if (err instanceof BindFailure) return bindResult(err);
      throw err;
    }
    const out: RuleViolation[] = [];
    for (const n of typedNodesOf(value, kind, catalog)) out.push(...nodeConstraints(n, { catalog }));
    return finish(out);
  } catch (err) {
    return internalError(err);
  }
}

/** YAML rendering of a flow (source generated for the JSON routes). */
export function flowToYaml(flow: Flow): string {
  return toYaml(flow);
}

/** A parse-level (Jackson) violation: Kestra's message for those carries no path. */
function isBindViolation(v: Violation): boolean {
  return bindViolations.has(v) || v.path === 'yaml' || v.path.startsWith('io.kestra.') || v.path.startsWith('java.');
}

/**
 * The text after "Invalid entity: ". Deserialisation failures print their message only (the
 * first one: Kestra stops there); bean violations print `path: message` joined by ", ", with
 * task/input ids in place of their list indexes as Kestra does; flow-level violations (empty
 * path) print their message alone.
 */
export function violationsMessage(violations: Violation[]): string {
  const bind = violations.find(isBindViolation);
  if (bind) return bind.message;
  return violations
    .map((v) => {
      const path = displayPaths.get(v) ?? v.path;
      return path ? `${path}: ${v.message}` : v.message;
    })
    .join(', ');
}

/** A copy of `flow` with plugin defaults merged into every typed map (the engine runs this). */
export function applyPluginDefaults<F extends FlowDocument>(flow: F, catalog: PluginCatalog = defaultPluginCatalog(), globalDefaults: PluginDefault[] = []): F {
  return injectDefaults(flow, catalog, globalDefaults);
}
