// Kestra's Pebble expression dialect, as a pure module.
//
// Variables come from the caller's context map: flow, execution, task, taskrun, inputs,
// outputs, vars, labels, parent/parents, trigger, envs, globals... are just keys of it.
// Context keys some functions read (see functions/kestra.ts):
//   flow.namespace   default namespace of kv() and fileURI()
//   taskrun.value    current iteration value (currentEachOutput)
//   parents          ancestors, closest first: [{taskrun: {value}}, ...] (currentEachOutput)
//   __errorLogs      ERROR log entries of the execution, returned by errorLogs()
// Runtime services (clock, secrets, KV store, files, encryption, server zone) are hooks.
import type { Template } from './syntax/ast.ts';
import { ExpressionError, toExpressionError } from './errors.ts';
import { evaluate as evalExpr } from './evaluate.ts';
import { FILTERS } from './filters/index.ts';
import { compileJq } from './jq.ts';
import { RenderBudget, resolveRenderLimits, type RenderLimits } from './limits.ts';
import { Lru } from './lru.ts';
import { parseTemplate } from './syntax/parse-template.ts';
import type { Registry } from './syntax/parser.ts';
import { renderNodes } from './render-nodes.ts';
import { Runtime, type EngineServices, type ExpressionHooks } from './runtime.ts';
import { TESTS } from './tests.ts';
import { isMap, toPlain } from './values.ts';

export { ExpressionError } from './errors.ts';
export type { ExpressionHooks } from './runtime.ts';
export { DEFAULT_RENDER_LIMITS, type RenderLimits } from './limits.ts';
export { isKestraTruthy, isConditionTruthy } from './truthy.ts';
export { printValue, toJavaString } from './print.ts';

export interface ExpressionEngine {
  render(template: string, context: Record<string, unknown>): string;
  renderTyped(template: string, context: Record<string, unknown>): unknown;
  renderDeep<T>(value: T, context: Record<string, unknown>): T;
  evaluate(expression: string, context: Record<string, unknown>): unknown;
}

const TEMPLATE_CACHE_SIZE = 1000; // Kestra's default kestra.variables.cache-size
const JQ_CACHE_SIZE = 200;
const hasOwn = Object.prototype.hasOwnProperty;

const REGISTRY: Registry = {
  hasFilter: (n) => hasOwn.call(FILTERS, n),
  hasTest: (n) => hasOwn.call(TESTS, n),
};

export interface EngineOptions {
  /** per-render budget (limits.ts); defaults are generous for real flows */
  limits?: Partial<RenderLimits>;
  /** the budget's time source in milliseconds (tests step it); wall time by default */
  cpuNow?: () => number;
}

export function createExpressionEngine(hooks: ExpressionHooks = {}, options: EngineOptions = {}): ExpressionEngine {
  const limits = resolveRenderLimits(options.limits);
  const cpuNow = options.cpuNow ?? (() => performance.now());
  // the budget of the render in progress: nested renders (render(), renderOnce()) share it
  let active: RenderBudget | undefined;
  const withBudget = <T>(fn: (budget: RenderBudget) => T): T => {
    if (active) return fn(active);
    active = new RenderBudget(limits, cpuNow);
    try {
      return fn(active);
    } finally {
      active = undefined;
    }
  };
  const templates = new Lru<string, Template>(TEMPLATE_CACHE_SIZE);
  const jqPrograms = new Lru<string, (input: unknown) => unknown[]>(JQ_CACHE_SIZE);

  const compile = (source: string): Template => {
    let tpl = templates.get(source);
    if (!tpl) {
      try {
        tpl = parseTemplate(source, REGISTRY);
      } catch (e) {
        throw toExpressionError(e, source);
      }
      templates.set(source, tpl);
    }
    return tpl;
  };

  const services: EngineServices = {
    hooks,
    renderString: (s, ctx) => render(s, ctx),
    compileJq(program) {
      let fn = jqPrograms.get(program);
      if (!fn) {
        fn = compileJq(program);
        jqPrograms.set(program, fn);
      }
      return fn;
    },
  };

  function render(template: string, context: Record<string, unknown>): string {
    // a string without `{` cannot contain an expression: no parsing at all (as Kestra)
    if (template.indexOf('{') === -1) return template;
    const tpl = compile(template);
    try {
      return withBudget((budget) => renderNodes(tpl.nodes, new Runtime(tpl, context, services, budget)));
    } catch (e) {
      throw toExpressionError(e, template);
    }
  }

  function renderTyped(template: string, context: Record<string, unknown>): unknown {
    if (template.indexOf('{') === -1) return template;
    const tpl = compile(template);
    if (!tpl.single) return render(template, context);
    try {
      return withBudget((budget) => toPlain(evalExpr(tpl.single!, new Runtime(tpl, context, services, budget))));
    } catch (e) {
      throw toExpressionError(e, template);
    }
  }

  function renderDeep(value: unknown, context: Record<string, unknown>): unknown {
    if (typeof value === 'string') return render(value, context);
    if (Array.isArray(value)) return value.map((v) => renderDeep(v, context));
    if (isMap(value)) {
      const out: Record<string, unknown> = {};
      for (const k in value) {
        const key = render(k, context);
        // like Kestra's putIfAbsent: the first key rendering to a name wins
        if (!hasOwn.call(out, key)) out[key] = renderDeep(value[k], context);
      }
      return out;
    }
    return value;
  }

  function evaluate(expression: string, context: Record<string, unknown>): unknown {
    // tolerate callers that pass a condition still wrapped in {{ }}
    const t = expression.trim();
    if (t.startsWith('{{') && t.endsWith('}}')) return renderTyped(t, context);
    return renderTyped(`{{ ${expression} }}`, context);
  }

  return {
    render,
    renderTyped,
    renderDeep: <T>(value: T, context: Record<string, unknown>) => renderDeep(value, context) as T,
    evaluate,
  };
}

/** Kept for callers that want to check the class without importing errors.ts. */
export const isExpressionError = (e: unknown): e is ExpressionError => e instanceof ExpressionError;
