// The resolution algorithm (engine-contract §2.3): value or default, dependsOn (recursively, with
// the condition rendered typed against the dependencies), SELECT/MULTISELECT `expression`,
// required check, coercion, validation. Every input gets a state; nothing throws.
import type { ExpressionEngine } from '../../expressions/index.ts';
import type { Input } from '../../flows/model.ts';
import { IllegalArgument, received, simpleClassName } from './java.ts';
import { nestDotted } from './nest.ts';
import { parseType, toJsonValue, type ParseOptions } from './parse.ts';
import { validateTyped } from './validate.ts';

export interface InputState {
  input: Input;
  /** typed (JSON-ready) once resolved without error; the raw or default value otherwise */
  value: unknown;
  enabled: boolean;
  isDefault: boolean;
  /** the violation message (the `_embedded.errors[].message` text) */
  error?: string;
}

export interface ResolveEnv {
  expressions: ExpressionEngine;
  variables?: Record<string, unknown>;
  parse: ParseOptions;
}

interface Slot { state: InputState; done: boolean; busy: boolean }

/** Kestra's `Input.toConstraintViolationException` text. */
export const invalidInput = (id: string, message: string, raw: unknown) =>
  `Invalid input for \`${id}\`, ${message}, but received \`${received(raw)}\``;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function renderContext(env: ResolveEnv, deps: InputState[]): Record<string, unknown> {
  return { ...env.variables, inputs: nestDotted(deps.map((d) => [d.input.id, d.value] as const)) };
}

/** Enabled unless a dependency is disabled or the condition is not exactly boolean true. */
function checkEnabled(slot: Slot, deps: InputState[], env: ResolveEnv): boolean {
  if (!deps.every((d) => d.enabled)) return false;
  const condition = slot.state.input.dependsOn?.condition;
  if (condition === undefined) return true;
  try {
    return env.expressions.renderTyped(condition, renderContext(env, deps)) === true;
  } catch (e) {
    slot.state.error = `Invalid condition: ${errorText(e)}`;
    return false;
  }
}

/** SELECT/MULTISELECT `expression`: the rendered list replaces `values` (Kestra builds a new input). */
function renderValues(input: Input, deps: InputState[], env: ResolveEnv): Input {
  let result: unknown;
  try {
    result = env.expressions.renderTyped(input.expression!, renderContext(env, deps));
  } catch (e) {
    throw new Error(`Cannot render 'expression'. Cause: ${errorText(e)}`);
  }
  if (!Array.isArray(result)) {
    throw new Error(`Invalid expression result. Expected a list of strings, but received ${simpleClassName(result)}`);
  }
  const values = result.filter((v) => v !== null && v !== undefined).map((v) => received(v));
  const { options: _dropped, ...rest } = input;
  return { ...rest, values };
}

/** Coerces and validates a present value; on failure the state keeps the raw value. */
function coerce(state: InputState, env: ResolveEnv): void {
  const { input, value: raw } = state;
  let typed: unknown;
  try {
    typed = parseType(input.type, raw, input.itemType, env.parse);
  } catch (e) {
    // non-IllegalArgument failures reach the message through Java's Throwable.toString()
    const message = e instanceof IllegalArgument ? e.message : `java.lang.Exception: ${errorText(e)}`;
    state.error = invalidInput(input.id, message, raw);
    return;
  }
  let violation: string | undefined;
  try {
    violation = validateTyped(input, typed, raw);
  } catch (e) {
    violation = errorText(e);
  }
  if (violation !== undefined) state.error = invalidInput(input.id, violation, raw);
  else state.value = toJsonValue(typed, 'millis');
}

function resolveSlot(slot: Slot, slots: Map<string, Slot>, env: ResolveEnv): void {
  // `busy` breaks dependency cycles (the flow validator rejects them; never loop here)
  if (slot.done || slot.busy) return;
  slot.busy = true;
  const state = slot.state;
  const deps: InputState[] = [];
  for (const id of state.input.dependsOn?.inputs ?? []) {
    const dep = id === state.input.id ? undefined : slots.get(id);
    if (!dep) continue; // unknown dependencies are ignored, as Kestra does
    resolveSlot(dep, slots, env);
    deps.push(dep.state);
  }
  slot.done = true;
  slot.busy = false;
  if (!checkEnabled(slot, deps, env)) {
    state.enabled = false;
    return;
  }
  if (state.input.expression !== undefined && (state.input.type === 'SELECT' || state.input.type === 'MULTISELECT')) {
    try {
      state.input = renderValues(state.input, deps, env);
    } catch (e) {
      state.error = errorText(e);
      return;
    }
  }
  if (state.value === null || state.value === undefined) {
    state.value = null;
    if (state.input.required !== false) state.error = invalidInput(state.input.id, 'missing required input', null);
    return;
  }
  coerce(state, env);
}

/** Resolves every declared input; the result is in declaration order. */
export function resolveAll(declared: Input[], provided: Map<string, unknown>, env: ResolveEnv): InputState[] {
  const slots = new Map<string, Slot>();
  for (const input of declared) {
    if (slots.has(input.id)) continue; // first declaration wins, like Kestra's toMap merge
    const given = provided.get(input.id);
    const missing = given === null || given === undefined;
    const isDefault = missing && input.defaults !== null && input.defaults !== undefined;
    const value = missing ? (isDefault ? input.defaults : null) : given;
    slots.set(input.id, { state: { input, value, enabled: true, isDefault }, done: false, busy: false });
  }
  for (const slot of slots.values()) resolveSlot(slot, slots, env);
  return [...slots.values()].map((s) => s.state);
}
