// Pebble 3.2 operator table (CoreExtension + Kestra's `??`/`???`). Higher binds tighter.
export const BINARY: Record<string, number> = {
  or: 10,
  and: 15,
  contains: 20,
  // `in` / `not in` come from newer Kestra (InExpression); same level as contains
  in: 20, 'not in': 20,
  '==': 30, '!=': 30, '<': 30, '>': 30, '<=': 30, '>=': 30, equals: 30,
  '+': 40, '-': 40,
  '*': 60, '/': 60, '%': 60,
  '|': 100, is: 100,
  '~': 110,
  '..': 120, '??': 120, '???': 120,
};

export const UNARY_NOT = 5;
export const UNARY_SIGN = 500;

/** Word operators cannot be used as variable names (Pebble lexes operators first). */
export const WORD_OPERATORS = new Set(['or', 'and', 'contains', 'equals', 'is', 'not', 'in']);
