// Regenerates src/compat/openapi-2.0-responses.json from test/contract/openapi-2.0-oss.yml: for
// every 2.0 operation, the schema of each JSON / SSE response, plus the component schemas they
// use. The runtime reads that JSON (parsing the 300 KB YAML at start would cost ~0.6 s).
// Run: bun scripts/compat-2.0-data.ts

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(import.meta.dir, '..');
const doc = parse(readFileSync(join(root, 'test/contract/openapi-2.0-oss.yml'), 'utf8')) as {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
};

const SHAPED_TYPES = ['application/json', 'text/json', 'text/event-stream'];
const operations: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, item] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (method === 'parameters') continue;
    const statuses: Record<string, Record<string, unknown>> = {};
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      for (const [type, content] of Object.entries(response.content ?? {})) {
        if (SHAPED_TYPES.includes(type) && content.schema) (statuses[status] ??= {})[type] = content.schema;
      }
    }
    operations[`${method.toUpperCase()} ${path}`] = statuses;
  }
}

// only the component schemas reachable from a response
const used = new Set<string>();
const visit = (v: unknown): void => {
  if (Array.isArray(v)) return v.forEach(visit);
  if (typeof v !== 'object' || v === null) return;
  for (const [k, x] of Object.entries(v)) {
    if (k === '$ref' && typeof x === 'string') {
      const name = x.slice('#/components/schemas/'.length);
      if (!used.has(name)) { used.add(name); visit(doc.components.schemas[name]); }
    } else if (k !== 'description' && k !== 'title' && k !== 'example') visit(x);
  }
};
visit(operations);
const schemas = Object.fromEntries([...used].sort().map((n) => [n, strip(doc.components.schemas[n])]));

/** Prose is not needed to shape a response. */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !['description', 'title', 'example', 'x-size-message'].includes(k)).map(([k, x]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(x as object).map(([p, s]) => [p, strip(s)])) : strip(x)]));
}

writeFileSync(join(root, 'src/compat/openapi-2.0-responses.json'), JSON.stringify({ operations, schemas }) + '\n');
console.log(`${Object.keys(operations).length} operations, ${used.size} schemas`);
