// Shared helpers of the inputs tests: a context over a memory blob store and error capture.
import { createExpressionEngine } from '../../../src/expressions/index.ts';
import type { Input } from '../../../src/flows/model.ts';
import { memoryBlobStore } from '../../../src/shared/storage/blobs.ts';
import { ApiError } from '../../../src/shared/errors.ts';
import { resolveInputs, type InputContext, type Provided } from '../../../src/executions/inputs/inputs.ts';

export function makeCtx(overrides: Partial<InputContext> = {}): InputContext {
  return {
    tenant: 'main',
    namespace: 'io.kestra.tests',
    flowId: 'inputs',
    executionId: 'exec1',
    blobs: memoryBlobStore(() => 0),
    expressions: createExpressionEngine(),
    encrypt: (plain) => `enc:${plain}`,
    ...overrides,
  };
}

export const input = (id: string, type: Input['type'], extra: Partial<Input> = {}): Input => ({ id, type, ...extra });

/** Resolves a single input and returns its (top-level) value. */
export async function resolveOne(decl: Input, value: unknown, ctx = makeCtx()): Promise<unknown> {
  const out = await resolveInputs([decl], value === undefined ? {} : { [decl.id]: value }, ctx);
  return out[decl.id];
}

/** The ApiError thrown by resolveInputs (fails the test if nothing is thrown). */
export async function failure(declared: Input[], provided: Provided, ctx = makeCtx()): Promise<ApiError> {
  try {
    await resolveInputs(declared, provided, ctx);
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected resolveInputs to fail');
}

/** The item message for a single input given one value. */
export async function messageOf(decl: Input, value: unknown, ctx = makeCtx()): Promise<string> {
  const e = await failure([decl], value === undefined ? {} : { [decl.id]: value }, ctx);
  return e.items?.[0]?.message ?? '';
}
