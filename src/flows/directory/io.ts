// Reading one flow file into a verdict, and writing one atomically. Both are synchronous so that a
// read-parse-save (or an API write-back) is one uninterrupted step: an API update can never land
// between reading a file and saving what was read, which would resurrect stale content.

import { readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../../shared/storage/atomic-write.ts';
import { basename, dirname, join } from 'node:path';
import type { Violation } from '../model.ts';
import type { FlowParse, ParsedFlow } from '../service.ts';

export type Inspection =
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'invalid'; violations: Violation[] }
  | { kind: 'valid'; flow: ParsedFlow };

const GONE = new Set(['ENOENT', 'ENOTDIR']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** stat → size guard → read → decode → parse. Never throws. */
export function inspectFile(abs: string, parse: (source: string) => FlowParse, maxBytes: number): Inspection {
  let size: number;
  try {
    const st = statSync(abs);
    // A directory named `x.yml` is not a file (its contents are walked separately); a FIFO or
    // device named like a flow would block or stream forever, so it is refused, never read.
    if (st.isDirectory()) return { kind: 'missing' };
    if (!st.isFile()) return { kind: 'error', message: 'not a regular file' };
    size = st.size;
  } catch (err) {
    return GONE.has((err as NodeJS.ErrnoException).code ?? '') ? { kind: 'missing' } : { kind: 'error', message: errorText(err) };
  }
  if (size > maxBytes) return { kind: 'error', message: `file too large (${size} bytes, limit ${maxBytes})` };
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (err) {
    return GONE.has((err as NodeJS.ErrnoException).code ?? '') ? { kind: 'missing' } : { kind: 'error', message: `cannot read file: ${errorText(err)}` };
  }
  if (bytes.length > maxBytes) return { kind: 'error', message: `file too large (${bytes.length} bytes, limit ${maxBytes})` };
  if (bytes.includes(0)) return { kind: 'error', message: 'binary content (NUL bytes), not a YAML flow' };
  let source: string;
  try {
    source = utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { kind: 'error', message: 'not valid UTF-8 text' };
  }
  let parsed: FlowParse;
  try {
    parsed = parse(source);
  } catch (err) {
    return { kind: 'error', message: `cannot parse: ${errorText(err)}` }; // a bug in the parser, not in the file
  }
  return parsed.ok ? { kind: 'valid', flow: parsed.flow } : { kind: 'invalid', violations: parsed.violations };
}

/**
 * Temp file in the same directory (same file system, so rename is atomic), named as a dotfile
 * ending in `.tmp` so the watcher filter never looks at it; fsynced, then renamed over the target.
 */
export function writeAtomic(abs: string, text: string, unique: string): void {
  writeFileAtomic(abs, join(dirname(abs), `.${basename(abs)}.${unique}.tmp`), text);
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
