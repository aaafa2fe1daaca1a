// Line-oriented file helpers shared by the storage.* tasks. Lines are cut like Java's
// BufferedReader.readLine (\n, \r\n or \r; a final newline does not make an empty last line).
// Items files are ION in Kestra: we write JSON lines (a JSON value per line is valid Ion text)
// and read either, one item per line.

import { fromIon } from '../../expressions/ion.ts';
import { pathOfUri } from '../../shared/storage/paths.ts';
import { TaskError } from '../types.ts';
import { isPlainObject } from '../../shared/guards.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export const decodeUtf8 = (bytes: Uint8Array) => decoder.decode(bytes);
export const encodeUtf8 = (text: string) => encoder.encode(text);

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (/[\r\n]$/.test(text)) lines.pop();
  return lines;
}

export const readLines = (bytes: Uint8Array) => splitLines(decodeUtf8(bytes));

/** Each line followed by `separator` (Kestra appends it after every line, the last one too). */
export const joinLines = (lines: readonly string[], separator = '\n') => lines.map((l) => l + separator).join('');

/** The extension of a URI's file name with its dot (".csv"); `fallback` when it has none. */
export function extensionOf(uri: string, fallback = '.tmp'): string {
  const name = (pathOfUri(uri) ?? uri).split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot) : fallback;
}

/** One item of an ION / JSON-lines file as a map (the variables of per-item expressions). */
export function parseItem(line: string, lineNumber: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    try {
      value = fromIon(line);
    } catch (e) {
      throw new TaskError(`Unable to read item at line ${lineNumber}: ${(e as Error).message}`, e);
    }
  }
  if (!isPlainObject(value)) throw new TaskError(`Unable to read item at line ${lineNumber}: an object is expected, got ${line}`);
  return value;
}

/** A relative file name for putFile: no leading slash, no `..` segment. */
export function relativeFileName(name: string): string {
  const parts = name.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.');
  if (parts.length === 0 || parts.includes('..')) throw new TaskError(`Invalid file name '${name}'`);
  return parts.join('/');
}
