// Moves a flow source into another namespace by editing the document, not the text: the top-level
// `namespace` value is found by parsing (block YAML, flow-style YAML and JSON alike), and only its
// characters are replaced, so comments, formatting and nested `namespace:` properties (a Subflow
// task's) stay as written. Used where a flow is imported into a namespace chosen by the request
// (`/_flows/` namespace files, `POST /flows/{namespace}?override=true`).

import type { Document, Scalar, YAMLMap } from 'yaml';
import { yaml } from '../shared/yaml.ts';

/** `namespace` is a valid namespace id (plain-safe in any YAML context). */
export function withNamespace(source: string, namespace: string): string {
  let doc: Document;
  try {
    doc = yaml().parseDocument(source, { uniqueKeys: false });
  } catch {
    return source;
  }
  // broken documents are left as they are: the flow parser reports what is wrong with them
  if (doc.errors.length || !yaml().isMap(doc.contents)) return source;
  const map = doc.contents;
  const pair = map.items.find((p) => yaml().isScalar(p.key) && p.key.value === 'namespace');
  if (!pair) return insertNamespace(source, map, namespace);
  const value = pair.value;
  if (yaml().isScalar(value) && value.range && !value.tag && !value.anchor) {
    const [start, end] = value.range;
    const text = scalarText(value.type, namespace);
    if (text !== undefined) return source.slice(0, start) + (start === end ? ` ${text}` : text) + source.slice(end);
  }
  // an exotic value (block scalar, alias, tag, collection): rewrite the document instead
  doc.set('namespace', namespace);
  return doc.toString();
}

/** The value in the style it was written in (undefined: a style not rewritten in place). */
function scalarText(type: Scalar['type'], namespace: string): string | undefined {
  switch (type) {
    case 'QUOTE_DOUBLE': return JSON.stringify(namespace);
    case 'QUOTE_SINGLE': return `'${namespace}'`;
    case 'PLAIN': case undefined: return namespace;
    default: return undefined;
  }
}

/** No `namespace` key: add one as the first entry, in the map's own style. */
function insertNamespace(source: string, map: YAMLMap, namespace: string): string {
  const start = map.range?.[0] ?? 0;
  if (map.flow) {
    const first = map.items[0]?.key;
    const json = yaml().isScalar(first) && first.type === 'QUOTE_DOUBLE';
    const entry = json ? `"namespace":${JSON.stringify(namespace)}` : `namespace: ${namespace}`;
    const at = source.indexOf('{', start) + 1;
    return source.slice(0, at) + entry + (map.items.length ? (json ? ',' : ', ') : '') + source.slice(at);
  }
  const column = start - (source.lastIndexOf('\n', start - 1) + 1);
  return `${source.slice(0, start)}namespace: ${namespace}\n${' '.repeat(column)}${source.slice(start)}`;
}
