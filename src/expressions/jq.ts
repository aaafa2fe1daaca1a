// jq filter backend: @michaelhomer/jqjs (pure JS, broad jq 1.6 coverage), with fixes for the
// upstream bugs that matter for Kestra flows, applied once when this module loads:
//  - `keys` yielded each key separately instead of one sorted array (`.m | keys | first`);
//  - `a // b` let null/false outputs of `a` through and did not swallow errors of `a`;
//  - `keys_unsorted` was missing.
// jqjs stores `def`s in its global function table, so the definitions below replace the
// builtins for every program; that is exactly the fix we want.
import type jqModule from '@michaelhomer/jqjs';
import { EvalError } from './errors.ts';
import { toPlain } from './values.ts';

type JqFilter = (input: unknown) => Iterable<unknown>;

const PRELUDE = [
  'def keys: if type == "array" then [range(0; length)] else [to_entries[] | .key] | sort end;',
  'def keys_unsorted: if type == "array" then [range(0; length)] else [to_entries[] | .key] end;',
  '.',
].join(' ');

type Jq = typeof jqModule;

function patchAlternative(compileNode: (program: string) => unknown): void {
  const proto = Object.getPrototypeOf(compileNode('1 // 2')) as {
    apply: (input: unknown, conf: unknown) => Iterable<unknown>;
  };
  proto.apply = function* (this: { lhs: typeof proto; rhs: typeof proto }, input: unknown, conf: unknown) {
    const truthy: unknown[] = [];
    try {
      for (const v of this.lhs.apply(input, conf)) if (v !== null && v !== false) truthy.push(v);
    } catch {
      // errors on the left-hand side count as "no value", as in jq
    }
    if (truthy.length) yield* truthy;
    else yield* this.rhs.apply(input, conf);
  };
}

let loaded: Jq | undefined;
/** jqjs is loaded and patched on the first jq program, not at start-up (few flows use jq). */
function jqLib(): Jq {
  if (loaded) return loaded;
  const mod = require('@michaelhomer/jqjs') as { default: Jq; compileNode: (program: string) => unknown };
  const lib = mod.default;
  Array.from((lib.compile(PRELUDE) as JqFilter)(null));
  patchAlternative(mod.compileNode);
  loaded = lib;
  return lib;
}

/** Compiles a jq program; the returned function always yields a list (Kestra's contract). */
export function compileJq(program: string): (input: unknown) => unknown[] {
  let filter: JqFilter;
  try {
    filter = jqLib().compile(program) as JqFilter;
  } catch (e) {
    throw new EvalError(`Invalid JQ expression '${program}': ${errorText(e)}`);
  }
  return (input) => {
    const value = typeof input === 'string' ? parseOrKeep(input) : toPlain(input);
    try {
      return Array.from(filter(value)).map((v) => (v === undefined ? null : v));
    } catch (e) {
      throw new EvalError(`Failed to resolve JQ expression '${program}': ${errorText(e)}`);
    }
  };
}

/** Kestra parses string inputs as JSON; a plain string that is not JSON stays a string. */
function parseOrKeep(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
