// Walks a list of Kestra operations ("METHOD /api/v1/path/{param}") against a runtime: each must
// be in the route table and, called with plausible values, must reach a handler (never the
// router's own 404, a 405 or a 501) and never answer 5xx.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestClient } from '../helpers/runtime.ts';

export interface Operation { method: string; path: string }

export function readOperations(file: string): Operation[] {
  return readFileSync(join(import.meta.dir, file), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)
    .map((l) => { const [method, path] = l.split(/\s+/); return { method: method!, path: path! }; });
}

const VALUES: Record<string, string> = {
  tenant: 'main', namespace: 'company.team', id: 'hello', flowId: 'hello', executionId: 'exec1', key: 'my_key',
  kind: 'flow', cls: 'io.kestra.plugin.core.log.Log', type: 'flow', taskId: 't1', triggerId: 'schedule', metric: 'm',
  chartId: 'c1', version: '0.1.0', path: 'sub/path', taskRunId: 'tr1', group: 'io.kestra.plugin.core',
};

export const concretePath = (path: string) => path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => VALUES[name] ?? 'x');

/** Some routes wait on the clock (follow waits for the execution to appear): move the fake clock on. */
async function answered(client: TestClient, pending: Promise<Response>): Promise<Response> {
  let done = false;
  void pending.finally(() => { done = true; });
  const clock = client.rt.clock as { advance?(ms: number): void };
  for (let i = 0; i < 20 && !done; i++) {
    await new Promise((r) => setImmediate(r));
    if (!done) clock.advance?.(15_000);
  }
  return pending;
}

export interface WalkResult { unrouted: string[]; failing: string[] }

/**
 * Routed = the router reaches a route whose params took only the placeholder positions (a param
 * that swallowed a fixed segment of the operation means another route shadows it, e.g.
 * `/flows/{namespace}` answering `/flows/source`). Then the call must not answer 405, 501 or 5xx.
 */
export async function walk(client: TestClient, ops: Operation[], prefix: '/api/v1' | '/api/v1/main'): Promise<WalkResult> {
  const unrouted: string[] = [];
  const failing: string[] = [];
  for (const op of ops) {
    const apiPath = op.path.replace('/api/v1/{tenant}/', '/api/v1/');
    const concrete = concretePath(apiPath);
    const fixed = new Set(apiPath.split('/').filter((s) => s && !s.startsWith('{')));
    const found = client.rt.app.match(op.method, concrete);
    const shadowed = found && Object.values(found.params).some((v) => v.split('/').some((seg) => fixed.has(seg) && !Object.values(VALUES).includes(seg)));
    if (!found || shadowed) { unrouted.push(`${op.method} ${op.path}${shadowed ? ' (shadowed)' : ''}`); continue; }
    const url = prefix + concrete.slice('/api/v1'.length);
    const res = await answered(client, client.call(op.method, url, ['POST', 'PUT', 'PATCH'].includes(op.method) ? { body: {} } : undefined));
    // SSE answers stream until the client leaves: the headers are the answer
    const streaming = res.headers.get('content-type')?.startsWith('text/event-stream');
    const text = streaming ? '' : await res.text();
    if (streaming) await res.body?.cancel();
    if (res.status === 405 || res.status === 501 || res.status >= 500) failing.push(`${op.method} ${url} → ${res.status} ${text.slice(0, 120)}`);
  }
  return { unrouted, failing };
}
