// ForEachItem's first synthetic task (`<id>_split`): cuts the `items` file into batches (by
// rows, bytes or partitions) and stores the list of batch URIs for the `_items` task.

import { TaskError, type RunContext, type RunnableTask } from '../types.ts';

const text = (data: Uint8Array) => new TextDecoder().decode(data);

function splitContent(content: string, batch: Record<string, unknown>, ctx: RunContext): string[] {
  const separator = batch.separator === undefined ? '\n' : ctx.render(batch.separator);
  const items = content.split(separator);
  if (items.length && items[items.length - 1] === '') items.pop();
  if (batch.partitions !== undefined) {
    const n = Math.max(1, Number(ctx.render(batch.partitions)));
    const out: string[][] = Array.from({ length: Math.min(n, items.length) }, () => []);
    items.forEach((item, i) => out[i % out.length]!.push(item));
    return out.map((b) => b.map((l) => l + separator).join(''));
  }
  if (batch.bytes !== undefined) {
    const limit = parseSize(ctx.render(batch.bytes));
    const out: string[] = [];
    let current = '';
    for (const item of items) {
      if (current && Buffer.byteLength(current + item + separator) > limit) { out.push(current); current = ''; }
      current += item + separator;
    }
    if (current) out.push(current);
    return out;
  }
  const rows = Math.max(1, Number(batch.rows === undefined ? 1 : ctx.render(batch.rows)));
  const out: string[] = [];
  for (let i = 0; i < items.length; i += rows) out.push(items.slice(i, i + rows).map((l) => l + separator).join(''));
  return out;
}

function parseSize(text: string): number {
  const m = /^(\d+)\s*([KMG]?B)?$/i.exec(text.trim());
  if (!m) throw new TaskError(`Invalid batch size: ${text}`);
  const unit = (m[2] ?? 'B').toUpperCase();
  return Number(m[1]) * (unit === 'KB' ? 1024 : unit === 'MB' ? 1024 ** 2 : unit === 'GB' ? 1024 ** 3 : 1);
}

export const splitTask: RunnableTask = {
  run(ctx) {
    const uri = ctx.render(ctx.task.items);
    if (!uri.startsWith('kestra://')) throw new TaskError(`Unable to split the items from ${uri}, this is not an internal storage URI!`);
    const batches = splitContent(text(ctx.storage.readFile(uri)), (ctx.task.batch ?? {}) as Record<string, unknown>, ctx);
    const uris = batches.map((b, i) => ctx.storage.putFile(`${i + 1}.txt`, b));
    return { outputs: { splits: ctx.storage.putFile('splits.txt', uris.map((u) => `${u}\n`).join('')) } };
  },
};
