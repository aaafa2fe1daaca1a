// `kestra-lite test` with fixtures on a Pause (review 2, finding 2): the fixture replaces the
// Pause, so a Pause without pauseDuration no longer stalls the case and a Pause with one costs no
// time, even on the real clock; a PAUSED fixture stalls it as a real Pause would.
import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { runTests } from '../../src/cli/test.ts';
import { fileTree } from '../helpers/file-tree.ts';

const tree = (files: Record<string, string>) => fileTree(files, 'kl-pause-');

async function run(cwd: string, realClock = false) {
  const lines: string[] = [];
  const code = await runTests({ paths: ['flows'], cwd, realClock }, { line: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

const FLOW = `id: approval
namespace: qa
tasks:
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT20S
  - id: long_pause
    type: io.kestra.plugin.core.flow.Pause
    pauseDuration: PT20S
  - id: approve
    type: io.kestra.plugin.core.flow.Pause
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: "approved={{ outputs.approve.onResume.ok }}"
`;

const suite = (approve: string) => `id: approval_tests
namespace: qa
flowId: approval
testCases:
  - id: mocked
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      tasks:
        - id: nap
        - id: long_pause
        - id: approve
${approve}    assertions:
      - value: "{{ tasks.approve.state }}"
        equalTo: SUCCESS
`;

describe('kestra-lite test: fixtures on a Pause', () => {
  test('mocked Sleep and Pauses pass at once, even on the real clock; outputs come from the fixture', async () => {
    const cwd = tree({ 'flows/approval.yml': FLOW, 'flows/approval.tests.yml': suite('          outputs: {onResume: {ok: true}}\n') });
    const { code, out } = await run(cwd, true);
    expect(out).toContain('PASS  qa.approval_tests › mocked');
    expect(code).toBe(0);
  });

  test('a PAUSED fixture leaves the case waiting for a resume: ERROR at once, with the reason', async () => {
    const cwd = tree({ 'flows/approval.yml': FLOW, 'flows/approval.tests.yml': suite('          state: PAUSED\n') });
    const { code, out } = await run(cwd);
    expect(code).toBe(1);
    expect(out).toContain('ERROR qa.approval_tests › mocked');
    expect(out).toContain('  ! The execution stopped in state PAUSED with nothing left to move it on');
  });

  test('a fixture state that never ends the task is a suite error with its line', async () => {
    const cwd = tree({ 'flows/approval.yml': FLOW, 'flows/approval.tests.yml': suite('          state: RUNNING\n') });
    const { code, out } = await run(cwd);
    expect(code).toBe(2);
    expect(out).toContain("approval.tests.yml:12: testCases[0].fixtures.tasks[2].state: ");
    expect(out).toContain("state 'RUNNING' never ends the mocked task run");
  });
});
