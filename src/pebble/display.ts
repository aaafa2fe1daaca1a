// Rendering expressions for display (`POST /expressions/render`), as Kestra 2.0 does: every
// `{{ ... }}` block is rendered on its own and keeps its raw text when it cannot be resolved
// (missing variable, bad syntax, a function outside the allowlist); `secret('K')` shows as
// `[secret: K]` and is never read; `env`/`envs` and impure functions (now, uuid, kv, read, ...)
// stay raw; `{% raw %}` blocks are left alone.

import { createExpressionEngine, type ExpressionEngine } from '../expressions/index.ts';

/** Pure functions the display engine may call; any other call keeps the block raw. */
const ALLOWED_FUNCTIONS = new Set([
  'range', 'max', 'min', 'fromJson', 'json', 'jsonDecode', 'yaml', 'fromIon', 'ionDecode',
  'render', 'renderOnce', 'currentEachOutput', 'secret',
]);

const BLOCK = /\{\{([\s\S]*?)\}\}/g;
const RAW = /\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}/g;
// a call: an identifier followed by `(`, unless it is a filter (`| name(`), a test (`is name(`) or a method (`.name(`)
const CALL = /(\|\s*|\bis\s+(?:not\s+)?|\.\s*)?\b([A-Za-z_]\w*)\s*\(/g;
const ENV = /\benvs?\b/;

export function createDisplayRenderer(): (template: string, variables: Record<string, unknown>) => string {
  const engine: ExpressionEngine = createExpressionEngine({
    secret: (name) => `[secret: ${name}]`,
    now: () => { throw new Error('now() is not rendered for display'); },
  });

  const renderable = (inner: string): boolean => {
    if (ENV.test(inner.replace(/(['"])(?:\\.|(?!\1).)*\1/g, '""'))) return false;
    for (const m of inner.matchAll(CALL)) if (!m[1] && !ALLOWED_FUNCTIONS.has(m[2]!)) return false;
    return true;
  };

  return (template, variables) => {
    if (!template.includes('{{')) return template;
    const raw: [number, number][] = [...template.matchAll(RAW)].map((m) => [m.index!, m.index! + m[0].length]);
    return template.replace(BLOCK, (segment, inner: string, at: number) => {
      if (raw.some(([from, to]) => at >= from && at < to) || !renderable(inner)) return segment;
      try {
        return engine.render(segment, variables);
      } catch {
        return segment;
      }
    });
  };
}
