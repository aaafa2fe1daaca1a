// `kestra-lite test` runs on skipping time: a flow that sleeps an hour (and has a schedule
// firing every minute) passes at once; `--real-clock` keeps real waits; a case that nothing can
// move on ends as an error straight away.
import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { runTests } from '../../src/cli/test.ts';
import { parseArgs } from '../../src/cli/args.ts';
import { fileTree } from '../helpers/file-tree.ts';

const tree = (files: Record<string, string>) => fileTree(files, 'kl-clock-');

async function run(cwd: string, extra: Partial<Parameters<typeof runTests>[0]> = {}) {
  const lines: string[] = [];
  const code = await runTests({ paths: ['flows'], cwd, ...extra }, { line: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

const flow = (sleep: string) => `id: nightly
namespace: qa
triggers:
  - id: every_minute
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "* * * * *"
tasks:
  - id: before
    type: io.kestra.plugin.core.debug.Return
    format: "{{ now() }}"
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: ${sleep}
  - id: after
    type: io.kestra.plugin.core.debug.Return
    format: "{{ now() }}"
`;

const SUITE = `id: nightly_tests
namespace: qa
flowId: nightly
testCases:
  - id: sleeps
    type: io.kestra.core.tests.flow.UnitTest
    assertions:
      - value: "{{ (outputs.after.value | timestamp) - (outputs.before.value | timestamp) }}"
        greaterThanOrEqualTo: 3600
      - value: "{{ (outputs.after.value | timestamp) - (outputs.before.value | timestamp) }}"
        lessThan: 3601
`;

describe('kestra-lite test: the clock', () => {
  test('a Sleep PT1H passes without waiting; the flow sees the hour go by', async () => {
    const cwd = tree({ 'flows/nightly.yml': flow('PT1H'), 'flows/nightly.tests.yml': SUITE });
    const { code, out } = await run(cwd);
    expect(out).toContain('PASS  qa.nightly_tests › sleeps');
    expect(code).toBe(0);
  });

  test('--real-clock waits in real time', async () => {
    const suite = `id: short_tests
namespace: qa
flowId: nightly
testCases:
  - id: sleeps
    type: io.kestra.core.tests.flow.UnitTest
    assertions:
      - value: "{{ outputs.after.value }}"
        isNotNull: true
`;
    const cwd = tree({ 'flows/nightly.yml': flow('PT0.01S'), 'flows/short.tests.yml': suite });
    const { code, out } = await run(cwd, { realClock: true });
    expect(out).toContain('PASS  qa.short_tests › sleeps');
    expect(code).toBe(0);
    expect(parseArgs(['test', '--real-clock']).tool.realClock).toBe(true);
  });

  test('a Pause without pauseDuration: ERROR at once, with the reason (a schedule in the tree, never armed, does not keep time going)', async () => {
    const stuck = 'id: stuck\nnamespace: qa\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n';
    const suite = 'id: stuck_tests\nnamespace: qa\nflowId: stuck\ntestCases:\n  - id: waits\n    type: io.kestra.core.tests.flow.UnitTest\n    assertions:\n      - value: a\n        equalTo: a\n';
    const ticker = 'id: ticker\nnamespace: qa\ntriggers:\n  - id: often\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "* * * * *"\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: tick\n';
    const cwd = tree({ 'flows/stuck.yml': stuck, 'flows/ticker.yml': ticker, 'flows/stuck.tests.yml': suite });
    const { code, out } = await run(cwd);
    expect(code).toBe(1);
    expect(out).toContain('ERROR qa.stuck_tests › waits');
    expect(out).toContain('  ! The execution stopped in state PAUSED with nothing left to move it on');
  });
});
