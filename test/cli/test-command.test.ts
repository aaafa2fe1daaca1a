// `kestra-lite test` and `kestra-lite validate` on trees written to a temp folder: exit codes,
// the report (file:line diffs), JUnit parsed back, --filter, broken trees.
import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { childrenNamed, parseXml } from '../helpers/xml.ts';
import { runTests } from '../../src/cli/test.ts';
import { validateTree } from '../../src/cli/validate.ts';
import { FLOW, SUITE } from './suite-fixtures.ts';
import { fileTree } from '../helpers/file-tree.ts';

const tree = (files: Record<string, string>) => fileTree(files, 'kl-test-');

async function run(cwd: string, extra: Partial<Parameters<typeof runTests>[0]> = {}) {
  const lines: string[] = [];
  const code = await runTests({ paths: ['flows'], cwd, fixtures: undefined, ...extra }, { line: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

describe('kestra-lite test', () => {
  test('passing suite: exit 0, plain lines and a summary', async () => {
    const cwd = tree({ 'flows/math.yml': FLOW, 'flows/math.tests.yml': SUITE.split('  - id: fails')[0]! });
    const { code, out } = await run(cwd);
    expect(code).toBe(0);
    expect(out).toContain('PASS  qa.math_tests › passes');
    expect(out).toMatch(/Tests: 1 passed, 0 failed, 0 errors, 0 skipped \(1 cases in [\d.]+ s\)/);
  });

  test('failures and errors: exit 1, a diff with file:line, JUnit parsed back', async () => {
    const cwd = tree({ 'flows/math.yml': FLOW, 'flows/qa/math.tests.yml': SUITE });
    const { code, out } = await run(cwd, { junit: 'reports/junit.xml' });
    expect(code).toBe(1);
    expect(out).toContain('FAIL qa.math_tests › fails  (flows/qa/math.tests.yml)');
    expect(out).toContain(`  ✗ expected '{{ outputs.double.value }}' to equal '5 & <more>' but was '4'`);
    expect(out).toContain('      at flows/qa/math.tests.yml:21'); // the equalTo line
    expect(out).toContain('      expression: {{ outputs.double.value }}');
    expect(out).toContain('      expected:   "5 & <more>" (string)');
    expect(out).toContain('      actual:     "4" (string)');
    expect(out).toContain('ERROR qa.math_tests › errors');
    expect(out).toContain('  ! Could not evaluate assertion:');
    expect(out).toContain('      error was: Could not parse value as a Double');
    expect(out).toContain('      at flows/qa/math.tests.yml:28'); // the assertion
    expect(out).toMatch(/Tests: 1 passed, 1 failed, 1 errors, 1 skipped/);

    const xml = readFileSync(join(cwd, 'reports/junit.xml'), 'utf8');
    expect(xml).toContain('5 &amp; &lt;more&gt;');
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ tests: '4', failures: '1', errors: '1', skipped: '1' });
    const [suite] = childrenNamed(root, 'testsuite');
    expect(suite!.attrs).toMatchObject({ name: 'qa.math_tests', file: 'flows/qa/math.tests.yml', tests: '4', failures: '1', errors: '1', skipped: '1' });
    const byName = Object.fromEntries(childrenNamed(suite!, 'testcase').map((c) => [c.attrs.name, c]));
    expect(Object.keys(byName).sort()).toEqual(['errors', 'fails', 'passes', 'skipped']);
    expect(byName.passes!.children).toEqual([]);
    const failure = childrenNamed(byName.fails!, 'failure')[0]!;
    expect(failure.attrs.message).toBe("expected '{{ outputs.double.value }}' to equal '5 & <more>' but was '4'");
    expect(failure.attrs.type).toBe('AssertionFailure');
    expect(failure.text).toContain('at flows/qa/math.tests.yml:21');
    expect(childrenNamed(byName.errors!, 'error')[0]!.attrs.type).toBe('TestCaseError');
    expect(childrenNamed(byName.skipped!, 'skipped')).toHaveLength(1);
    expect(() => parseXml(xml.replace('&amp;', '&'))).toThrow();
  });

  test('--filter runs only matching cases', async () => {
    const cwd = tree({ 'flows/math.yml': FLOW, 'flows/math.tests.yml': SUITE });
    const { code, out } = await run(cwd, { filter: 'qa.math_tests.pass*' });
    expect(code).toBe(0);
    expect(out).toMatch(/Tests: 1 passed, 0 failed, 0 errors, 0 skipped \(1 cases/);
    expect((await run(cwd, { filter: 'FAILS' })).code).toBe(1);
    // a filter that selects nothing fails instead of passing green
    const none = await run(cwd, { filter: 'no.such.case*' });
    expect(none.code).toBe(1);
    expect(none.out).toContain('No test case matches --filter no.such.case*');
  });

  test('a suite that cannot be loaded: exit 2 with file:line, the other suites still run', async () => {
    const cwd = tree({
      'flows/math.yml': FLOW,
      'flows/ok.tests.yml': SUITE.split('  - id: fails')[0]!.replace('id: math_tests', 'id: ok_tests'),
      'flows/malformed.tests.yml': 'id: broken\nnamespace: qa\nflowId: math\ntestCases:\n  - id: a\n    type: [oops\n',
      'flows/missing-flow.tests.yml': SUITE.replace('flowId: math', 'flowId: ghost').replace('id: math_tests', 'id: ghost_tests'),
      'flows/unknown-task.tests.yml': SUITE.split('  - id: fails')[0]!.replace('id: math_tests', 'id: t3').replace('- id: send', '- id: sned'),
      'flows/unknown-assert.tests.yml': SUITE.split('  - id: fails')[0]!.replace('id: math_tests', 'id: t4').replace('equalTo: "10"', 'equalTo: "10"\n        taskId: nope'),
    });
    const { code, out } = await run(cwd, { junit: 'junit.xml' });
    expect(code).toBe(2);
    expect(out).toMatch(/ERROR flows\/malformed\.tests\.yml:7: The test suite is not valid YAML: Flow sequence in block collection/);
    expect(out).toContain("ERROR flows/missing-flow.tests.yml:3: flowId: The flow 'ghost' does not exist in namespace 'qa'.");
    expect(out).toContain("ERROR flows/unknown-task.tests.yml:10: testCases[0].fixtures.tasks[0].id: fixture for unknown task 'sned': no task with this id in flow 'qa.math'");
    expect(out).toContain("ERROR flows/unknown-assert.tests.yml:14: testCases[0].assertions[0].taskId: assertion on unknown task 'nope'");
    expect(out).toContain('PASS  qa.ok_tests › passes');
    expect(out).toContain('4 suite files not loaded');
    const root = parseXml(readFileSync(join(cwd, 'junit.xml'), 'utf8'));
    expect(root.attrs.errors).toBe('4');
    const load = childrenNamed(root, 'testsuite').find((s) => s.attrs.name === 'kestra-lite.load')!;
    expect(childrenNamed(load, 'testcase').map((c) => c.attrs.name).sort()).toEqual(['flows/malformed.tests.yml', 'flows/missing-flow.tests.yml', 'flows/unknown-assert.tests.yml', 'flows/unknown-task.tests.yml']);
  });
});

test('a path that does not exist cannot be loaded: exit 2', async () => {
  const cwd = tree({ 'flows/math.yml': FLOW });
  const { code, out } = await run(cwd, { paths: ['missing'] });
  expect(code).toBe(2);
  expect(out).toContain('ERROR missing: no such file or directory');
});

describe('kestra-lite validate', () => {
  test('a clean tree: exit 0', async () => {
    const cwd = tree({ 'flows/math.yml': FLOW, 'flows/math.tests.yml': SUITE });
    const lines: string[] = [];
    expect(await validateTree({ paths: ['flows'], cwd }, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual(['1 flow and 1 test suite valid']);
  });

  test('a broken tree: every problem with file and line, exit 1', async () => {
    const cwd = tree({
      'flows/math.yml': FLOW,
      'flows/bad-flow.yml': 'id: bad\nnamespace: qa\ntasks:\n  - id: x\n    type: io.kestra.plugin.core.log.Log\n',
      'flows/bad.tests.yml': SUITE.replace('equalTo: "10"', 'equalToo: "10"'),
    });
    const lines: string[] = [];
    expect(await validateTree({ paths: ['flows'], cwd }, (l) => lines.push(l))).toBe(1);
    expect(lines).toContain('flows/bad-flow.yml:4: tasks[0].message: must not be null');
    expect(lines).toContain('flows/bad.tests.yml:13: testCases[0].assertions[0].equalToo: unknown property');
    expect(lines).toContain('flows/bad.tests.yml:12: testCases[0].assertions[0]: no assertions found: an assertion needs one of isNull, isNotNull, endsWith, startsWith, equalTo, contains, notEqualTo, greaterThan, greaterThanOrEqualTo, lessThan, lessThanOrEqualTo, in, notIn');
    expect(lines.at(-1)).toBe('3 problems in 2 files (1 flow and 0 test suites valid)');
  });
});

describe('the example suite in flows/', () => {
  test('passes in the test command', async () => {
    const { code, out } = await run(join(import.meta.dir, '../..'), { paths: ['flows'] });
    expect(out).toContain('PASS  company.team.daily-report-tests › report-uses-extracted-rows');
    expect(out).toContain('PASS  company.team.daily-report-tests › failed-extract-fails-the-run');
    expect(code).toBe(0);
  });
});
