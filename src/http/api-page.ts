// The browsable API reference at `/api`: one self-contained HTML page (no scripts, no network)
// listing every operation of the generated OpenAPI document, grouped by feature.

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Operation { tags?: string[]; summary?: string; deprecated?: boolean }

export function apiPage(doc: { info: { title: string; version: string; description?: string }; paths: Record<string, Record<string, Operation>> }): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (path.includes('{tenant}')) continue; // every API route has a tenant twin; the intro says so
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'other';
      const row = `<tr${op.deprecated ? ' class="dep"' : ''}><td class="m ${method}">${method.toUpperCase()}</td><td><code>${escape(path)}</code></td><td>${escape(op.summary ?? '')}</td></tr>`;
      (byTag.get(tag) ?? byTag.set(tag, []).get(tag)!).push(row);
    }
  }
  const sections = [...byTag].map(([tag, rows]) => `<h2 id="${escape(tag)}">${escape(tag)}</h2><table>${rows.join('')}</table>`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(doc.info.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:70em}td{padding:2px 8px}.m{font-weight:bold}
.get{color:#1a7f37}.post{color:#0969da}.put{color:#9a6700}.delete{color:#cf222e}.patch{color:#8250df}.dep{opacity:.6}</style>
</head><body><h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>${escape(doc.info.description ?? '')}</p><p><a href="/api/v1/openapi.json">openapi.json</a> · <a href="/api/v1/openapi.yml">openapi.yml</a></p>
${sections}
</body></html>`;
}
