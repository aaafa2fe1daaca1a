// Phase 2 of flow parsing: bean validation of the (plugin-defaults injected) flow, then the
// FlowValidator checks. All violations are collected, as Hibernate Validator does.
import { ID_PATTERN, NAMESPACE_PATTERN, OUTPUT_ID_PATTERN } from '../model.ts';
import { isPlainObject } from '../../shared/guards.ts';
import { fullMatch, inputConstraints } from './input-rules.ts';
import { retryConstraints } from './retry-rules.ts';
import { nodeConstraints } from './node-constraints.ts';
import { typedNodes } from '../typed-walk.ts';
import { flowLevelViolations, systemLabelMessages } from './flow-rules.ts';
import { type RuleViolation, type RuleContext, isBlank } from './rule-types.ts';

type Obj = Record<string, unknown>;

function idConstraints(value: unknown, path: string, pattern: string, max: number): RuleViolation[] {
  if (isBlank(value)) return [{ path, message: 'must not be null' }];
  const text = String(value);
  const out: RuleViolation[] = [];
  if (text.trim() === '' && path === 'id') out.push({ path, message: 'must not be blank' });
  if (!fullMatch(new RegExp(pattern), text)) out.push({ path, message: `must match "${pattern}"` });
  if (text.length < 1 || text.length > max) out.push({ path, message: `size must be between 1 and ${max}` });
  return out;
}

function labelConstraints(labels: unknown, path: string): RuleViolation[] {
  if (!Array.isArray(labels)) return [];
  const out: RuleViolation[] = [];
  labels.forEach((l, i) => {
    if (!isPlainObject(l)) return;
    for (const k of ['key', 'value']) if (isBlank(l[k])) out.push({ path: `${path}[${i}].${k}`, message: 'must not be null' });
  });
  return out;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function flowConstraints(flow: Obj, raw: Obj, ctx: RuleContext): RuleViolation[] {
  const out: RuleViolation[] = [];
  out.push(...idConstraints(flow.id, 'id', ID_PATTERN, 100));
  out.push(...idConstraints(flow.namespace, 'namespace', NAMESPACE_PATTERN, 150));
  if (typeof raw.revision === 'number' && raw.revision < 1) out.push({ path: 'revision', message: 'must be greater than or equal to 1' });
  if (!Array.isArray(flow.tasks) || flow.tasks.length === 0) out.push({ path: 'tasks', message: 'must not be empty' });
  out.push(...labelConstraints(flow.labels, 'labels'));
  listOf(flow.inputs).forEach((input, i) => {
    const id = isPlainObject(input) ? input.id : undefined;
    out.push(...inputConstraints(input, `inputs[${i}]`).map((v) => (typeof id === 'string' ? { ...v, display: v.path.replace(/inputs\[\d+\]/g, id) } : v)));
  });
  listOf(flow.outputs).forEach((o, i) => {
    if (!isPlainObject(o)) return;
    const p = `outputs[${i}]`;
    if (isBlank(o.id)) out.push({ path: `${p}.id`, message: 'must not be null' });
    else if (!fullMatch(new RegExp(OUTPUT_ID_PATTERN), String(o.id))) out.push({ path: `${p}.id`, message: `must match "${OUTPUT_ID_PATTERN}"` });
    if (isBlank(o.type)) out.push({ path: `${p}.type`, message: 'must not be null' });
    if (isBlank(o.value)) out.push({ path: `${p}.value`, message: 'must not be null' });
  });
  for (const key of ['pluginDefaults', 'taskDefaults']) {
    listOf(flow[key]).forEach((d, i) => {
      if (!isPlainObject(d)) return;
      if (isBlank(d.type)) out.push({ path: `${key}[${i}].type`, message: 'must not be null' });
      if (isBlank(d.values)) out.push({ path: `${key}[${i}].values`, message: 'must not be null' });
    });
  }
  if (isPlainObject(flow.concurrency)) {
    const limit = flow.concurrency.limit;
    if (isBlank(limit)) out.push({ path: 'concurrency.limit', message: 'must not be null' });
    else if (Number(limit) <= 0) out.push({ path: 'concurrency.limit', message: 'must be greater than 0' });
  }
  out.push(...retryConstraints(flow.retry, 'retry'));
  listOf(flow.sla).forEach((s, i) => {
    if (!isPlainObject(s)) return;
    const p = `sla[${i}]`;
    if (isBlank(s.id)) out.push({ path: `${p}.id`, message: 'must not be null' });
    if (s.type === 'MAX_DURATION' && isBlank(s.duration)) out.push({ path: `${p}.duration`, message: 'must not be null' });
    if (s.type === 'EXECUTION_ASSERTION' && isBlank(s.assert)) out.push({ path: `${p}.assert`, message: 'must not be null' });
  });
  listOf(flow.listeners).forEach((l, i) => {
    if (isPlainObject(l) && (!Array.isArray(l.tasks) || l.tasks.length === 0)) out.push({ path: `listeners[${i}].tasks`, message: 'must not be empty' });
  });
  for (const n of typedNodes(flow, ctx.catalog)) {
    out.push(...nodeConstraints(n, ctx));
    if (n.kind === 'trigger' && n.node) {
      for (const m of systemLabelMessages(normalizeTriggerLabels(n.node.labels))) out.push({ path: `${n.path}.labels`, message: m });
    }
  }
  out.push(...flowLevelViolations(flow, ctx.catalog));
  return out;
}

function normalizeTriggerLabels(labels: unknown): unknown {
  if (isPlainObject(labels)) return Object.entries(labels).map(([key, value]) => ({ key, value }));
  return labels;
}
