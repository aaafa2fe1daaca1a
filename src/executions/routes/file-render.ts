// FileRender, the body of GET /executions/{id}/file/preview (api-contract §2.9): how the UI
// previews an internal-storage file, chosen from its extension.

import { fromIon } from '../../expressions/ion.ts';
import { illegalArgument } from '../../shared/errors.ts';

export type FileRenderType = 'TEXT' | 'LIST' | 'IMAGE' | 'MARKDOWN' | 'PDF';

export interface FileRender {
  extension: string;
  type: FileRenderType;
  content: string | unknown[];
  maxLine: number;
  truncated: boolean;
}

export const PREVIEW_DEFAULT_ROWS = 100;
export const PREVIEW_MAX_ROWS = 5000;
/** text previews stop at 2 MiB of characters whatever the line count */
const MAX_TEXT_CHARS = 2 * 1024 * 1024;
/** enough bytes to always yield MAX_TEXT_CHARS characters (≤ 4 bytes per char), without decoding huge files whole */
const MAX_TEXT_BYTES = MAX_TEXT_CHARS * 4;

const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'svg', 'gif', 'bmp', 'webp']);

/** Apache FilenameUtils#getExtension: after the last dot of the last path segment, '' if none. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}

/** `maxRows` as Kestra applies it: default 100, never more than 5000. */
export function previewRows(maxRows: number | undefined): number {
  return Math.min(maxRows ?? PREVIEW_DEFAULT_ROWS, PREVIEW_MAX_ROWS);
}

/** A decoder for a charset name; unknown names are the client's mistake (422). */
export function decoderFor(encoding: string): TextDecoder {
  try {
    return new TextDecoder(encoding.trim() as ConstructorParameters<typeof TextDecoder>[0]);
  } catch {
    throw illegalArgument(`Unable to preview using encoding '${encoding}'`);
  }
}

/** Lines as java.io.BufferedReader#readLine sees them: \n, \r or \r\n end a line; no phantom last line. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (/[\r\n]$/.test(text)) lines.pop();
  return lines;
}

function firstLines(bytes: Uint8Array, decoder: TextDecoder, maxLine: number): { lines: string[]; truncated: boolean } {
  const window = bytes.byteLength > MAX_TEXT_BYTES ? bytes.subarray(0, MAX_TEXT_BYTES) : bytes;
  const all = splitLines(decoder.decode(window));
  const lines = all.slice(0, Math.max(0, maxLine));
  return { lines, truncated: all.length > lines.length || window !== bytes };
}

function textContent(bytes: Uint8Array, decoder: TextDecoder, maxLine: number): { content: string; truncated: boolean } {
  const { lines, truncated } = firstLines(bytes, decoder, maxLine);
  const text = lines.join('\n');
  if (text.length > MAX_TEXT_CHARS) return { content: text.slice(0, MAX_TEXT_CHARS), truncated: true };
  return { content: text, truncated };
}

/** One Ion value per line (Kestra's row files); a line outside the supported Ion subset is kept as text. */
function ionRows(bytes: Uint8Array, decoder: TextDecoder, maxLine: number): { content: unknown[]; truncated: boolean } {
  const all = splitLines(decoder.decode(bytes)).filter((l) => l.trim() !== '');
  const rows = all.slice(0, Math.max(0, maxLine)).map((line) => {
    try { return fromIon(line); } catch { return line; }
  });
  return { content: rows, truncated: all.length > rows.length };
}

export function renderFile(path: string, bytes: Uint8Array, decoder: TextDecoder, maxLine: number): FileRender {
  const extension = extensionOf(path);
  const kind = extension.toLowerCase();
  if (IMAGE_EXTENSIONS.has(kind) || kind === 'pdf') {
    const type = kind === 'pdf' ? 'PDF' : 'IMAGE';
    return { extension, type, content: Buffer.from(bytes).toString('base64'), maxLine, truncated: false };
  }
  if (kind === 'ion') {
    const { content, truncated } = ionRows(bytes, decoder, maxLine);
    return { extension, type: 'LIST', content, maxLine, truncated };
  }
  const type = kind === 'md' ? 'MARKDOWN' : 'TEXT';
  const { content, truncated } = textContent(bytes, decoder, maxLine);
  return { extension, type, content, maxLine, truncated };
}
