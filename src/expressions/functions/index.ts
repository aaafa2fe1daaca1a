// Function registry (immutable). Macros defined in a template are looked up after these.
import type { FunctionDef } from '../callables.ts';
import { CORE_FUNCTIONS } from './core.ts';
import { FILE_FUNCTIONS } from './files.ts';
import { KESTRA_FUNCTIONS } from './kestra.ts';

export const FUNCTIONS: Readonly<Record<string, FunctionDef>> = Object.freeze({
  ...CORE_FUNCTIONS,
  ...KESTRA_FUNCTIONS,
  ...FILE_FUNCTIONS,
});
