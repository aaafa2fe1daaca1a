// Statement parser: turns the token list into template nodes (if/for/set/macro/filter/block).
import type { Args, Expr, Macro, Node, Template } from './ast.ts';
import { ParseError } from '../errors.ts';
import { ExpressionParser, NO_ARGS, TokenStream, unexpected, type Registry } from './parser.ts';
import { tokenize } from './lexer.ts';


export function parseTemplate(source: string, reg: Registry): Template {
  const s = new TokenStream(tokenize(source));
  const p = new ExpressionParser(s, reg);
  const tpl: Template = { source, nodes: [], macros: new Map(), blocks: new Map(), single: null };
  const { nodes, end } = parseBody(s, p, tpl, []);
  if (end) throw new ParseError(`Unexpected tag name "${end}"`, s.peek().line);
  tpl.nodes = nodes;
  const only = nodes.length === 1 ? nodes[0]! : null;
  if (only?.k === 'print') tpl.single = only.e;
  return tpl;
}

/** Parses nodes until one of `ends` is met; leaves the stream after that tag's name. */
function parseBody(s: TokenStream, p: ExpressionParser, tpl: Template, ends: string[]): { nodes: Node[]; end: string | null } {
  const nodes: Node[] = [];
  for (;;) {
    const t = s.next();
    switch (t.t) {
      case 'eof':
        if (ends.length) throw new ParseError(`Unexpected end of template. Pebble was looking for the following tags: "${ends.join('", "')}"`, t.line);
        return { nodes, end: null };
      case 'text':
        nodes.push({ k: 'text', v: t.v });
        break;
      case 'print_open': {
        const e = p.parseExpression();
        if (s.peek().t !== 'print_close') throw unexpected(s.peek(), 'Expected "}}"');
        s.next();
        nodes.push({ k: 'print', e, line: t.line });
        break;
      }
      case 'tag_open': {
        const nameTok = s.peek();
        const name = s.expectName();
        if (ends.includes(name)) return { nodes, end: name };
        const node = parseTag(name, nameTok.line, s, p, tpl);
        if (node) nodes.push(node);
        break;
      }
      default:
        throw unexpected(t, 'Unexpected token');
    }
  }
}

function closeTag(s: TokenStream): void {
  if (s.peek().t !== 'tag_close') throw unexpected(s.peek(), 'Expected "%}"');
  s.next();
}

function parseTag(name: string, line: number, s: TokenStream, p: ExpressionParser, tpl: Template): Node | null {
  switch (name) {
    case 'if': {
      const branches: [Expr, Node[]][] = [];
      let cond = p.parseExpression();
      let otherwise: Node[] | null = null;
      for (;;) {
        closeTag(s);
        const { nodes, end } = parseBody(s, p, tpl, ['elseif', 'else', 'endif']);
        branches.push([cond, nodes]);
        if (end === 'elseif') {
          cond = p.parseExpression();
          continue;
        }
        if (end === 'else') {
          closeTag(s);
          otherwise = parseBody(s, p, tpl, ['endif']).nodes;
        }
        closeTag(s);
        break;
      }
      return { k: 'if', branches, otherwise, line };
    }
    case 'for': {
      const varName = s.expectName();
      if (!s.isName('in')) throw unexpected(s.peek(), 'Expected "in" in for loop');
      s.next();
      const iter = p.parseExpression();
      closeTag(s);
      const body = parseBody(s, p, tpl, ['else', 'endfor']);
      let otherwise: Node[] | null = null;
      closeTag(s);
      if (body.end === 'else') {
        otherwise = parseBody(s, p, tpl, ['endfor']).nodes;
        closeTag(s);
      }
      return { k: 'for', name: varName, iter, body: body.nodes, otherwise, line };
    }
    case 'set': {
      const varName = s.expectName();
      s.expectOp('=', 'Expected "=" in set tag');
      const e = p.parseExpression();
      closeTag(s);
      return { k: 'set', name: varName, e };
    }
    case 'macro': {
      const macroName = s.expectName();
      const params: [string, Expr | null][] = [];
      const args: Args = s.isOp('(') ? p.parseArgs() : NO_ARGS;
      for (const a of args.pos) {
        if (a.k !== 'var') throw new ParseError('Macro parameters must be names', line);
        params.push([a.name, null]);
      }
      for (const [n, def] of args.named ?? []) params.push([n, def]);
      closeTag(s);
      const body = parseBody(s, p, tpl, ['endmacro']).nodes;
      closeTag(s);
      const macro: Macro = { name: macroName, params, body };
      tpl.macros.set(macroName, macro);
      return null;
    }
    case 'filter': {
      const filters: { name: string; args: Args; line: number }[] = [];
      do {
        if (filters.length) s.next();
        const t = s.peek();
        const fname = s.expectName();
        if (!p.reg.hasFilter(fname)) throw new ParseError(`Filter [${fname}] does not exist.`, t.line);
        filters.push({ name: fname, args: s.isOp('(') ? p.parseArgs() : NO_ARGS, line: t.line });
      } while (s.isOp('|'));
      closeTag(s);
      const body = parseBody(s, p, tpl, ['endfilter']).nodes;
      closeTag(s);
      return { k: 'filterblock', filters, body };
    }
    case 'block': {
      const blockName = s.expectName();
      closeTag(s);
      const body = parseBody(s, p, tpl, ['endblock']).nodes;
      if (s.peek().t === 'name') s.next();
      closeTag(s);
      tpl.blocks.set(blockName, body);
      return { k: 'block', name: blockName, body };
    }
  }
  // Kestra removes autoescape/extends/embed/flush/import/include/parallel/cache/from: they
  // fall here like any unknown tag
  throw new ParseError(`Unexpected tag name "${name}"`, line);
}
