// Expression parser: precedence climbing exactly like Pebble's ExpressionParser, so that
// quirks carry over (`not a or b` is `not (a or b)`, filters bind looser than `~`, the right
// operand of `+` swallows a following filter, ternary only at the top level).
import type { Args, Expr } from './ast.ts';
import { ParseError } from '../errors.ts';
import { BINARY, UNARY_NOT, UNARY_SIGN, WORD_OPERATORS } from './precedence.ts';
import type { Token } from './tokens.ts';

export interface Registry {
  hasFilter(name: string): boolean;
  hasTest(name: string): boolean;
}

export class TokenStream {
  pos = 0;
  constructor(readonly toks: Token[]) {}
  peek(o = 0): Token {
    return this.toks[Math.min(this.pos + o, this.toks.length - 1)]!;
  }
  next(): Token {
    return this.toks[this.pos++]!;
  }
  isOp(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t.t === 'op' && t.v === v;
  }
  isName(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t.t === 'name' && t.v === v;
  }
  expectOp(v: string, msg?: string): Token {
    if (!this.isOp(v)) throw unexpected(this.peek(), msg ?? `Expected "${v}"`);
    return this.next();
  }
  expectName(): string {
    const t = this.peek();
    if (t.t !== 'name') throw unexpected(t, 'Expected a name');
    this.pos++;
    return t.v;
  }
}

export function unexpected(t: Token, hint: string): ParseError {
  const what = t.t === 'eof' ? 'end of template' : t.t.endsWith('close') ? 'end of expression' : `token "${String(t.v)}"`;
  return new ParseError(`Unexpected ${what}. ${hint}`, t.line);
}

export class ExpressionParser {
  constructor(readonly s: TokenStream, readonly reg: Registry) {}

  parseExpression(minPrec = 0): Expr {
    const s = this.s;
    const tok = s.peek();
    let left: Expr;
    if (tok.t === 'name' && tok.v === 'not') {
      s.next();
      left = { k: 'unary', op: 'not', e: this.parseExpression(UNARY_NOT), line: tok.line };
    } else if (tok.t === 'op' && (tok.v === '-' || tok.v === '+')) {
      s.next();
      left = { k: 'unary', op: tok.v, e: this.parseExpression(UNARY_SIGN), line: tok.line };
    } else {
      left = this.parsePostfix(this.parsePrimary());
    }
    for (;;) {
      const t = s.peek();
      if (t.t !== 'op' && t.t !== 'name') break;
      if (t.t === 'name' && t.v === 'not' && s.isName('in', 1)) {
        if (BINARY['not in']! < minPrec) break;
        s.next();
        s.next();
        left = { k: 'bin', op: 'not in', l: left, r: this.parseExpression(BINARY['not in']! + 1), line: t.line };
        continue;
      }
      const prec = BINARY[t.v];
      if (prec === undefined || prec < minPrec) break;
      if (t.t === 'name' && (!WORD_OPERATORS.has(t.v) || t.v === 'not')) break;
      s.next();
      if (t.v === '|') left = this.parseFilter(left);
      else if (t.v === 'is') left = this.parseTest(left, t.line);
      else left = { k: 'bin', op: t.v === 'equals' ? '==' : t.v, l: left, r: this.parseExpression(prec + 1), line: t.line };
    }
    if (minPrec === 0 && s.isOp('?')) {
      const q = s.next();
      const a = this.parseExpression();
      s.expectOp(':', 'Expected ":" in ternary expression');
      const b = this.parseExpression();
      left = { k: 'ternary', c: left, a, b, line: q.line };
    }
    return left;
  }

  private parseFilter(input: Expr): Expr {
    const t = this.s.peek();
    const name = this.s.expectName();
    if (!this.reg.hasFilter(name)) throw new ParseError(`Filter [${name}] does not exist.`, t.line);
    const args = this.s.isOp('(') ? this.parseArgs() : NO_ARGS;
    return { k: 'filter', input, name, args, line: t.line };
  }

