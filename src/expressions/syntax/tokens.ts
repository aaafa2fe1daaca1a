// Token shapes produced by the lexer and consumed by the parser.
import type { JavaDouble } from '../values.ts';

export type StringPart = string | { expr: Token[] };

export type Token =
  | { t: 'text'; v: string; line: number }
  | { t: 'print_open' | 'print_close' | 'tag_open' | 'tag_close' | 'eof'; v: string; line: number }
  | { t: 'name'; v: string; line: number }
  | { t: 'num'; v: number | JavaDouble; line: number }
  | { t: 'str'; v: string; line: number }
  | { t: 'istr'; v: StringPart[]; line: number } // double-quoted string with #{...}
  | { t: 'op'; v: string; line: number }; // operators and punctuation alike

/** Symbolic operators and punctuation, longest first so that `???` wins over `??`. */
export const SYMBOLS = [
  '???', '??', '..', '==', '!=', '<=', '>=',
  '<', '>', '+', '-', '*', '/', '%', '~', '|', '?', ':', '=', ',', '.', '(', ')', '[', ']', '{', '}',
];
