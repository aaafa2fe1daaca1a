// The size cap of a task's outputs. Kestra refuses a worker result whose serialized message is
// over `kestra.jdbc.queues.message-protection.limit` (10 MiB when enabled): the task run FAILS,
// its outputs are dropped, and the ERROR log says "Unable to emit the worker task result to the
// queue: Message of size N has exceeded the configured limit of L" (Worker.java). kestra-lite
// applies the same rule to the outputs, always on, so one task cannot store (and serve on every
// GET of the execution) hundreds of megabytes.

export const DEFAULT_MAX_OUTPUTS_BYTES = 10 * 1024 * 1024;

/**
 * An upper estimate of the JSON size of `value` (UTF-16 units), stopping as soon as it passes
 * `limit`: outputs are usually tiny, so the common case costs a short walk, never a stringify.
 */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length && size <= limit) {
    const v = stack.pop();
    if (typeof v === 'string') size += v.length + 2;
    else if (v === null || v === undefined || typeof v !== 'object') size += String(v).length;
    else if (Array.isArray(v)) { size += 2 + v.length; for (const x of v) stack.push(x); }
    else if (v instanceof Uint8Array) size += v.byteLength;
    else {
      size += 2;
      for (const k in v) { size += k.length + 4; stack.push((v as Record<string, unknown>)[k]); }
    }
  }
  return size;
}

/** The Kestra error message when `outputs` are over `limit`, else undefined. */
export function outputsTooLarge(outputs: Record<string, unknown> | undefined, limit: number): string | undefined {
  if (!outputs) return undefined;
  const size = jsonSizeUpTo(outputs, limit);
  if (size <= limit) return undefined;
  const exact = (() => { try { return JSON.stringify(outputs).length; } catch { return size; } })();
  return `Unable to emit the worker task result to the queue: Message of size ${exact} has exceeded the configured limit of ${limit}`;
}
