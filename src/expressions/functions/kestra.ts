// Kestra functions backed by the execution context map or by injected hooks.
//
// Context keys read here (besides the function arguments):
//   flow.namespace       default namespace for kv() and fileURI()
//   taskrun.value        current iteration value, for currentEachOutput()
//   parents              [{taskrun: {value}}, ...] closest first, for currentEachOutput()
//   __errorLogs          list of ERROR log entries the engine collected, for errorLogs()
import { yaml } from '../../shared/yaml.ts';
import type { FunctionDef } from '../callables.ts';
import { clock, formatDate, zoneOf } from '../dates/dates.ts';
import { EvalError } from '../errors.ts';
import { fromIon } from '../ion.ts';
import type { Runtime } from '../runtime.ts';
import { isMap } from '../values.ts';
import { checkOwnership } from './files.ts';
import { renderValue } from './render.ts';
import { namespaceFilesRoot } from '../../shared/storage/paths.ts';

function ctx(rt: Runtime, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(rt.root, name) ? rt.root[name] : undefined;
}

function flowNamespace(rt: Runtime): string | undefined {
  const flow = ctx(rt, 'flow');
  return isMap(flow) && typeof flow.namespace === 'string' ? flow.namespace : undefined;
}

function parseJson(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  try {
    return JSON.parse(String(v));
  } catch (e) {
    throw new EvalError(`Invalid json: ${(e as Error).message}`);
  }
}

/** Iteration path of the current task: outermost ancestor value first, then taskrun.value. */
function currentEachOutput(outputs: unknown, rt: Runtime): unknown {
  const path: unknown[] = [];
  const parents = ctx(rt, 'parents');
  if (Array.isArray(parents)) {
    for (let i = parents.length - 1; i >= 0; i--) {
      const p = parents[i];
      const tr = isMap(p) ? p.taskrun : undefined;
      if (isMap(tr) && tr.value !== undefined && tr.value !== null) path.push(tr.value);
    }
  }
  const taskrun = ctx(rt, 'taskrun');
  if (isMap(taskrun) && taskrun.value !== undefined && taskrun.value !== null) path.push(taskrun.value);
  let cur = outputs;
  for (const key of path) {
    if (!isMap(cur)) return null;
    cur = cur[String(key)];
  }
  return cur ?? null;
}

function need<T>(hook: T | undefined, name: string): T {
  if (!hook) throw new EvalError(`${name}() is not available in this context`);
  return hook;
}

export const KESTRA_FUNCTIONS: Record<string, FunctionDef> = {
  now: {
    args: ['format', 'timeZone', 'existingFormat', 'locale'],
    fn: ([format, tz, , locale], rt) => formatDate(clock(rt.hooks), format, zoneOf(tz, rt.hooks), locale),
  },
  secret: {
    args: ['key'],
    fn: ([key], rt) => {
      const v = rt.hooks.secret?.(String(key));
      if (v === undefined || v === null) throw new EvalError(`Cannot find secret for key '${String(key)}'.`);
      return v;
    },
  },
  kv: {
    args: ['key', 'namespace', 'errorOnMissing'],
    fn: ([key, ns, errorOnMissing], rt) => {
      const namespace = ns === undefined || ns === null ? flowNamespace(rt) : String(ns);
      const v = need(rt.hooks.kv, 'kv')(namespace, String(key), { errorOnMissing: errorOnMissing === true });
      if (v === undefined || v === null) {
        if (errorOnMissing === true) throw new EvalError(`The key '${String(key)}' does not exist in the namespace '${namespace}'.`);
        return null;
      }
      return v;
    },
  },
  read: {
    args: ['path'],
    fn: ([p], rt) => {
      // Kestra's ReadFileFunction: an internal-storage URI must be a file of this execution (or of
      // the execution that triggered it), or a namespace file of the flow's namespace (the URI
      // fileURI() gives); anything else is a namespace-file path of the flow's namespace
      const path = String(p);
      const ns = flowNamespace(rt);
      const ownNamespaceFile = ns !== undefined && path.startsWith(`kestra://${namespaceFilesRoot(ns)}/`);
      if (path.startsWith('kestra:///') && !ownNamespaceFile) checkOwnership(path, rt);
      return need(rt.hooks.read, 'read')(path, ns);
    },
  },
  fileURI: {
    args: ['path'],
    fn: ([p], rt) => {
      const path = String(p);
      if (path.includes('../')) throw new EvalError("Path must not contain '../'");
      if (rt.hooks.fileURI) return rt.hooks.fileURI(path);
      const ns = flowNamespace(rt) ?? '';
      return `kestra://${namespaceFilesRoot(ns)}/${path.replace(/^\//, '')}`;
    },
  },
  fromJson: { args: ['json'], fn: ([v]) => parseJson(v) },
  json: { args: ['json'], fn: ([v]) => parseJson(v) },
  jsonDecode: { args: ['json'], fn: ([v]) => parseJson(v) },
  yaml: { args: ['yaml'], fn: ([v]) => (v === null || v === undefined ? null : yaml().parse(String(v)) ?? null) },
  fromIon: { args: ['ion'], fn: ([v]) => (v === null || v === undefined ? null : fromIon(String(v))) },
  ionDecode: { args: ['ion'], fn: ([v]) => (v === null || v === undefined ? null : fromIon(String(v))) },
  render: { args: ['toRender', 'recursive'], fn: ([v, rec], rt) => renderValue(v, rt, rec !== false) },
  renderOnce: { args: ['toRender'], fn: ([v], rt) => renderValue(v, rt, false) },
  currentEachOutput: { args: ['outputs'], fn: ([o], rt) => currentEachOutput(o, rt) },
  errorLogs: { fn: (_a, rt) => ctx(rt, '__errorLogs') ?? [] },
  printContext: { fn: (_a, rt) => rt.allVariables() },
  fetchContext: { fn: (_a, rt) => rt.allVariables() },
  encrypt: { args: ['key', 'plaintext'], fn: ([, s], rt) => need(rt.hooks.encrypt, 'encrypt')(String(s)) },
  decrypt: { args: ['key', 'encrypted'], fn: ([, s], rt) => need(rt.hooks.decrypt, 'decrypt')(String(s)) },
};

