// What /flows/validate reports besides violations: alias relocations (infos), deprecated
// things (deprecationPaths) and the Flow-trigger-without-conditions warning.

import type { PluginCatalog } from '../../plugins/catalog.ts';
import { isPlainObject } from '../../shared/guards.ts';
import { typedNodes } from '../typed-walk.ts';

type Obj = Record<string, unknown>;
type S = Record<string, any>;

export interface FlowReport { warnings: string[]; infos: string[]; deprecationPaths: string[] }

const FLOW_TRIGGER = 'io.kestra.plugin.core.trigger.Flow';

export function flowReport(flow: Obj, raw: Obj, catalog: PluginCatalog): FlowReport {
  const infos = new Set<string>();
  const deprecationPaths: string[] = [];
  const warnings: string[] = [];
  if (raw.listeners !== undefined && raw.listeners !== null) deprecationPaths.push('listeners');
  if (raw.taskDefaults !== undefined && raw.taskDefaults !== null) deprecationPaths.push('taskDefaults');
  if (Array.isArray(raw.inputs)) {
    raw.inputs.forEach((input, i) => {
      if (!isPlainObject(input)) return;
      if (input.type === 'ENUM') deprecationPaths.push(`inputs[${i}]`);
      if (input.name !== undefined) deprecationPaths.push(`inputs[${i}].name`);
      if (input.type === 'MULTISELECT' && input.options !== undefined) deprecationPaths.push(`inputs[${i}].options`);
    });
  }
  for (const n of typedNodes(flow, catalog)) {
    const node = n.node;
    if (!node || n.kind === 'input') continue;
    const type = node.type;
    if (typeof type === 'string' && n.def && n.def.type !== type) infos.add(`${type} is replaced by ${n.def.type}`);
    if (n.def?.deprecated) deprecationPaths.push(n.path);
    if (n.def) {
      for (const [key, schema] of Object.entries((n.def.properties.properties ?? {}) as Record<string, S>)) {
        if (schema.deprecated && node[key] !== undefined && node[key] !== null) deprecationPaths.push(`${n.path}.${key}`);
      }
    }
    if (n.kind === 'trigger' && n.def?.type === FLOW_TRIGGER) {
      const conditions = Array.isArray(node.conditions) ? node.conditions : [];
      if (conditions.length === 0 && (node.preconditions === undefined || node.preconditions === null)) {
        warnings.push(`This flow will be triggered for EVERY execution of EVERY flow on your instance. We recommend adding the preconditions property to the Flow trigger '${String(node.id)}'.`);
      }
    }
  }
  return { warnings, infos: [...infos], deprecationPaths };
}
