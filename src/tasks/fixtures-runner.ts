// Runs a task that cannot run locally (engine-contract §8.4) from its fixture:
// 1. renders the task's own properties (best effort, as Kestra renders dynamic properties when
//    the task starts) so that a broken expression fails the task here too;
// 2. waits `duration` on the injected clock, stores `files` for the task run, emits `logs`
//    (rendered), renders `outputs` (adding `outputFiles: {name: uri}` unless outputs define it);
// 3. applies `state`: FAILED throws, WARNING ends the task in WARNING.
// Without a fixture the task ends in WARNING with empty outputs and a WARN log saying so, or
// FAILS in strict mode. Per-attempt fixtures make retries play out as declared.

import { parseDurationMs } from '../shared/durations.ts';
import type { Fixture, FixtureQuery } from './fixtures-match.ts';
import { attemptFixture } from './fixtures-match.ts';
import { TaskError, type RunContext, type RunnableTask, type RunResult } from './types.ts';

/** Common task properties that Kestra never renders: left alone by the best-effort pass. */
const NOT_RENDERED = new Set([
  'id', 'type', 'description', 'retry', 'timeout', 'disabled', 'logLevel', 'logToFile', 'allowFailure',
  'allowWarning', 'runIf', 'workerGroup', 'taskCache', 'version',
]);

function renderProperties(ctx: RunContext): void {
  for (const [name, value] of Object.entries(ctx.task)) {
    if (!NOT_RENDERED.has(name)) ctx.renderDeep(value);
  }
}

// `{{ files['out.csv'] }}` / `{{ files.out }}` in fixture outputs refer to the fixture's own
// stored files; they are replaced by the file URIs before rendering (a literal, not a variable,
// since `files` is no variable of the task run).
const FILE_REF = /\{\{-?\s*files(?:\.([A-Za-z_][\w-]*)|\[\s*(['"])(.*?)\2\s*\])\s*-?\}\}/g;

function substituteFileRefs(value: unknown, uris: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(FILE_REF, (whole, dotName: string | undefined, _q, bracketName: string | undefined) => {
      const uri = uris[dotName ?? bracketName ?? ''];
      return uri ?? whole;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substituteFileRefs(v, uris));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteFileRefs(v, uris)]));
  }
  return value;
}

export const missingFixtureWarning = (id: string, type: string) => `Task '${id}' of type '${type}' has no fixture: mocked with empty outputs`;
export const missingFixtureError = (id: string, type: string) => `No fixture for task '${id}' of type '${type}'`;

export interface FixtureRunnerDeps {
  match(q: FixtureQuery): Fixture | undefined;
  strict: boolean;
}

export function createFixtureRunner(deps: FixtureRunnerDeps): RunnableTask {
  return {
    async run(ctx): Promise<RunResult> {
      renderProperties(ctx);
      const { id, type } = ctx.task;
      const q: FixtureQuery = { namespace: ctx.flow.namespace, flowId: ctx.flow.id, taskId: id, type };
      if (ctx.taskRun.value !== undefined) q.value = ctx.taskRun.value;
      const fixture = deps.match(q);
      if (!fixture) {
        if (deps.strict) throw new TaskError(missingFixtureError(id, type));
        ctx.logger.warn(missingFixtureWarning(id, type));
        return { outputs: {}, state: 'WARNING' };
      }
      const f = attemptFixture(fixture.entry, ctx.attemptsCount);

      if (f.duration !== undefined) {
        const ms = parseDurationMs(f.duration);
        if (ms === undefined || ms < 0) throw new TaskError(`Invalid fixture duration '${f.duration}' in ${fixture.file}`);
        await ctx.sleep(ms);
      }
      const uris: Record<string, string> = {};
      for (const [name, content] of Object.entries(f.files ?? {})) uris[name] = ctx.storage.putFile(name, ctx.render(content));
      for (const log of f.logs ?? []) ctx.logger.log(log.level, ctx.render(log.message));

      const outputs = ctx.renderDeep(substituteFileRefs(f.outputs ?? {}, uris)) as Record<string, unknown>;
      if (Object.keys(uris).length && !Object.prototype.hasOwnProperty.call(outputs, 'outputFiles')) outputs.outputFiles = uris;

      if (f.state === 'FAILED') {
        throw new TaskError(f.errorMessage !== undefined ? ctx.render(f.errorMessage) : `Task '${id}' failed, as declared by its fixture in ${fixture.file}`);
      }
      return f.state === 'WARNING' ? { outputs, state: 'WARNING' } : { outputs };
    },
  };
}
