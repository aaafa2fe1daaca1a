// Type guards every layer needs for parsed documents (YAML flows, JSON bodies, rendered values).

/**
 * A map as YAML and JSON parsers produce it: an object that is neither null nor an array. The
 * prototype is not checked, on purpose: callers hold parsed documents, and a Date or a class
 * instance counts as a map for them, as it did for each of the guards this one replaced.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
