// Faults on purpose (WireMock's faults, for Kestra): HTTP faults answer the next `times` matching
// requests at the edge (or only delay them), task faults make the next `times` matching attempts
// fail, hang until their timeout, or wait first (the engine asks through the `taskFaults` port).
// The first registered fault that matches is used; a used-up fault disappears.

import type { TaskFault, TaskFaultSource } from '../executions/engine/attempts/worker.ts';
import { illegalArgument, invalidEntity } from '../shared/errors.ts';
import type { EdgeExchange } from '../shared/feature.ts';
import type { FaultView, HttpFaultSpec, TaskFaultSpec } from './model.ts';
import { methodMatches, pathMatcher, type PathMatcher } from './path-match.ts';

export const DEFAULT_TASK_FAILURE = 'Task failed on purpose: fault injected through the kestra-lite admin API';

interface HttpFault { id: string; kind: 'http'; spec: HttpFaultSpec; remaining: number; matches: PathMatcher }
interface TaskFaultEntry { id: string; kind: 'task'; spec: TaskFaultSpec; remaining: number }
type Fault = HttpFault | TaskFaultEntry;

/** Kestra-shaped default bodies: the error JSON for 4xx/5xx, nothing otherwise. */
function faultResponse(f: HttpFault, x: EdgeExchange): Response {
  const status = f.spec.status!;
  const headers = new Headers(f.spec.headers ?? {});
  let body: string | null = null;
  if (f.spec.body !== undefined) {
    body = typeof f.spec.body === 'string' ? f.spec.body : JSON.stringify(f.spec.body);
    if (!headers.has('content-type')) headers.set('content-type', typeof f.spec.body === 'string' ? 'text/plain' : 'application/json');
  } else if (status >= 400 && status !== 401) {
    const href = x.rawPath + (x.query ? `?${x.query}` : '');
    body = JSON.stringify({ message: `Injected fault: HTTP ${status} (${f.id}, kestra-lite admin API)`, _links: { self: { href, templated: false } } });
    headers.set('content-type', 'application/json');
  }
  return new Response(status === 204 || status === 304 ? null : body, { status, headers });
}

// RFC 9110: a field name is a token; a value is visible ASCII, spaces, tabs and obs-text bytes
// (never CR, LF or NUL: a value that could split the response is refused, not sent)
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function checkHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw invalidEntity([{ path: `fault.headers.${name}`, message: 'is not a valid HTTP header name (letters, digits and !#$%&\'*+.^_`|~- only)' }]);
    if (!HEADER_VALUE.test(value)) throw invalidEntity([{ path: `fault.headers.${name}`, message: 'is not a valid HTTP header value (no line breaks or control characters)' }]);
  }
  try { new Headers(headers); } catch (err) { throw invalidEntity([{ path: 'fault.headers', message: (err as Error).message }]); }
}

export function createFaults(deps: { wait: (ms: number) => Promise<void> }) {
  let faults: Fault[] = [];
  let seq = 0;

  const use = <F extends Fault>(f: F): F => {
    if (--f.remaining <= 0) faults = faults.filter((o) => o !== f);
    return f;
  };
  const view = (f: Fault): FaultView => ({ id: f.id, kind: f.kind, remaining: f.remaining, ...f.spec }) as FaultView;

  const taskSource: TaskFaultSource = {
    take(q) {
      const f = faults.find((o): o is TaskFaultEntry => o.kind === 'task'
        && (o.spec.taskId === undefined || o.spec.taskId === q.taskId)
        && (o.spec.taskType === undefined || o.spec.taskType === q.taskType)
        && (o.spec.namespace === undefined || o.spec.namespace === q.namespace)
        && (o.spec.flowId === undefined || o.spec.flowId === q.flowId));
      if (!f) return undefined;
      use(f);
      const fault: TaskFault = {};
      if (f.spec.delayMs) fault.delayMs = f.spec.delayMs;
      if (f.spec.fail) fault.fail = typeof f.spec.fail === 'string' ? f.spec.fail : DEFAULT_TASK_FAILURE;
      if (f.spec.timeout) fault.hang = true;
      return fault;
    },
  };

  return {
    addHttp(spec: HttpFaultSpec): FaultView {
      if (spec.status === undefined && spec.delayMs === undefined) {
        throw invalidEntity([{ path: 'fault', message: 'an HTTP fault needs a status (answer that) or a delayMs (slow the real answer down)' }]);
      }
      if (spec.status === undefined && (spec.body !== undefined || spec.headers !== undefined)) {
        throw invalidEntity([{ path: 'fault.body', message: 'body and headers need a status' }]);
      }
      if (spec.path.startsWith('/_kestra-lite')) throw illegalArgument('the admin API cannot be given faults');
      if (!spec.path.startsWith('/')) throw invalidEntity([{ path: 'fault.path', message: "must start with '/'" }]);
      if (spec.headers) checkHeaders(spec.headers);
      const f: HttpFault = { id: `fault-${++seq}`, kind: 'http', spec, remaining: spec.times ?? 1, matches: pathMatcher(spec.path) };
      faults.push(f);
      return view(f);
    },
    addTask(spec: TaskFaultSpec): FaultView {
      if (spec.taskId === undefined && spec.taskType === undefined) {
        throw invalidEntity([{ path: 'fault', message: 'a task fault needs a taskId or a taskType' }]);
      }
      if (!spec.fail && !spec.timeout && spec.delayMs === undefined) {
        throw invalidEntity([{ path: 'fault', message: 'a task fault needs fail, timeout or delayMs' }]);
      }
      if (spec.fail && spec.timeout) throw invalidEntity([{ path: 'fault', message: 'fail and timeout exclude each other' }]);
      const f: TaskFaultEntry = { id: `fault-${++seq}`, kind: 'task', spec, remaining: spec.times ?? 1 };
      faults.push(f);
      return view(f);
    },
    list: (): FaultView[] => faults.map(view),
    remove(id: string): boolean {
      const before = faults.length;
      faults = faults.filter((f) => f.id !== id);
      return faults.length < before;
    },
    clear() { faults = []; },
    /** no HTTP fault is armed (the edge then skips the lookup and its promise) */
    noHttpFaults: () => !faults.some((f) => f.kind === 'http'),
    taskSource,
    /** at the edge: the fault's answer, or undefined (after its delay, when it only delays) */
    async answer(x: EdgeExchange): Promise<{ id: string; response?: Response } | undefined> {
      const f = faults.find((o): o is HttpFault => o.kind === 'http' && methodMatches(o.spec.method, x.method) && o.matches(x.rawPath, x.path));
      if (!f) return undefined;
      use(f);
      if (f.spec.delayMs) await deps.wait(f.spec.delayMs);
      return { id: f.id, response: f.spec.status === undefined ? undefined : faultResponse(f, x) };
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;
