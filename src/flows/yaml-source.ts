// YAML text <-> plain values for flow documents: syntax errors and duplicate keys become
// violations (path `yaml`), never exceptions.
import type { Node } from 'yaml';
import { yaml } from '../shared/yaml.ts';
import type { Violation } from './model.ts';

export type YamlResult = { ok: true; value: unknown } | { ok: false; violation: Violation };

const yamlViolation = (message: string): YamlResult => ({ ok: false, violation: { path: 'yaml', message } });

function keyText(key: unknown): string {
  if (yaml().isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return '';
  try {
    return String((key as { toString(): string }).toString());
  } catch {
    return '?';
  }
}

/** First duplicated mapping key, as a dotted path from the document root (`variables.tf`). */
function findDuplicate(node: unknown, path: string, depth = 0): string | undefined {
  if (depth > 500) return undefined;
  if (yaml().isMap(node)) {
    const seen = new Set<string>();
    for (const item of node.items) {
      if (!yaml().isPair(item)) continue;
      const key = keyText(item.key);
      const here = path ? `${path}.${key}` : key;
      if (seen.has(key)) return here;
      seen.add(key);
      const found = findDuplicate(item.value, here, depth + 1);
      if (found) return found;
    }
  } else if (yaml().isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const found = findDuplicate(node.items[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Parses ONE YAML document. Empty documents, syntax errors, duplicate keys -> a `yaml` violation. */
export function parseYamlText(source: string): YamlResult {
  if (typeof source !== 'string' || source.trim() === '') {
    return yamlViolation('Illegal flow yaml: The yaml flow cannot be an empty string');
  }
  try {
    const doc = yaml().parseDocument(source, { uniqueKeys: false, prettyErrors: true, merge: true });
    const error = doc.errors[0];
    if (error) return yamlViolation(`Illegal flow yaml: ${error.message.split('\n')[0]!.replace(/:\s*$/, '')}`);
    const duplicate = findDuplicate(doc.contents as Node | null, '');
    if (duplicate !== undefined) return yamlViolation(`Duplicate field '${duplicate}'`);
    if (yaml().isAlias(doc.contents)) return yamlViolation('Illegal flow yaml: a document cannot be an alias');
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) {
      return yamlViolation('Illegal flow yaml: The yaml flow cannot be an empty string');
    }
    return { ok: true, value };
  } catch (err) {
    return yamlViolation(`Illegal flow yaml: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
}

function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = dropUndefined(v);
    return out;
  }
  return value;
}

/** Block-style YAML for a flow (the generated source of the JSON routes). */
export function toYaml(value: unknown): string {
  return yaml().stringify(dropUndefined(value), { lineWidth: 0, aliasDuplicateObjects: false });
}
