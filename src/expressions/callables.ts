// Shapes of filters, functions and tests so that each lives in its own small file.
import type { Runtime } from './runtime.ts';

export interface FilterDef {
  /** parameter names, for `name=value` arguments */
  args?: readonly string[];
  fn(input: unknown, args: unknown[], rt: Runtime): unknown;
}

export interface FunctionDef {
  args?: readonly string[];
  fn(args: unknown[], rt: Runtime): unknown;
}

export interface TestDef {
  args?: readonly string[];
  fn(input: unknown, args: unknown[], rt: Runtime): boolean;
}
