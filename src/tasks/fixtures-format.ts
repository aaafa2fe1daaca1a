// Fixture files (decisions.md "Fixture format"): Kestra's flow unit-test fixtures
// (`tasks: [{id, value?, state?, outputs?}]`) extended with `type` and flow matching, `files`,
// `logs`, `duration` and per-attempt `attempts`. A file is validated as a whole: a typo such as
// `ouputs` is reported rather than silently mocking the task with nothing.
//
//   namespace: company.team        # optional: only this namespace
//   flowId: daily-report           # optional: only this flow
//   tasks:
//     - id: extract                # task id and/or `type`
//       value: "a"                 # optional: only the iteration with this taskrun value
//       state: SUCCESS             # SUCCESS | WARNING | FAILED
//       outputs: {vars: {rows: 42}}   # rendered as expressions
//       files: {out.csv: "a,b"}    # stored for the task run; exposed as outputFiles
//       logs: [{level: INFO, message: "..."}]
//       attempts: [{state: FAILED}, {state: SUCCESS}]   # attempt N uses attempts[N] or the last
//
// Kestra test-suite documents are read too: `fixtures.tasks`, or `testCases[].fixtures.tasks`.

import { parse } from 'yaml';
import { isLogLevel, type LogLevel } from '../logs/model.ts';
import type { RunState } from './types.ts';
import { isPlainObject } from '../shared/guards.ts';

export interface FixtureLog { level: LogLevel; message: string }

export interface FixtureAttempt {
  state?: RunState;
  outputs?: Record<string, unknown>;
  files?: Record<string, string>;
  logs?: FixtureLog[];
  /** ISO-8601 duration the mocked task takes (waited on the injected clock) */
  duration?: string;
  /** failure message when state is FAILED */
  errorMessage?: string;
}

export interface FixtureEntry extends FixtureAttempt {
  id?: string;
  type?: string;
  value?: string;
  description?: string;
  attempts?: FixtureAttempt[];
}

export interface FixtureFile { namespace?: string; flowId?: string; entries: FixtureEntry[] }

const STATES: readonly RunState[] = ['SUCCESS', 'WARNING', 'FAILED'];
const ATTEMPT_KEYS = ['state', 'outputs', 'files', 'logs', 'duration', 'errorMessage'];
const ENTRY_KEYS = [...ATTEMPT_KEYS, 'id', 'type', 'value', 'description', 'attempts'];

class FormatError extends Error {}
const fail = (path: string, message: string): never => {
  throw new FormatError(`${path}: ${message}`);
};
const isScalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);

function optString(obj: Record<string, unknown>, key: string, path: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (!isScalar(v)) fail(`${path}.${key}`, 'must be a string');
  return String(v);
}

function readAttempt(raw: Record<string, unknown>, path: string, allowed: string[]): FixtureAttempt {
  for (const key of Object.keys(raw)) if (!allowed.includes(key)) fail(`${path}.${key}`, `unknown property (expected one of ${allowed.join(', ')})`);
  const out: FixtureAttempt = {};
  const state = optString(raw, 'state', path);
  if (state !== undefined) {
    if (!(STATES as string[]).includes(state)) fail(`${path}.state`, `must be one of ${STATES.join(', ')}`);
    out.state = state as RunState;
  }
  if (raw.outputs !== undefined && raw.outputs !== null) {
    if (!isPlainObject(raw.outputs)) fail(`${path}.outputs`, 'must be a map');
    out.outputs = raw.outputs as Record<string, unknown>;
  }
  if (raw.files !== undefined && raw.files !== null) {
    if (!isPlainObject(raw.files)) fail(`${path}.files`, 'must be a map of file name to content');
    out.files = {};
    for (const [name, content] of Object.entries(raw.files as Record<string, unknown>)) {
      if (name.split('/').includes('..') || name.trim() === '') fail(`${path}.files`, `invalid file name '${name}'`);
      out.files[name] = typeof content === 'string' ? content : content === null ? '' : JSON.stringify(content);
    }
  }
  if (raw.logs !== undefined && raw.logs !== null) {
    if (!Array.isArray(raw.logs)) fail(`${path}.logs`, 'must be a list of {level, message}');
    out.logs = (raw.logs as unknown[]).map((l, i) => {
      const p = `${path}.logs[${i}]`;
      if (typeof l === 'string') return { level: 'INFO' as LogLevel, message: l };
      if (!isPlainObject(l)) return fail(p, 'must be {level, message}');
      const level = optString(l, 'level', p)?.toUpperCase() ?? 'INFO';
      if (!isLogLevel(level)) fail(`${p}.level`, 'must be one of TRACE, DEBUG, INFO, WARN, ERROR');
      const message = optString(l, 'message', p);
      if (message === undefined) fail(`${p}.message`, 'is required');
      return { level: level as LogLevel, message: message! };
    });
  }
  const duration = optString(raw, 'duration', path);
  if (duration !== undefined) out.duration = duration;
  const errorMessage = optString(raw, 'errorMessage', path);
  if (errorMessage !== undefined) out.errorMessage = errorMessage;
  return out;
}

