// Flow outputs (engine-contract §3.12): rendered with the execution context when the execution
// ends, then typed like inputs. Any failure fails the execution (the caller logs it).

export interface FlowOutputDef { id: string; type: string; value: unknown }

export function renderFlowOutputs(
  defs: FlowOutputDef[],
  renderDeep: (v: unknown) => unknown,
  coerce: (type: string, value: unknown, id: string) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) out[def.id] = coerce(def.type, renderDeep(def.value), def.id);
  return out;
}
