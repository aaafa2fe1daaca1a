// Kestra's TruthUtils.isTruthy, applied to *rendered strings* (If.condition, runIf, Fail,
// WaitFor). Deliberately string-based: "False", "no" and "null" are true.
const FALSY = new Set(['false', '0', '-0', '']);

export function isKestraTruthy(rendered: string): boolean {
  return !FALSY.has(rendered);
}

/** ExpressionCondition / ExecutionOutputs rule: false iff blank or trimmed equal to "false". */
export function isConditionTruthy(rendered: string): boolean {
  const t = rendered.trim();
  return t !== '' && t !== 'false';
}
