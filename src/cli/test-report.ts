// What `kestra-lite test` prints for a finished case: a status line, then for each failed
// assertion a readable diff (message, file:line, the expression, expected vs actual) and for each
// error its message and details.

import { javaString } from '../testsuites/assertions.ts';
import type { UnitTestResult } from '../testsuites/model.ts';
import type { LineOf } from '../testsuites/parse.ts';
import { originsOf } from '../testsuites/runner.ts';

export interface CaseContext { file?: string; caseIndex: number; lineOf?: LineOf; label: string; assertions: { value: unknown }[] }

const show = (v: unknown): string => {
  const text = typeof v === 'string' ? JSON.stringify(v) : javaString(v);
  const type = v === null || v === undefined ? 'null' : Array.isArray(v) ? 'list' : typeof v === 'object' ? 'map' : typeof v;
  return `${text} (${type})`;
};

const where = (ctx: CaseContext, path: (string | number)[]) => {
  const line = ctx.lineOf?.(['testCases', ctx.caseIndex, ...path]) ?? 0;
  return ctx.file ? `${ctx.file}${line ? `:${line}` : ''}` : undefined;
};

export const statusWord = (r: UnitTestResult) => ({ SUCCESS: 'PASS', FAILED: 'FAIL', ERROR: 'ERROR', SKIPPED: 'SKIP' } as const)[r.state];

/** The detail lines of a failed or erroring case (empty for a passing or skipped one). */
export function caseDetails(r: UnitTestResult, ctx: CaseContext): string[] {
  const out: string[] = [];
  const from = originsOf(r);
  r.assertionResults.forEach((a, k) => {
    if (a.isSuccess) return;
    const i = from?.results[k] ?? -1;
    const at = i < 0 ? where(ctx, ['expectedState']) : where(ctx, ['assertions', i, a.operator]);
    out.push(`  ✗ ${a.errorMessage ?? `${a.operator} failed`}`);
    if (at) out.push(`      at ${at}`);
    if (i >= 0) out.push(`      expression: ${typeof ctx.assertions[i]?.value === 'string' ? ctx.assertions[i]!.value : JSON.stringify(ctx.assertions[i]?.value)}`);
    else out.push('      expression: the execution state');
    out.push(`      operator:   ${a.operator}`);
    out.push(`      expected:   ${show(a.expected)}`);
    out.push(`      actual:     ${show(a.actual)}`);
  });
  if (out.length && r.executionId) out.push(`      execution:  ${r.executionId}`);
  r.errors.forEach((e, k) => {
    const i = from?.errors[k];
    const at = i === undefined ? (ctx.file ? where(ctx, []) : undefined) : where(ctx, ['assertions', i]);
    out.push(`  ! ${e.message}`);
    if (e.details) out.push(`      ${e.details}`);
    if (at) out.push(`      at ${at}`);
  });
  return out;
}

/** One line for JUnit's failure message, the detail lines as its body. */
export function failureSummary(r: UnitTestResult): string {
  const failed = r.assertionResults.filter((a) => !a.isSuccess).map((a) => a.errorMessage ?? `${a.operator} failed`);
  return [...r.errors.map((e) => e.message), ...failed].join('; ');
}
