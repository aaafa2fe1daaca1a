// Bounded work per render (src/expressions/limits.ts): loop iterations, rendered size and time
// fail the render with a message naming the limit; `default`, `??` and nested renders cannot
// escape the budget.
import { describe, expect, test } from 'bun:test';
import { createExpressionEngine, ExpressionError } from '../../src/expressions/index.ts';

const LOOP = '{% for i in range(1, 9000) %}{% for j in range(1, 9000) %}x{% endfor %}{% endfor %}';
const failure = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    return (e as Error).message;
  }
  throw new Error('expected the render to fail');
};

describe('render limits', () => {
  test('the 9,000 × 9,000 loop fails on the iteration limit, naming it', () => {
    const e = createExpressionEngine();
    expect(failure(() => e.render(LOOP, {}))).toStartWith(
      'io.pebbletemplates.pebble.error.PebbleException: Render limit exceeded: more than 100000 loop iterations in one render (raise it with --render-max-iterations)',
    );
  });

  test('a loop within the limit renders; the limit is configurable', () => {
    const e = createExpressionEngine({}, { limits: { maxIterations: 10 } });
    expect(e.render('{% for i in range(1, 10) %}{{ i }}{% endfor %}', {})).toBe('12345678910');
    expect(failure(() => e.render('{% for i in range(1, 11) %}{{ i }}{% endfor %}', {}))).toContain('more than 10 loop iterations');
  });

  test('a string doubled in a loop fails on the size limit before it eats the memory', () => {
    const e = createExpressionEngine({}, { limits: { maxSize: 1000 } });
    const msg = failure(() => e.render("{% set s = 'xx' %}{% for i in range(1, 40) %}{% set s = s ~ s %}{% endfor %}{{ s | length }}", {}));
    expect(msg).toContain('Render limit exceeded: the rendered output is larger than 1000 characters (raise it with --render-max-size)');
  });

  test('lists count against the size limit too; printed output as well', () => {
    const e = createExpressionEngine({}, { limits: { maxSize: 100 } });
    expect(failure(() => e.renderTyped('{{ range(1, 50) + range(1, 60) }}', {}))).toContain('a list is larger than 100 elements');
    expect(failure(() => e.render('{{ big }}{{ big }}', { big: 'y'.repeat(60) }))).toContain('larger than 100 characters');
    expect(e.render('{{ big }}', { big: 'y'.repeat(100) })).toHaveLength(100);
  });

  test('time: a render past its deadline fails (the budget clock is injected, stepped here)', () => {
    let t = 0;
    const e = createExpressionEngine({}, { limits: { timeoutMs: 50 }, cpuNow: () => (t += 10) });
    expect(failure(() => e.render('{% for i in range(1, 5000) %}.{% endfor %}', {}))).toContain(
      'Render limit exceeded: rendering took longer than 50 ms (raise it with --render-timeout)',
    );
  });

  test('default, ?? and nested render() share the budget and cannot swallow a limit', () => {
    const e = createExpressionEngine({}, { limits: { maxIterations: 100 } });
    const inner = '{% for i in range(1, 80) %}.{% endfor %}';
    expect(e.render("{{ render(t) | length }}", { t: inner })).toBe('80');
    expect(failure(() => e.render("{{ render(t) ~ render(t) }}", { t: inner }))).toContain('more than 100 loop iterations');
    expect(failure(() => e.render("{{ render(t) | default('d') }}{{ render(t) ?? 'x' }}", { t: inner }))).toContain('loop iterations');
  });

  test('a recursive macro is bounded by the iteration limit, not the stack', () => {
    const e = createExpressionEngine({}, { limits: { maxIterations: 50 } });
    const msg = failure(() => e.render('{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}', {}));
    expect(msg).toContain('loop iterations');
  });

  test('each top-level render has its own budget', () => {
    const e = createExpressionEngine({}, { limits: { maxIterations: 100 } });
    const t = '{% for i in range(1, 100) %}.{% endfor %}';
    for (let i = 0; i < 5; i++) expect(e.render(t, {})).toHaveLength(100);
  });
});

describe('render limit flags', () => {
  test('serve flags set the limits; bad values are usage errors', async () => {
    const { parseArgs } = await import('../../src/cli/args.ts');
    const a = parseArgs(['serve', '--render-max-size', '2mb', '--render-max-iterations', '500000', '--render-timeout=250', '--max-outputs-size', '1mb']);
    expect(a.serve).toMatchObject({ renderMaxSize: 2 * 1024 * 1024, renderMaxIterations: 500_000, renderTimeoutMs: 250, maxOutputsBytes: 1024 * 1024 });
    expect(() => parseArgs(['serve', '--render-max-iterations', '0'])).toThrow("--render-max-iterations expects a positive whole number, got '0'");
    expect(() => parseArgs(['serve', '--render-max-size', 'lots'])).toThrow("--render-max-size expects a size like 10mb, got 'lots'");
  });
});
