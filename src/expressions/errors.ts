// Error types. Internally we throw small structured errors; the engine turns them into the
// Kestra-shaped ExpressionError once it knows the whole template text.

/** Public error: `message` is the Kestra-like message. */
export class ExpressionError extends Error {
  constructor(message: string, readonly template?: string, readonly line?: number) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/**
 * A missing root variable or attribute (strict variables). Kept distinct because `??`, `???`,
 * `is defined`, `default` and untaken branches must be able to swallow exactly this error.
 */
export class UndefinedError extends Error {
  constructor(readonly attribute: string, readonly line: number) {
    super(`Unable to find \`${attribute}\``);
  }
}

/** Any other evaluation or parse problem; `javaClass` mimics the Pebble exception class. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly javaClass = 'io.pebbletemplates.pebble.error.PebbleException',
  ) {
    super(message);
  }
}

export class ParseError extends TemplateError {
  constructor(message: string, line: number) {
    super(message, line, 'io.pebbletemplates.pebble.error.ParserException');
  }
}

/** Thrown by filters/functions for user errors; the evaluator adds the line number. */
export class EvalError extends Error {}

/** Builds the final public error for a failed render of `template`. */
export function toExpressionError(e: unknown, template: string, fallbackLine = 1): ExpressionError {
  if (e instanceof ExpressionError) return e;
  if (e instanceof UndefinedError) {
    return new ExpressionError(
      `Unable to find \`${e.attribute}\` used in the expression \`${template}\` at line ${e.line}`,
      template,
      e.line,
    );
  }
  if (e instanceof TemplateError) {
    return new ExpressionError(`${e.javaClass}: ${e.message} (${template}:${e.line})`, template, e.line);
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new ExpressionError(
    `io.pebbletemplates.pebble.error.PebbleException: ${msg} (${template}:${fallbackLine})`,
    template,
    fallbackLine,
  );
}
