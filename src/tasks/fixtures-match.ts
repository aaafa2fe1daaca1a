// Which fixture answers a task run. Precedence, most specific first:
//   1. flow + task id + value   (file with `flowId`, entry with `id` and `value`)
//   2. flow + task id
//   3. namespace + task id (+ value)   (file with `namespace` only)
//   4. task id + value, then task id   (file without flow/namespace)
//   5. task type: flow-scoped, then namespace-scoped, then global
// i.e. an entry naming the task id always beats one naming only its type; then the narrower
// file scope wins; then an entry pinned to the iteration value; then one that also names the
// type. Remaining ties go to the first entry, files taken in path order.
//
// Every condition an entry or its file states must hold: an entry with `id` and `type` matches
// only tasks with both; an entry with `value` only the task run with that value.

import type { FixtureEntry, FixtureFile } from './fixtures-format.ts';

export interface FixtureQuery { namespace: string; flowId: string; taskId: string; type: string; value?: string }

export interface Fixture {
  /** the fixture file the entry comes from */
  file: string;
  namespace?: string;
  flowId?: string;
  entry: FixtureEntry;
}

function scope(file: FixtureFile, q: FixtureQuery): number | undefined {
  if (file.namespace !== undefined && file.namespace !== q.namespace) return undefined;
  if (file.flowId !== undefined) return file.flowId === q.flowId ? 2 : undefined;
  return file.namespace !== undefined ? 1 : 0;
}

/** A rank (higher wins) or undefined when the entry does not apply to the query. */
export function rankFixture(file: FixtureFile, entry: FixtureEntry, q: FixtureQuery): number | undefined {
  const s = scope(file, q);
  if (s === undefined) return undefined;
  if (entry.id !== undefined && entry.id !== q.taskId) return undefined;
  if (entry.type !== undefined && entry.type !== q.type) return undefined;
  if (entry.value !== undefined && entry.value !== q.value) return undefined;
  const hasId = entry.id !== undefined ? 1 : 0;
  const hasValue = entry.value !== undefined ? 1 : 0;
  const hasType = entry.type !== undefined ? 1 : 0;
  return hasId * 1000 + s * 100 + hasValue * 10 + hasType;
}

/** Best match over files given in precedence order for ties. */
export function matchFixture(files: Iterable<[string, FixtureFile]>, q: FixtureQuery): Fixture | undefined {
  let best: { rank: number; fixture: Fixture } | undefined;
  for (const [path, file] of files) {
    for (const entry of file.entries) {
      const rank = rankFixture(file, entry, q);
      if (rank === undefined || (best && best.rank >= rank)) continue;
      const fixture: Fixture = { file: path, entry };
      if (file.namespace !== undefined) fixture.namespace = file.namespace;
      if (file.flowId !== undefined) fixture.flowId = file.flowId;
      best = { rank, fixture };
    }
  }
  return best?.fixture;
}

/** The fixture of attempt N (0-based): attempts[N], or the last one, over the entry's own fields. */
export function attemptFixture(entry: FixtureEntry, attemptsCount: number): FixtureEntry {
  if (!entry.attempts?.length) return entry;
  const attempt = entry.attempts[Math.min(attemptsCount, entry.attempts.length - 1)]!;
  return { ...entry, ...attempt };
}
