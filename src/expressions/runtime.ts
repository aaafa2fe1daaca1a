// Per-render state: variable scopes, hooks, and access to the engine for render()/block().
import type { Args, Template } from './syntax/ast.ts';
import { UndefinedError } from './errors.ts';
import type { RenderBudget } from './limits.ts';

export interface ExpressionHooks {
  now?: () => Date;
  secret?: (name: string) => string | undefined;
  kv?: (namespace: string | undefined, key: string, opts?: { errorOnMissing?: boolean }) => unknown;
  /** a `kestra://` URI, or a path of a namespace file of `namespace` (the flow's) */
  read?: (uriOrPath: string, namespace?: string) => string;
  fileURI?: (path: string) => string;
  /** size of an internal-storage file (`kestra:///` URI) or of a namespace file of `namespace`; undefined when absent */
  stat?: (uriOrPath: string, namespace?: string) => { size: number } | undefined;
  encrypt?: (s: string) => string;
  decrypt?: (s: string) => string;
  timezone?: string;
}

/** What filters and functions may use from the engine. */
export interface EngineServices {
  hooks: ExpressionHooks;
  /** renders a template string against a context (used by render()/renderOnce()) */
  renderString(template: string, context: Record<string, unknown>): string;
  /** compiled jq programs are cached per engine */
  compileJq(program: string): (input: unknown) => unknown[];
}

export class Runtime {
  /** local scopes (for loops, set, macros), innermost last; empty in the common case */
  scopes: Map<string, unknown>[] = [];
  constructor(
    readonly tpl: Template,
    readonly root: Record<string, unknown>,
    readonly engine: EngineServices,
    /** shared by nested renders (render(), renderOnce()) of one top-level render */
    readonly budget: RenderBudget,
  ) {}

  get hooks(): ExpressionHooks {
    return this.engine.hooks;
  }

  lookup(name: string, line: number): unknown {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i]!;
      if (s.has(name)) return s.get(name);
    }
    const v = Object.prototype.hasOwnProperty.call(this.root, name) ? this.root[name] : undefined;
    if (v === undefined) throw new UndefinedError(name, line);
    return v;
  }

  /** `set`: update the scope that already holds the name, else the innermost one. */
  assign(name: string, value: unknown): void {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      if (this.scopes[i]!.has(name)) {
        this.scopes[i]!.set(name, value);
        return;
      }
    }
    if (this.scopes.length === 0) this.scopes.push(new Map());
    this.scopes[this.scopes.length - 1]!.set(name, value);
  }

  /** All visible variables, innermost winning (printContext / render()). */
  allVariables(): Record<string, unknown> {
    if (this.scopes.length === 0) return this.root;
    const out: Record<string, unknown> = { ...this.root };
    for (const s of this.scopes) for (const [k, v] of s) out[k] = v;
    return out;
  }
}

/** Maps positional and named arguments onto a declared parameter list. */
export function bindArgs(
  names: readonly string[] | undefined,
  args: Args,
  evalArg: (i: number) => unknown,
  evalNamed: (i: number) => unknown,
  what: string,
): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < args.pos.length; i++) out.push(evalArg(i));
  if (args.named) {
    args.named.forEach(([n], i) => {
      const idx = names ? names.indexOf(n) : -1;
      if (idx < 0) throw new Error(`The argument '${n}' is not supported by ${what}`);
      out[idx] = evalNamed(i);
    });
  }
  return out;
}
