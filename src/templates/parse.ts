// Template documents in, a stored template or Kestra-worded violations out. Templates reuse the
// flow machinery: their task lists bind with the flow binder (Jackson-style first error) and
// validate with the flow node rules; the template itself adds Kestra's bean constraints on id,
// namespace and tasks. Flow-only checks (FlowValidator: duplicate ids, ...) do not apply, as in
// Kestra, where a template is validated as a plain bean. Nothing here throws.

import type { PluginCatalog } from '../plugins/catalog.ts';
import { ID_PATTERN, NAMESPACE_PATTERN } from '../flows/model.ts';
import { typedNodes } from '../flows/typed-walk.ts';
import { bindFlow } from '../flows/validate/bind.ts';
import { fullMatch } from '../flows/validate/input-rules.ts';
import { BindFailure, FLOW_CLASS, checkKnownKeys, mismatch } from '../flows/validate/jackson.ts';
import { isPlainObject } from '../shared/guards.ts';
import { nodeConstraints } from '../flows/validate/node-constraints.ts';
import type { RuleViolation } from '../flows/validate/rule-types.ts';
import { parseYamlText, toYaml } from '../flows/yaml-source.ts';
import { TEMPLATE_CLASS, TEMPLATE_KEYS, type Template } from './model.ts';

export interface TemplateViolation { path: string; message: string }

export type TemplateParseResult =
  | { ok: true; template: Template }
  | { ok: false; violations: TemplateViolation[]; message: string; id?: string; namespace?: string };

const BOUND_KEYS = ['id', 'namespace', 'description', 'tasks', 'errors', 'finally'] as const;

/** The flow binder names the Flow class; a template error names the Template class. */
const asTemplate = (text: string) => text.split(FLOW_CLASS).join(TEMPLATE_CLASS).replace(/Illegal flow yaml/g, 'Illegal template yaml');

function identity(raw: unknown): { id?: string; namespace?: string } {
  if (!isPlainObject(raw)) return {};
  const out: { id?: string; namespace?: string } = {};
  if (typeof raw.id === 'string') out.id = raw.id;
  if (typeof raw.namespace === 'string') out.namespace = raw.namespace;
  return out;
}

/** Deserialisation failure: Kestra prints the first message alone. */
function bindError(err: BindFailure, raw: unknown): TemplateParseResult {
  const violations = err.violations.map((v) => ({ path: asTemplate(v.path), message: asTemplate(v.message) }));
  return { ok: false, violations, message: violations[0]!.message, ...identity(raw) };
}

function bind(raw: unknown, catalog: PluginCatalog): void {
  if (!isPlainObject(raw)) throw new BindFailure([{ path: 'yaml', message: `Illegal template yaml: ${mismatch(TEMPLATE_CLASS, raw)}` }]);
  checkKnownKeys(raw, TEMPLATE_KEYS, TEMPLATE_CLASS, []);
  const part: Record<string, unknown> = {};
  for (const key of BOUND_KEYS) if (raw[key] !== undefined) part[key] = raw[key];
  bindFlow(part, catalog);
  if (raw.deleted !== undefined && raw.deleted !== null && typeof raw.deleted !== 'boolean') {
    throw new BindFailure([{ path: `${TEMPLATE_CLASS}["deleted"]`, message: mismatch('boolean', raw.deleted) }]);
  }
}

function idViolations(value: unknown, path: string, pattern: string): TemplateViolation[] {
  if (value === null || value === undefined) return [{ path, message: 'must not be null' }];
  const text = String(value);
  const out: TemplateViolation[] = [];
  if (path === 'id' && text.trim() === '') out.push({ path, message: 'must not be blank' });
  if (!fullMatch(new RegExp(pattern), text)) out.push({ path, message: `must match "${pattern}"` });
  return out;
}

/** Bean validation of a bound template: every violation, `path: message` joined by ", ". */
function constraints(raw: Record<string, unknown>, catalog: PluginCatalog): RuleViolation[] {
  const out: RuleViolation[] = [...idViolations(raw.id, 'id', ID_PATTERN), ...idViolations(raw.namespace, 'namespace', NAMESPACE_PATTERN)];
  if (!Array.isArray(raw.tasks) || raw.tasks.length === 0) out.push({ path: 'tasks', message: 'must not be empty' });
  for (const n of typedNodes({ tasks: raw.tasks, errors: raw.errors, finally: raw.finally }, catalog)) {
    out.push(...nodeConstraints(n, { catalog }));
  }
  return out;
}

/** What Kestra stores: the template's own properties, scalars ids as strings, nulls dropped. */
function normalize(raw: Record<string, unknown>): Template {
  const out: Record<string, unknown> = {};
  for (const key of BOUND_KEYS) {
    const v = raw[key];
    if (v === null || v === undefined) continue;
    out[key] = typeof v === 'number' || typeof v === 'boolean' ? String(v) : structuredClone(v);
  }
  return out as Template;
}

/** Parses a decoded template document (the JSON routes, or YAML decoded elsewhere). */
export function parseTemplateObject(value: unknown, catalog: PluginCatalog): TemplateParseResult {
  try {
    bind(value, catalog);
  } catch (err) {
    if (err instanceof BindFailure) return bindError(err, value);
    return { ok: false, violations: [], message: `Unable to validate the template: ${(err as Error).message}`, ...identity(value) };
  }
  const raw = value as Record<string, unknown>;
  const violations = constraints(raw, catalog);
  if (violations.length) {
    const message = violations.map((v) => `${v.display ?? v.path}: ${v.message}`).join(', ');
    return { ok: false, violations: violations.map(({ path, message: m }) => ({ path, message: m })), message, ...identity(raw) };
  }
  return { ok: true, template: normalize(raw) };
}

/** Parses one YAML template document. */
export function parseTemplateYaml(source: string, catalog: PluginCatalog): TemplateParseResult {
  const yaml = parseYamlText(source);
  if (!yaml.ok) {
    const message = asTemplate(yaml.violation.message).replace('The yaml flow', 'The yaml template');
    return { ok: false, violations: [{ path: 'yaml', message }], message };
  }
  return parseTemplateObject(yaml.value, catalog);
}

/** The YAML Kestra exports for a template: its properties, no `deleted`. */
export function templateToYaml(t: Template): string {
  return toYaml({ id: t.id, namespace: t.namespace, description: t.description, tasks: t.tasks, errors: t.errors, finally: t.finally });
}

/** Kestra splits template payloads on every `---` (even inside values); blank pieces are dropped. */
export function splitTemplateDocuments(text: string): string[] {
  return text.split('---').filter((s) => s.trim() !== '');
}
