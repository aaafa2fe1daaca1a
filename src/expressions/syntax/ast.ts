// AST for expressions and template statements.

export interface Args {
  pos: Expr[];
  named: [string, Expr][] | null;
}

export type Expr =
  | { k: 'lit'; v: unknown }
  | { k: 'var'; name: string; line: number }
  | { k: 'attr'; obj: Expr; key: Expr; line: number; call: Args | null }
  | { k: 'list'; items: Expr[] }
  | { k: 'map'; entries: [Expr, Expr][] }
  | { k: 'interp'; parts: Expr[] }
  | { k: 'bin'; op: string; l: Expr; r: Expr; line: number }
  | { k: 'unary'; op: 'not' | '-' | '+'; e: Expr; line: number }
  | { k: 'ternary'; c: Expr; a: Expr; b: Expr; line: number }
  | { k: 'filter'; input: Expr; name: string; args: Args; line: number }
  | { k: 'test'; input: Expr; name: string; args: Args; negate: boolean; line: number }
  | { k: 'call'; name: string; args: Args; line: number };

export type Node =
  | { k: 'text'; v: string }
  | { k: 'print'; e: Expr; line: number }
  | { k: 'if'; branches: [Expr, Node[]][]; otherwise: Node[] | null; line: number }
  | { k: 'for'; name: string; iter: Expr; body: Node[]; otherwise: Node[] | null; line: number }
  | { k: 'set'; name: string; e: Expr }
  | { k: 'filterblock'; filters: { name: string; args: Args; line: number }[]; body: Node[] }
  | { k: 'block'; name: string; body: Node[] }
  | { k: 'macro'; name: string };

export interface Macro {
  name: string;
  params: [string, Expr | null][];
  body: Node[];
}

export interface Template {
  source: string;
  nodes: Node[];
  macros: Map<string, Macro>;
  blocks: Map<string, Node[]>;
  /** set when the template is exactly one `{{ expr }}` (typed rendering) */
  single: Expr | null;
}
