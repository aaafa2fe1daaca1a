// The optional plain-text secrets file (`--secrets-file FILE`, decisions.md "Secrets"):
//
//   # comment
//   DB_PASSWORD=s3cret
//   API_TOKEN="value with spaces"
//
// One `NAME=value` per line. Blank lines and lines starting with `#` are ignored. NAME is letters,
// digits and `_` (not starting with a digit) and is case-insensitive, like `SECRET_<NAME>`
// variables. The value is everything after the first `=`, as written; one pair of matching
// surrounding quotes (" or ') is removed, nothing else is interpreted. Any other line is a
// start-up error that names the file and line, never the value.

import { readFileSync } from 'node:fs';

export class SecretsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsFileError';
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** NAME (upper-cased) → value. `source` names the file in error messages. */
export function parseSecretsFile(text: string, source: string): Map<string, string> {
  const out = new Map<string, string>();
  const firstLine = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((rawLine, index) => {
    const lineNo = index + 1;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const eq = line.indexOf('=');
    // the line is not echoed: a malformed line may well be a value
    if (eq < 0) throw new SecretsFileError(`${source} line ${lineNo}: expected NAME=value`);
    const name = line.slice(0, eq).trim();
    if (!NAME.test(name)) {
      throw new SecretsFileError(`${source} line ${lineNo}: invalid secret name '${name}' (letters, digits and _, not starting with a digit)`);
    }
    const key = name.toUpperCase();
    const previous = firstLine.get(key);
    if (previous !== undefined) throw new SecretsFileError(`${source} line ${lineNo}: secret ${key} is already defined on line ${previous}`);
    firstLine.set(key, lineNo);
    out.set(key, unquote(line.slice(eq + 1)));
  });
  return out;
}

function unquote(value: string): string {
  const q = value[0];
  if (value.length >= 2 && (q === '"' || q === "'") && value.endsWith(q)) return value.slice(1, -1);
  return value;
}

/** Reads and parses the file; every failure is a SecretsFileError with a message fit for the terminal. */
export function readSecretsFile(path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new SecretsFileError(`cannot read secrets file ${path}: ${why}`);
  }
  return parseSecretsFile(text, `secrets file ${path}`);
}
