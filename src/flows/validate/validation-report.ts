// POST /flows/validate and /flows/validate/{task,trigger}: never a 4xx for an invalid flow,
// a ValidateConstraintViolation per document instead (api-contract §2.3).

import { yaml } from '../../shared/yaml.ts';
import { parseFlowYaml, validateTaskOrTrigger, violationsMessage } from '../parse.ts';
import type { FlowService } from '../service.ts';

export interface ValidationItem {
  index: number;
  flow?: string;
  namespace?: string;
  outdated: boolean;
  deprecationPaths?: string[];
  warnings?: string[];
  infos?: string[];
  constraints?: string;
}

/** Unlike bulk, validate splits on `---` lines only (regex), so `---` inside a value stays. */
export function splitForValidation(text: string): string[] {
  return text.split(/\n+---\n*?/).filter((d, i, all) => d.trim() !== '' || all.length === 1);
}

function declaredRevision(doc: string): number | undefined {
  const m = /^revision:\s*(\d+)\s*$/m.exec(doc);
  return m ? Number(m[1]) : undefined;
}

export function validateDocuments(
  text: string,
  currentRevision: (namespace: string, id: string) => number | undefined,
  flows: Pick<FlowService, 'catalog'>,
): ValidationItem[] {
  return splitForValidation(text).map((doc, index) => {
    const result = parseFlowYaml(doc, flows.catalog);
    if (!result.ok) {
      const item: ValidationItem = { index, outdated: false, constraints: violationsMessage(result.violations) };
      if (result.id) item.flow = result.id;
      if (result.namespace) item.namespace = result.namespace;
      if (result.id) Object.assign(item, { deprecationPaths: [], warnings: [], infos: [] });
      return item;
    }
    const namespace = String(result.flow.namespace);
    const id = String(result.flow.id);
    const declared = declaredRevision(doc);
    return {
      index,
      flow: id,
      namespace,
      outdated: declared !== undefined && declared !== (currentRevision(namespace, id) ?? 0) + 1,
      deprecationPaths: result.deprecationPaths,
      warnings: result.warnings,
      infos: result.infos,
    };
  });
}

export function validateSingle(text: string, format: 'yaml' | 'json', section: 'TASKS' | 'TRIGGERS', flows: Pick<FlowService, 'catalog'>): ValidationItem {
  let value: unknown;
  try {
    value = format === 'json' ? JSON.parse(text) : yaml().parse(text);
  } catch (err) {
    return { index: 0, outdated: false, constraints: `${format === 'json' ? 'Invalid json' : 'Illegal yaml'}: ${(err as Error).message}` };
  }
  const violations = validateTaskOrTrigger(value, section, flows.catalog);
  return violations.length ? { index: 0, outdated: false, constraints: violationsMessage(violations) } : { index: 0, outdated: false };
}
