// Phase 2 (bean validation) of one typed node: common properties, the plugin's required and
// bounded properties (read from its schema), then its type-specific validator.

import { TASK_ID_PATTERN } from '../model.ts';
import { isExpression } from './bind-value.ts';
import { fullMatch, inputConstraints } from './input-rules.ts';
import { retryConstraints } from './retry-rules.ts';
import { NODE_RULES } from './task-rules.ts';
import type { TypedNode } from '../typed-walk.ts';
import { type RuleViolation, type RuleContext, joinPath, isBlank } from './rule-types.ts';

type S = Record<string, any>;
const TASK_ID_RE = new RegExp(TASK_ID_PATTERN);

function valueConstraints(value: unknown, schema: S, required: boolean, path: string): RuleViolation[] {
  const needsContent = (schema.minItems ?? 0) >= 1 || (schema.minProperties ?? 0) >= 1;
  if (isBlank(value)) return required ? [{ path, message: needsContent ? 'must not be empty' : 'must not be null' }] : [];
  if (schema.$dynamic && isExpression(value)) return [];
  if (Array.isArray(value) && (schema.minItems ?? 0) >= 1 && value.length === 0) return [{ path, message: 'must not be empty' }];
  if (value && typeof value === 'object' && !Array.isArray(value) && (schema.minProperties ?? 0) >= 1 && Object.keys(value).length === 0) {
    return [{ path, message: 'must not be empty' }];
  }
  if (typeof value === 'string') {
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) {
      return [{ path, message: `size must be between 0 and ${schema.maxLength}` }];
    }
    if (typeof schema.pattern === 'string' && !schema.$dynamic && !fullMatch(new RegExp(schema.pattern), value)) {
      return [{ path, message: `must match "${schema.pattern}"` }];
    }
  }
  if ((schema.type === 'integer' || schema.type === 'number') && value !== '' && Number.isFinite(Number(value))) {
    const n = Number(value);
    if (typeof schema.minimum === 'number' && n < schema.minimum) return [{ path, message: `must be greater than or equal to ${schema.minimum}` }];
    if (typeof schema.exclusiveMinimum === 'number' && n <= schema.exclusiveMinimum) return [{ path, message: `must be greater than ${schema.exclusiveMinimum}` }];
  }
  return [];
}

/** Kestra prints the leaf task/input id in place of its `tasks[N]`/`inputs[N]` segments. */
function withDisplay(v: RuleViolation[], n: TypedNode): RuleViolation[] {
  const id = n.node?.id ?? (n.kind === 'input' ? n.node?.name : undefined);
  if (typeof id !== 'string' || (n.kind !== 'task' && n.kind !== 'input')) return v;
  const pattern = n.kind === 'task' ? 'tasks\\[\\d+\\]' : 'inputs\\[\\d+\\]';
  return v.map((x) => (new RegExp(pattern).test(x.path) ? { ...x, display: x.path.replace(new RegExp(pattern, 'g'), id) } : x));
}

export function nodeConstraints(n: TypedNode, ctx: RuleContext): RuleViolation[] {
  const { node, path, kind, def } = n;
  if (node === null) return [{ path, message: 'must not be null' }];
  if (kind === 'input') return withDisplay(inputConstraints(node, path), n);
  const out: RuleViolation[] = [];
  const at = (k: string) => joinPath(path, k);
  if (kind === 'task' || kind === 'trigger') {
    if (isBlank(node.id)) out.push({ path: at('id'), message: 'must not be null' });
    else if (!fullMatch(TASK_ID_RE, String(node.id))) out.push({ path: at('id'), message: `must match "${TASK_ID_PATTERN}"` });
    if (!isBlank(node.workerGroup)) out.push({ path: at('workerGroup'), message: 'Worker Group is an Enterprise Edition functionality' });
  }
  if (kind === 'task') out.push(...retryConstraints(node.retry, at('retry')));
  if (def) {
    const schema = def.properties as S;
    const required = new Set<string>(schema.required ?? []);
    for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, S>)) {
      out.push(...valueConstraints(node[key], sub, required.has(key), at(key)));
    }
    const rule = NODE_RULES[def.type];
    if (rule) out.push(...rule(node, path, def, ctx));
  }
  return withDisplay(out, n);
}
