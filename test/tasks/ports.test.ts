import { describe, expect, test } from 'bun:test';
import { createPorts } from '../../src/shared/ports.ts';
import { NO_CASCADE, killsChildren } from '../../src/tasks/abort.ts';
import { resumeTask } from '../../src/tasks/core/execution-resume.ts';
import { subflowTask } from '../../src/tasks/core/flow-subflow.ts';
import type { ChildExecutions } from '../../src/tasks/types.ts';
import { buildRunContext, runExpectingError } from '../helpers/run-context.ts';

const RESUME = 'io.kestra.plugin.core.execution.Resume';

describe('tasks reach late services through ctx.ports', () => {
  test('execution.Resume calls the resume port with the rendered id and inputs', async () => {
    const calls: unknown[][] = [];
    const ports = createPorts();
    ports.provide('resume', { resume: async (...args) => void calls.push(args) });
    const r = buildRunContext({ task: { id: 'r', type: RESUME, executionId: '{{ "other" }}', inputs: { n: '{{ 1 + 1 }}' } }, ports });
    expect(await r.run(resumeTask)).toEqual({ outputs: {} });
    expect(calls).toEqual([['main', 'other', { n: '2' }]]);
  });

  test('execution.Resume without the port fails the task with a clear message', async () => {
    const r = buildRunContext({ task: { id: 'r', type: RESUME } });
    expect((await runExpectingError(r, resumeTask)).message).toBe('Resuming executions is not available in this runtime');
  });

  test('a Subflow killed with no cascade leaves its child running; a plain kill kills it', async () => {
    for (const [reason, killed] of [[NO_CASCADE, []], [undefined, ['child1']]] as const) {
      const kills: string[] = [];
      let finish!: () => void;
      const children: ChildExecutions = {
        create: async () => ({ id: 'child1' }) as never,
        waitForTerminal: () => new Promise((resolve) => { finish = () => resolve({ id: 'child1', state: { current: 'KILLED' } } as never); }),
        kill: (_tenant, id) => void kills.push(id),
        find: () => undefined,
      };
      const ports = createPorts();
      ports.provide('children', children);
      const r = buildRunContext({ task: { id: 's', type: 'io.kestra.plugin.core.flow.Subflow', namespace: 't', flowId: 'f' }, ports });
      const controller = new AbortController();
      const running = subflowTask.run({ ...r.ctx, signal: controller.signal });
      await new Promise((resolve) => setImmediate(resolve));
      controller.abort(reason);
      finish();
      await expect(running).rejects.toThrow('Task killed');
      expect(kills).toEqual([...killed]);
    }
  });

  test('killsChildren reads the abort reason', () => {
    const a = new AbortController(); a.abort(NO_CASCADE);
    const b = new AbortController(); b.abort();
    expect(killsChildren(a.signal)).toBe(false);
    expect(killsChildren(b.signal)).toBe(true);
  });
});
