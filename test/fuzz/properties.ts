// The hostile-input properties, shared by the short variants in the test command (fixed seed, a
// few hundred runs) and the long ones in bench/fuzz.ts (random seed, many runs). Each case is
// bounded: HTTP requests race a timer, synchronous parsers are timed after the fact.
import fc from 'fast-check';
import { ExpressionError, type ExpressionEngine } from '../../src/expressions/index.ts';
import { parseFlowYaml } from '../../src/flows/parse.ts';
import type { RouteInfo } from '../../src/http/openapi.ts';
import { createZip, readZip } from '../../src/shared/zip/zip.ts';
import type { Runtime } from '../../src/runtime.ts';
import { anyText, body, queryString, segment, template, yamlText, type BodyCase } from './arbitraries.ts';

export interface FuzzOptions { seed?: number; numRuns: number; caseTimeoutMs?: number }
const params = (o: FuzzOptions) => ({ seed: o.seed, numRuns: o.numRuns, endOnFailure: true });

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`hang: ${what} did not answer within ${ms} ms`)), ms); });
  return Promise.race([p, hang]).finally(() => clearTimeout(timer));
}

/** `/api/v1/flows/:namespace/:id` with each `:param` (and `*`) replaced */
export const fillPath = (path: string, values: string[]) => {
  let i = 0;
  return path.replace(/:[A-Za-z]+|\*/g, () => values[i++ % values.length] || 'x');
};

/** One request through the app; a 5xx or a hang fails. Streams (SSE) are cancelled unread. */
export async function hostileRequest(rt: Runtime, method: string, path: string, query: string, b: BodyCase, timeoutMs: number) {
  const url = `http://localhost${path}${query ? `?${query}` : ''}`;
  // follow routes wait (by design, 10 s on the injected clock) for an execution that may appear:
  // the client leaves after a moment, which must end the wait with an answer
  const leave = new AbortController();
  let request: Request;
  try {
    request = new Request(url, { method, body: method === 'GET' || method === 'HEAD' ? undefined : b.body, headers: b.type ? { 'content-type': b.type } : {}, signal: leave.signal });
  } catch {
    return; // not even a valid URL: no server would see it
  }
  const what = `${method} ${path}${query ? `?${query}` : ''} (${b.kind} body)`;
  const waits = /\/follow(-dependencies)?$/.test(path);
  const leaving = waits ? setTimeout(() => leave.abort(), 50) : undefined;
  const res = await withTimeout(rt.app.handle(request), timeoutMs, what).finally(() => clearTimeout(leaving));
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) await res.body?.cancel();
  else await withTimeout(res.arrayBuffer(), timeoutMs, `${what} body`);
  if (res.status >= 500) throw new Error(`${what} answered ${res.status}`);
}

/** Every route of the table, random params, query strings and bodies: never a 5xx, never a hang. */
export function routesProperty(rt: Runtime, routes: RouteInfo[], o: FuzzOptions) {
  return fc.assert(
    fc.asyncProperty(fc.nat(routes.length - 1), fc.array(segment, { minLength: 1, maxLength: 4 }), queryString, body, fc.boolean(),
      async (index, values, query, b, tenant) => {
        const route = routes[index]!;
        const path = fillPath(route.path, values);
        await hostileRequest(rt, route.method, tenant ? path.replace('/api/v1/', '/api/v1/main/') : path, query, b, o.caseTimeoutMs ?? 5000);
      }),
    params(o),
  );
}

/** Random templates: always a result or an ExpressionError, bounded in time. */
export function expressionProperty(engine: ExpressionEngine, context: Record<string, unknown>, o: FuzzOptions) {
  return fc.assert(
    fc.property(template, fc.boolean(), (t, typed) => {
      const started = performance.now();
      try {
        const out = typed ? engine.renderTyped(t, context) : engine.render(t, context);
        if (!typed && typeof out !== 'string') throw new Error(`render gave ${typeof out}`);
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw new Error(`${JSON.stringify(t)} threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
      }
      const ms = performance.now() - started;
      if (ms > (o.caseTimeoutMs ?? 2000)) throw new Error(`${JSON.stringify(t)} took ${ms} ms`);
    }),
    params(o),
  );
}

/** The flow YAML parser: a flow or violations, never an internal error, bounded in time. */
export function flowYamlProperty(o: FuzzOptions) {
  return fc.assert(
    fc.property(yamlText, (text) => {
      const started = performance.now();
      const r = parseFlowYaml(text);
      if (!r.ok) {
        const internal = r.violations.find((v) => v.message.startsWith('Unable to validate the flow'));
        if (internal) throw new Error(`${JSON.stringify(text)}: ${internal.message}`);
      }
      if (performance.now() - started > (o.caseTimeoutMs ?? 2000)) throw new Error(`${JSON.stringify(text)} took too long`);
    }),
    params(o),
  );
}

const VALID_ZIP = createZip([{ name: 'a.yml', data: 'id: a\n'.repeat(50) }, { name: 'dir/', data: '' }, { name: 'b.txt', data: 'bbb' }], { modified: new Date(2024, 0, 1) });

/** ZIP reading: random bytes and mutated archives give entries or "Invalid zip file: ..." */
export function zipProperty(o: FuzzOptions) {
  const mutated = fc.array(fc.tuple(fc.nat(VALID_ZIP.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
    .map((edits) => { const z = VALID_ZIP.slice(); for (const [at, v] of edits) z[at] = v; return z; });
  const truncated = fc.nat(VALID_ZIP.length).map((n) => VALID_ZIP.slice(0, n));
  return fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), mutated, truncated), (bytes) => {
      try {
        readZip(bytes, { maxTotalBytes: 1024 * 1024 });
      } catch (e) {
        if (!(e instanceof Error) || !e.message.startsWith('Invalid zip file')) throw new Error(`readZip threw ${(e as Error)?.message}`);
      }
    }),
    params(o),
  );
}

/** Multipart bodies (flows/import, namespace files, execution inputs): random parts and broken framing. */
export function multipartProperty(rt: Runtime, o: FuzzOptions) {
  const targets = ['/api/v1/flows/import', '/api/v1/executions/company.team/hello', '/api/v1/namespaces/company.team/files?path=/x.txt', '/api/v1/flows/validate'];
  const rawMultipart = fc.tuple(anyText, fc.array(fc.tuple(anyText, anyText, anyText), { maxLength: 3 }), fc.boolean()).map(([boundary, parts, close]) => {
    const b = boundary.replace(/[\r\n]/g, '') || 'b';
    const text = parts.map(([name, filename, value]) => `--${b}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n${value}\r\n`).join('') + (close ? `--${b}--\r\n` : '');
    return { kind: 'raw-multipart', body: text, type: `multipart/form-data; boundary=${b}` } as BodyCase;
  });
  const zipUpload = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.constant(VALID_ZIP)).map((bytes) => {
    const form = new FormData();
    form.append('fileUpload', new File([bytes], 'flows.zip'));
    return { kind: 'zip-upload', body: form } as BodyCase;
  });
  return fc.assert(
    fc.asyncProperty(fc.constantFrom(...targets), fc.oneof(rawMultipart, zipUpload, body), async (target, b) => {
      const [path, query] = target.split('?');
      await hostileRequest(rt, 'POST', path!, query ?? '', b, o.caseTimeoutMs ?? 5000);
    }),
    params(o),
  );
}
