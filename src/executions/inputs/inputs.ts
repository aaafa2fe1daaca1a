// Execution inputs and typed flow outputs (engine-contract §2, §3.8 onResume, §3.12;
// api-contract §1.11). Pure apart from FILE uploads written to the blob store.
import type { ExpressionEngine } from '../../expressions/index.ts';
import { toJson } from '../../expressions/print.ts';
import type { Input } from '../../flows/model.ts';
import type { BlobStore } from '../../shared/storage/blobs.ts';
import { invalidEntity } from '../../shared/errors.ts';
import { formToProvided, storeUploads } from './files.ts';
import { received } from './java.ts';
import { copyTree, hasPath, nestDotted, setPath } from './nest.ts';
import { parseType, toJsonValue } from './parse.ts';
import { resolveAll, type InputState, type ResolveEnv } from './resolve.ts';

/** strings from multipart/query, File uploads, or already-typed values (Schedule/Flow-trigger/Subflow inputs, JSON) */
export type ProvidedValue = string | File | unknown;
export type Provided = Map<string, ProvidedValue> | Record<string, ProvidedValue>;

export interface InputContext {
  tenant: string;
  namespace: string;
  flowId: string;
  executionId: string;
  blobs: BlobStore;
  /** for dependsOn.condition and SELECT/MULTISELECT expression */
  expressions: ExpressionEngine;
  /** extra render context (flow, execution, envs ...); `inputs` is always the dependencies */
  variables?: Record<string, unknown>;
  /** SECRET inputs; absent = encryption is not configured */
  encrypt?: (plain: string) => string;
}

export interface ValidatedInput {
  input: Input;
  value: unknown;
  enabled: boolean;
  isDefault: boolean;
  errors: { message: string }[];
}

/** Kestra's EncryptedString type marker, carried by SECRET flow outputs. */
export const ENCRYPTED_STRING_TYPE = 'io.kestra.datatype:aes_encrypted';

const toMap = (provided: Provided): Map<string, unknown> =>
  provided instanceof Map ? new Map(provided) : new Map(Object.entries(provided ?? {}));

const envOf = (ctx: InputContext): ResolveEnv => ({
  expressions: ctx.expressions,
  variables: ctx.variables,
  parse: { encrypt: ctx.encrypt },
});

/**
 * Resolves declared inputs (declaration order, dependencies first). Throws ApiError 422 on the
 * first failing enabled input: `<id>: Invalid input for `<id>`, <reason>, but received `<raw>``.
 * Disabled inputs are omitted; dotted ids are nested. A 0-byte upload throws ApiError INTERNAL.
 */
export async function resolveInputs(
  declared: Input[] | undefined,
  provided: Provided,
  ctx: InputContext,
): Promise<Record<string, unknown>> {
  const inputs = declared ?? [];
  const values = await storeUploads(inputs, toMap(provided), ctx, true);
  // Kestra keeps only enabled inputs *before* looking for errors: a broken condition is silent
  const enabled = resolveAll(inputs, values, envOf(ctx)).filter((s) => s.enabled);
  const failed = enabled.find((s) => s.error !== undefined);
  if (failed) throw invalidEntity([{ message: failed.error!, path: failed.input.id }]);
  return nestDotted(enabled.map((s) => [s.input.id, s.value] as const));
}

const toValidated = (s: InputState): ValidatedInput => ({
  input: s.input,
  value: s.value,
  enabled: s.enabled,
  isDefault: s.isDefault,
  errors: s.error === undefined ? [] : [{ message: s.error }],
});

/**
 * The validate endpoint: every declared input with its value, enabled flag and errors. Uploads
 * get their URI but are not stored (Kestra deletes them right after validating).
 */
export async function validateInputs(
  declared: Input[] | undefined,
  provided: Provided,
  ctx: InputContext,
): Promise<ValidatedInput[]> {
  const inputs = declared ?? [];
  const values = await storeUploads(inputs, toMap(provided), ctx, false);
  return resolveAll(inputs, values, envOf(ctx)).map(toValidated);
}

/** Multipart body -> provided map: parts by part name; a legacy `files` part by its filename. */
export async function providedFromForm(form: FormData): Promise<Map<string, ProvidedValue>> {
  return formToProvided(form);
}

const TEXT_TYPES = new Set(['STRING', 'ENUM', 'SELECT', 'EMAIL']);

/**
 * Types a rendered flow output value (engine-contract §3.12). STRING keeps strings, maps and
 * lists become their JSON text; ARRAY accepts lists; null stays null. SECRET values need
 * `options.encrypt` and come back as Kestra's EncryptedString `{type, value}`.
 * Throws Error `<id>: Invalid output for `<id>`, <reason>, but received `<value>``.
 */
export function coerceOutput(
  type: string,
  value: unknown,
  id: string,
  options: { encrypt?: (plain: string) => string } = {},
): unknown {
  if (value === null || value === undefined) return null;
  const current = TEXT_TYPES.has(type) && typeof value === 'object' ? toJson(value) : value;
  let typed: unknown;
  try {
    typed = parseType(type, current, undefined, { encrypt: options.encrypt });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`${id}: Invalid output for \`${id}\`, ${reason}, but received \`${received(value)}\``);
  }
  if (type === 'SECRET') return { type: ENCRYPTED_STRING_TYPE, value: typed };
  return toJsonValue(typed, 'iso');
}

/**
 * The `inputs` expression variable: execution inputs plus the raw `defaults` of declared inputs
 * that are absent (webhook and trigger executions carry no inputs but still see defaults).
 */
export function inputsWithDefaults(
  declared: Input[] | undefined,
  executionInputs: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const withDefaults = (declared ?? []).filter((i) => i.defaults !== null && i.defaults !== undefined);
  if (withDefaults.length === 0) return executionInputs;
  const result = executionInputs ? copyTree(executionInputs) : {};
  let added = false;
  for (const input of withDefaults) {
    if (hasPath(result, input.id)) continue;
    setPath(result, input.id, input.defaults);
    added = true;
  }
  return added ? result : executionInputs;
}
