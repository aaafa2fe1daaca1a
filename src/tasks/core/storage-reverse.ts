// io.kestra.plugin.core.storage.Reverse: the lines of `from`, last first, each followed by
// `separator` ("\n"), read and written in `charset` (UTF-8; also ISO-8859-1 and US-ASCII).
// The result keeps the source's extension. `{uri}`.

import { TaskError, type RunnableTask } from '../types.ts';
import { extensionOf, joinLines, splitLines } from './file-lines.ts';
import { renderRequired, renderString } from './render-props.ts';

interface Charset { decode(bytes: Uint8Array): string; encode(text: string): Uint8Array }

// one byte per char; characters outside the range become '?' like Java's encoders
const singleByte = (max: number): Charset => ({
  decode: (bytes) => Array.from(bytes, (b) => String.fromCharCode(b > max ? 0xfffd : b)).join(''),
  encode: (text) => Uint8Array.from(text, (c) => (c.charCodeAt(0) > max ? 0x3f : c.charCodeAt(0))),
});

function charsetOf(name: string): Charset {
  const n = name.trim().toUpperCase().replace(/_/g, '-');
  if (n === 'UTF-8' || n === 'UTF8') return { decode: (b) => new TextDecoder().decode(b), encode: (t) => new TextEncoder().encode(t) };
  if (n === 'ISO-8859-1' || n === 'LATIN1' || n === 'ISO8859-1') return singleByte(0xff);
  if (n === 'US-ASCII' || n === 'ASCII') return singleByte(0x7f);
  throw new TaskError(`Unsupported charset: ${name}`);
}

export const storageReverseTask: RunnableTask = {
  run(ctx) {
    const from = renderRequired(ctx, ctx.task.from, 'from').trim();
    const separator = renderString(ctx, ctx.task.separator) ?? '\n';
    const charset = charsetOf(renderString(ctx, ctx.task.charset) ?? 'UTF-8');
    const lines = splitLines(charset.decode(ctx.storage.readFile(from))).reverse();
    return { outputs: { uri: ctx.storage.putFile(`reverse${extensionOf(from)}`, charset.encode(joinLines(lines, separator))) } };
  },
};
