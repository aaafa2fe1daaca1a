// io.kestra.plugin.core.storage.Split: cuts the lines of `from` into stored files by `bytes`
// ("10MB"-style sizes), `partitions` (round-robin over N files, empty ones dropped) or `rows`;
// each line is written followed by `separator` ("\n"). Files keep the source's extension.
// `{uris: [...]}`. splitRows is exported for other splitters (ForEachItem batches).

import { TaskError, type RunnableTask } from '../types.ts';
import { encodeUtf8, extensionOf, readLines } from './file-lines.ts';
import { renderInt } from './render-extra.ts';
import { renderRequired, renderString } from './render-props.ts';

export type SplitRule = { bytes: number } | { partitions: number } | { rows: number };

const UNITS: Record<string, number> = { '': 1, B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/** Micronaut readable bytes: "1024", "10KB", "5MB", "1GB" (case-insensitive). */
export function parseReadableBytes(text: string): number | undefined {
  const m = /^(\d+)\s*(B|KB|MB|GB)?$/i.exec(text.trim());
  return m ? Number(m[1]) * UNITS[(m[2] ?? '').toUpperCase()]! : undefined;
}

/** Groups lines into chunks (each chunk's text: every line + separator). */
export function splitRows(lines: readonly string[], rule: SplitRule, separator: string): string[] {
  if ('partitions' in rule) {
    const buckets: string[] = Array.from({ length: rule.partitions }, () => '');
    lines.forEach((line, i) => (buckets[i % rule.partitions] += line + separator));
    return buckets.filter((b) => b.length > 0);
  }
  const chunks: string[] = [];
  let current: string | undefined;
  let bytes = 0;
  let rows = 0;
  for (const line of lines) {
    // like Kestra, a new chunk starts when the previous one reached the limit (not before)
    const full = 'bytes' in rule ? bytes >= rule.bytes : rows >= rule.rows;
    if (current === undefined || full) {
      if (current !== undefined) chunks.push(current);
      current = '';
      bytes = 0;
      rows = 0;
    }
    const text = line + separator;
    current += text;
    bytes += encodeUtf8(text).byteLength;
    rows++;
  }
  if (current !== undefined) chunks.push(current);
  return chunks;
}

export const storageSplitTask: RunnableTask = {
  run(ctx) {
    const from = renderRequired(ctx, ctx.task.from, 'from').trim();
    const separator = renderString(ctx, ctx.task.separator) ?? '\n';
    let rule: SplitRule;
    const bytesText = renderString(ctx, ctx.task.bytes);
    const partitions = renderInt(ctx, ctx.task.partitions, 'partitions');
    const rows = renderInt(ctx, ctx.task.rows, 'rows');
    if (bytesText !== undefined) {
      const bytes = parseReadableBytes(bytesText);
      if (bytes === undefined) throw new TaskError(`Invalid size with value '${bytesText}'`);
      rule = { bytes };
    } else if (partitions !== undefined) rule = { partitions };
    else if (rows !== undefined) rule = { rows };
    else throw new TaskError('Invalid configuration with no size, count, nor rows');
    if (('partitions' in rule && rule.partitions < 1) || ('rows' in rule && rule.rows < 1) || ('bytes' in rule && rule.bytes < 1)) {
      throw new TaskError('Invalid configuration: bytes, partitions and rows must be greater than 0');
    }
    const extension = extensionOf(from);
    const chunks = splitRows(readLines(ctx.storage.readFile(from)), rule, separator);
    return { outputs: { uris: chunks.map((chunk, i) => ctx.storage.putFile(`${i}${extension}`, chunk)) } };
  },
};
