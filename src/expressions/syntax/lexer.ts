// Template lexer: splits text from `{{ }}`, `{% %}` and `{# #}`, applies whitespace control
// and tokenises the code inside delimiters. raw/verbatim blocks become plain text here.
import { ParseError } from '../errors.ts';
import { SYMBOLS, type StringPart, type Token } from './tokens.ts';
import { JavaDouble } from '../values.ts';

// Sticky/global regexes carry lastIndex state, so each lexing call builds its own.
const rawStart = () => /\{%-*\s*(raw|verbatim)\s*(-*)%\}/y;
const rawEnd = (tag: string) => new RegExp(`\\{%(-*)\\s*end${tag}\\s*(-*)%\\}`, 'g');

function countLines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let trimNext = false;
  const n = src.length;
  const RAW_START = rawStart();
  const pushText = (text: string) => {
    if (trimNext) text = text.trimStart();
    trimNext = false;
    if (text) out.push({ t: 'text', v: text, line });
  };
  while (i < n) {
    let j = i;
    for (;;) {
      j = src.indexOf('{', j);
      if (j < 0 || j + 1 >= n) { j = -1; break; }
      const c = src[j + 1];
      if (c === '{' || c === '%' || c === '#') break;
      j++;
    }
    if (j < 0) { pushText(src.slice(i)); break; }
    let text = src.slice(i, j);
    const kind = src[j + 1];
    RAW_START.lastIndex = j;
    const rawMatch = kind === '%' ? RAW_START.exec(src) : null;
    // Kestra cuts raw blocks out before Pebble sees them, so their dashes trim nothing
    const trimPrev = src[j + 2] === '-' && rawMatch?.[1] !== 'raw';
    if (trimPrev) text = text.trimEnd();
    pushText(text);
    line += countLines(src, i, j);
    if (kind === '#') {
      const end = src.indexOf('#}', j + 2);
      if (end < 0) throw new ParseError('Unclosed comment', line);
      trimNext = src[end - 1] === '-';
      line += countLines(src, j, end);
      i = end + 2;
      continue;
    }
    if (rawMatch) {
      const r = lexVerbatim(src, j, rawMatch, line, out);
      i = r.end;
      line = r.line;
      trimNext = r.trimNext;
      continue;
    }
    const isPrint = kind === '{';
    out.push({ t: isPrint ? 'print_open' : 'tag_open', v: '', line });
    const r = lexCode(src, j + (trimPrev ? 3 : 2), line, isPrint ? '}}' : '%}', out);
    i = r.end;
    line = r.line;
    trimNext = r.trimNext;
    out.push({ t: isPrint ? 'print_close' : 'tag_close', v: '', line });
  }
  out.push({ t: 'eof', v: '', line });
  return out;
}

/** raw/verbatim: everything up to the end tag is one text token. */
function lexVerbatim(src: string, j: number, m: RegExpExecArray, line: number, out: Token[]) {
  const tag = m[1]!;
  const endRe = rawEnd(tag);
  endRe.lastIndex = j + m[0].length;
  const e = endRe.exec(src);
  if (!e) throw new ParseError(`Unclosed ${tag} tag.`, line);
  let body = src.slice(j + m[0].length, e.index);
  // Pebble's own verbatim tag honours the dashes; Kestra's raw pre-processing does not
  if (tag === 'verbatim') {
    if (m[2]) body = body.trimStart();
    if (e[1]) body = body.trimEnd();
  }
  if (body) out.push({ t: 'text', v: body, line });
  const end = e.index + e[0].length;
  return { end, line: line + countLines(src, j, end), trimNext: tag === 'verbatim' && !!e[2] };
}

/** Tokenises code until `close` (outside brackets) or, with close = '', until the end. */
export function lexCode(
  src: string, start: number, line: number, close: string, out: Token[], stop = src.length,
): { end: number; line: number; trimNext: boolean } {
  let i = start;
  const brackets: string[] = [];
  const NUMBER = /[0-9]+(\.[0-9]+)?(L)?/y;
  const NAME = /[a-zA-Z_$][a-zA-Z0-9_$]*/y;
  while (i < stop) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (c === '\n') line++;
      i++;
      continue;
    }
    if (close && brackets.length === 0) {
      if (src.startsWith(close, i)) return { end: i + 2, line, trimNext: false };
      if (c === '-' && src.startsWith(close, i + 1)) return { end: i + 3, line, trimNext: true };
    }
    if (c === '"' || c === "'") {
      i = lexString(src, i, line, out);
      continue;
    }
    NUMBER.lastIndex = i;
    let m = NUMBER.exec(src);
    if (m) {
      // `2.0` is a Double and must keep printing as 2.0; `2` and `2L` are Longs
      const text = m[3] ? m[0].slice(0, -1) : m[0];
      const n = Number(text);
      out.push({ t: 'num', v: m[1] && Number.isInteger(n) ? new JavaDouble(n) : n, line });
      i += m[0].length;
      continue;
    }
    NAME.lastIndex = i;
    m = NAME.exec(src);
    if (m) {
      out.push({ t: 'name', v: m[0], line });
      i += m[0].length;
      continue;
    }
    const sym = SYMBOLS.find((s) => src.startsWith(s, i));
    if (!sym) throw new ParseError(`Unexpected character [${c}]`, line);
    if (sym === '(' || sym === '[' || sym === '{') brackets.push(sym);
    else if (sym === ')' || sym === ']' || sym === '}') {
      const open = brackets.pop();
      if (!open) throw new ParseError(`Unexpected "${sym}"`, line);
      const expected = open === '(' ? ')' : open === '[' ? ']' : '}';
      if (expected !== sym) throw new ParseError(`Unclosed "${expected}"`, line);
    }
    out.push({ t: 'op', v: sym, line });
    i += sym.length;
  }
  if (close) throw new ParseError(`Unexpected end of template. Pebble was looking for the "${close}" delimiter`, line);
  if (brackets.length) throw new ParseError(`Unclosed "${brackets[brackets.length - 1]}"`, line);
  return { end: i, line, trimNext: false };
}

/** Strings: only the quote and the backslash are unescaped, as in Pebble. */
function lexString(src: string, start: number, line: number, out: Token[]): number {
  const q = src[start]!;
  const parts: StringPart[] = [];
  let buf = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\' && (src[i + 1] === q || src[i + 1] === '\\')) {
      buf += src[i + 1];
      i += 2;
      continue;
    }
    if (c === q) {
      if (parts.length === 0) out.push({ t: 'str', v: buf, line });
      else {
        if (buf) parts.push(buf);
        out.push({ t: 'istr', v: parts, line });
      }
      return i + 1;
    }
    if (q === '"' && c === '#' && src[i + 1] === '{') {
      if (buf) parts.push(buf);
      buf = '';
      const end = matchBrace(src, i + 2, line);
      const toks: Token[] = [];
      lexCode(src, i + 2, line, '', toks, end);
      toks.push({ t: 'eof', v: '', line });
      parts.push({ expr: toks });
      i = end + 1;
      continue;
    }
    buf += c;
    i++;
  }
  throw new ParseError('Unclosed string literal', line);
}

function matchBrace(src: string, from: number, line: number): number {
  let depth = 0;
  let quote = '';
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  throw new ParseError('Unclosed string interpolation', line);
}
