// Shared fixtures for the expression tests: a deterministic engine and a realistic context.
import { createExpressionEngine, type ExpressionHooks } from '../../src/expressions/index.ts';

export const NOW = new Date('2024-06-01T10:15:30.123Z');

export function engine(hooks: ExpressionHooks = {}) {
  return createExpressionEngine({ now: () => NOW, ...hooks });
}

export const CTX: Record<string, unknown> = {
  flow: { id: 'hello', namespace: 'company.team', revision: 2 },
  execution: { id: 'exec1', startDate: '2024-06-01T10:00:00.000Z' },
  task: { id: 'log', type: 'io.kestra.plugin.core.log.Log' },
  taskrun: { id: 'tr1', value: 'b', attemptsCount: 0 },
  inputs: {
    name: 'World', n: 3, neg: -4, f: 1.5, flag: true, off: false, nothing: null, empty: '', blank: '  ',
    list: [1, 2, 3], words: ['pear', 'apple', 'fig'], m: { a: 1, b: 'x' }, nested: { deep: { v: 'ok' } },
    'with-dash': 'dash', json: '{"a":{"b":[1,2,3]},"s":"txt"}', csv: 'a,b,,c,,',
    date: '2024-01-15T08:30:00Z', day: '2024-01-15',
  },
  outputs: { t: { value: 'hello' }, each: { a: { value: 'A' }, b: { value: 'B' } }, http: { body: '{"items":[{"id":1},{"id":2}]}' } },
  vars: { greeting: 'Hi {{ inputs.name }}', plain: 'no braces' },
  labels: { team: 'data' },
  parents: [],
};