  private parseTest(input: Expr, line: number): Expr {
    const negate = this.s.isName('not');
    if (negate) this.s.next();
    const t = this.s.peek();
    const name = this.s.expectName();
    if (!this.reg.hasTest(name)) throw new ParseError(`Test [${name}] does not exist.`, t.line);
    const args = this.s.isOp('(') ? this.parseArgs() : NO_ARGS;
    return { k: 'test', input, name, args, negate, line };
  }

  parseArgs(): Args {
    const s = this.s;
    s.expectOp('(');
    const pos: Expr[] = [];
    let named: [string, Expr][] | null = null;
    while (!s.isOp(')')) {
      if (pos.length || named) s.expectOp(',', 'Arguments must be separated by a comma');
      if (s.peek().t === 'name' && s.isOp('=', 1)) {
        const n = s.next().v as string;
        s.next();
        (named ??= []).push([n, this.parseExpression()]);
      } else {
        if (named) throw unexpected(s.peek(), 'Positional arguments must come before named arguments');
        pos.push(this.parseExpression());
      }
    }
    s.next();
    return { pos, named };
  }

  private parsePrimary(): Expr {
    const s = this.s;
    const t = s.next();
    switch (t.t) {
      case 'num':
      case 'str':
        return { k: 'lit', v: t.v };
      case 'istr':
        return {
          k: 'interp',
          parts: t.v.map((p) => {
            if (typeof p === 'string') return { k: 'lit', v: p } as Expr;
            const sub = new ExpressionParser(new TokenStream(p.expr), this.reg);
            const e = sub.parseExpression();
            if (sub.s.peek().t !== 'eof') throw unexpected(sub.s.peek(), 'Expected end of interpolation');
            return e;
          }),
        };
      case 'name': {
        switch (t.v) {
          case 'true': case 'TRUE': return { k: 'lit', v: true };
          case 'false': case 'FALSE': return { k: 'lit', v: false };
          case 'null': case 'NULL': case 'none': case 'NONE': return { k: 'lit', v: null };
        }
        if (WORD_OPERATORS.has(t.v)) throw unexpected(t, 'Expected an expression');
        if (s.isOp('(')) return { k: 'call', name: t.v, args: this.parseArgs(), line: t.line };
        return { k: 'var', name: t.v, line: t.line };
      }
      case 'op':
        if (t.v === '(') {
          const e = this.parseExpression();
          s.expectOp(')', 'An opened parenthesis is not properly closed');
          return e;
        }
        if (t.v === '[') {
          const items: Expr[] = [];
          while (!s.isOp(']')) {
            if (items.length) s.expectOp(',', 'Array elements must be separated by a comma');
            items.push(this.parseExpression());
          }
          s.next();
          return { k: 'list', items };
        }
        if (t.v === '{') {
          const entries: [Expr, Expr][] = [];
          while (!s.isOp('}')) {
            if (entries.length) s.expectOp(',', 'Map entries must be separated by a comma');
            const key = this.parseExpression();
            s.expectOp(':', 'Map keys and values must be separated by a colon');
            entries.push([key, this.parseExpression()]);
          }
          s.next();
          return { k: 'map', entries };
        }
    }
    throw unexpected(t, 'Expected an expression');
  }

  private parsePostfix(e: Expr): Expr {
    const s = this.s;
    for (;;) {
      if (s.isOp('.')) {
        s.next();
        const t = s.next();
        if (t.t !== 'name' && t.t !== 'num') throw unexpected(t, 'Expected an attribute name after "."');
        const key: Expr = { k: 'lit', v: String(t.v) };
        const call = t.t === 'name' && s.isOp('(') ? this.parseArgs() : null;
        e = { k: 'attr', obj: e, key, line: t.line, call };
      } else if (s.isOp('[')) {
        const t = s.next();
        const key = this.parseExpression();
        s.expectOp(']', 'An opened bracket is not properly closed');
        e = { k: 'attr', obj: e, key, line: t.line, call: null };
      } else return e;
    }
  }
}

export const NO_ARGS: Args = { pos: [], named: null };