function readEntry(raw: unknown, path: string): FixtureEntry {
  if (!isPlainObject(raw)) return fail(path, 'must be a map');
  const entry: FixtureEntry = readAttempt(raw, path, ENTRY_KEYS);
  for (const key of ['id', 'type', 'value', 'description'] as const) {
    const v = optString(raw, key, path);
    if (v !== undefined) entry[key] = v;
  }
  if (entry.id === undefined && entry.type === undefined) fail(path, 'needs an `id` or a `type` to match tasks');
  if (raw.attempts !== undefined && raw.attempts !== null) {
    if (!Array.isArray(raw.attempts) || raw.attempts.length === 0) fail(`${path}.attempts`, 'must be a non-empty list');
    entry.attempts = (raw.attempts as unknown[]).map((a, i) =>
      isPlainObject(a) ? readAttempt(a, `${path}.attempts[${i}]`, ATTEMPT_KEYS) : fail(`${path}.attempts[${i}]`, 'must be a map'));
  }
  return entry;
}

/** The task lists of a document: `tasks`, `fixtures.tasks`, or the enabled test cases' fixtures. */
function taskLists(doc: Record<string, unknown>): [string, unknown][] {
  if (doc.tasks !== undefined) return [['tasks', doc.tasks]];
  if (isPlainObject(doc.fixtures)) return [['fixtures.tasks', doc.fixtures.tasks ?? []]];
  if (Array.isArray(doc.testCases)) {
    return doc.testCases.flatMap((tc, i) =>
      isPlainObject(tc) && tc.disabled !== true && isPlainObject(tc.fixtures) && tc.fixtures.tasks !== undefined
        ? [[`testCases[${i}].fixtures.tasks`, tc.fixtures.tasks] as [string, unknown]]
        : []);
  }
  return fail('tasks', 'a fixture file needs a `tasks` list');
}

/** Parses one fixture file; throws Error with a readable message when it is invalid. */
export function parseFixtureFile(text: string): FixtureFile {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new Error(`Invalid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  // an empty file (e.g. just created in an editor) holds no fixtures yet
  if (doc === null || doc === undefined) return { entries: [] };
  if (!isPlainObject(doc)) throw new Error('A fixture file must be a YAML map with a `tasks` list');
  const file: FixtureFile = { entries: [] };
  const namespace = optString(doc, 'namespace', 'namespace');
  const flowId = optString(doc, 'flowId', 'flowId');
  if (namespace !== undefined) file.namespace = namespace;
  if (flowId !== undefined) file.flowId = flowId;
  for (const [path, list] of taskLists(doc)) {
    if (!Array.isArray(list)) fail(path, 'must be a list');
    (list as unknown[]).forEach((raw, i) => file.entries.push(readEntry(raw, `${path}[${i}]`)));
  }
  return file;
}
