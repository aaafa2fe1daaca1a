// `kestra-lite test path/to/x.tests.yml` alone: the flow under test is looked up from the suite's
// folder up to the project root, then in the flows directory; subflows next to it come along;
// none found is a load error naming the flow and where it was looked for.
import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { runTests } from '../../src/cli/test.ts';
import { validateTree } from '../../src/cli/validate.ts';
import { FLOW, SUITE } from './suite-fixtures.ts';
import { fileTree } from '../helpers/file-tree.ts';

const tree = (files: Record<string, string>) => fileTree(files, 'kl-suite-');

async function run(cwd: string, paths: string[], extra: Partial<Parameters<typeof runTests>[0]> = {}) {
  const lines: string[] = [];
  const code = await runTests({ paths, cwd, ...extra }, { line: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

const PASSING = SUITE.split('  - id: fails')[0]!;

const PARENT = `id: parent
namespace: qa
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: qa
    flowId: child
    wait: true
`;
const CHILD = 'id: child\nnamespace: qa\ntasks:\n  - id: hi\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n';
const PARENT_SUITE = `id: parent_tests
namespace: qa
flowId: parent
testCases:
  - id: calls
    type: io.kestra.core.tests.flow.UnitTest
    assertions:
      - value: "{{ tasks.call.state }}"
        equalTo: SUCCESS
`;

describe('kestra-lite test FILE.tests.yml', () => {
  test('the flow beside the suite, or in a parent folder', async () => {
    const beside = tree({ 'flows/qa/math.yml': FLOW, 'flows/qa/math.tests.yml': PASSING });
    const a = await run(beside, ['flows/qa/math.tests.yml']);
    expect(a.out).toContain('PASS  qa.math_tests › passes');
    expect(a.code).toBe(0);
    const below = tree({ 'pipelines/math.yml': FLOW, 'pipelines/tests/unit/math.tests.yml': PASSING });
    expect((await run(below, ['pipelines/tests/unit/math.tests.yml'])).code).toBe(0);
  });

  test('the flows directory (--flows, default ./flows) when the suites live elsewhere', async () => {
    const cwd = tree({ 'flows/qa/math.yml': FLOW, 'tests/math.tests.yml': PASSING });
    expect((await run(cwd, ['tests/math.tests.yml'])).code).toBe(0);
    const custom = tree({ 'kestra/qa/math.yml': FLOW, 'tests/math.tests.yml': PASSING });
    expect((await run(custom, ['tests/math.tests.yml'])).code).toBe(2);
    expect((await run(custom, ['tests/math.tests.yml'], { flowsDir: 'kestra' })).code).toBe(0);
  });

  test('the project root\'s own files count, not its every sub-folder', async () => {
    const cwd = tree({ 'math.yml': FLOW, 'math.tests.yml': PASSING });
    expect((await run(cwd, ['math.tests.yml'])).code).toBe(0);
    const elsewhere = tree({ 'misc/math.yml': FLOW, 'tests/math.tests.yml': PASSING, 'docker-compose.yml': 'services: {}\n' });
    const { code, out } = await run(elsewhere, ['tests/math.tests.yml']);
    expect(code).toBe(2);
    expect(out).toContain("tests/math.tests.yml:3: flowId: The flow 'math' does not exist in namespace 'qa'. Looked in the paths given and in: tests, . (its own files), flows.");
  });

  test('subflows next to the flow come along; suites found on the way are not run', async () => {
    const cwd = tree({ 'flows/parent.yml': PARENT, 'flows/sub/child.yml': CHILD, 'flows/math.tests.yml': SUITE, 'flows/math.yml': FLOW, 'tests/parent.tests.yml': PARENT_SUITE });
    const { code, out } = await run(cwd, ['tests/parent.tests.yml']);
    expect(out).toContain('PASS  qa.parent_tests › calls');
    expect(out).not.toContain('math_tests');
    expect(code).toBe(0);
  });

  test('validate finds the flow the same way', async () => {
    const cwd = tree({ 'flows/qa/math.yml': FLOW, 'tests/math.tests.yml': PASSING });
    const lines: string[] = [];
    expect(await validateTree({ paths: ['tests/math.tests.yml'], cwd }, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('0 flows and 1 test suite valid');
  });
});
