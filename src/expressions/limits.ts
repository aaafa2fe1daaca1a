// Bounded work per render. Rendering is synchronous and runs on the server's only thread, so one
// careless template (a 9,000 × 9,000 loop, a string doubled in a loop) would stall every other
// request and store megabytes. Each top-level render gets a budget: loop iterations, output size
// and time; exceeding one fails the render with a message naming the limit and its flag.
// Pebble itself has `maxRenderedSize`; Kestra sets none, so these are kestra-lite's own limits,
// generous for real flows (a for-loop over 100,000 rows, a 10 MiB rendered document).
import { TemplateError } from './errors.ts';

export interface RenderLimits {
  /** largest rendered string (characters) and largest list built while rendering (elements) */
  maxSize: number;
  /** loop iterations (for-loop bodies and macro calls) per render, nested renders included */
  maxIterations: number;
  /** wall time of one render, checked between iterations and appends */
  timeoutMs: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = { maxSize: 10 * 1024 * 1024, maxIterations: 100_000, timeoutMs: 1000 };

/** A limit was hit: a TemplateError so that `guard`, `default` and `??` let it through unchanged. */
export class RenderLimitError extends TemplateError {}

/** How often (in iterations) the clock is read: reading it every time would cost more than the loop. */
const CLOCK_EVERY = 256;

export class RenderBudget {
  private iterations = 0;
  private readonly deadline: number;
  constructor(readonly limits: RenderLimits, private readonly now: () => number) {
    this.deadline = now() + limits.timeoutMs;
  }

  /** one loop iteration or macro call */
  tick(line: number): void {
    if (++this.iterations > this.limits.maxIterations) {
      throw new RenderLimitError(
        `Render limit exceeded: more than ${this.limits.maxIterations} loop iterations in one render (raise it with --render-max-iterations)`,
        line,
      );
    }
    if ((this.iterations & (CLOCK_EVERY - 1)) === 0) this.checkTime(line);
  }

  checkTime(line: number): void {
    if (this.now() > this.deadline) {
      throw new RenderLimitError(
        `Render limit exceeded: rendering took longer than ${this.limits.timeoutMs} ms (raise it with --render-timeout)`,
        line,
      );
    }
  }

  /** a string or list produced while rendering; returns it unchanged when within the size limit */
  size<T>(v: T, line: number): T {
    const n = typeof v === 'string' || Array.isArray(v) ? v.length : 0;
    if (n > this.limits.maxSize) {
      throw new RenderLimitError(
        `Render limit exceeded: ${typeof v === 'string' ? 'the rendered output' : 'a list'} is larger than ${this.limits.maxSize} ${typeof v === 'string' ? 'characters' : 'elements'} (raise it with --render-max-size)`,
        line,
      );
    }
    return v;
  }
}

/** Positive integers only; anything else keeps the default (config validation reports it earlier). */
export function resolveRenderLimits(input: Partial<RenderLimits> = {}): RenderLimits {
  const pick = (v: number | undefined, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  return {
    maxSize: pick(input.maxSize, DEFAULT_RENDER_LIMITS.maxSize),
    maxIterations: pick(input.maxIterations, DEFAULT_RENDER_LIMITS.maxIterations),
    timeoutMs: pick(input.timeoutMs, DEFAULT_RENDER_LIMITS.timeoutMs),
  };
}
