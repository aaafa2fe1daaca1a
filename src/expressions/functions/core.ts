// Pebble core functions plus Kestra's small utilities (uuid, id, randomInt).
import { randomInt as cryptoRandomInt, randomUUID } from 'node:crypto';
import type { FunctionDef } from '../callables.ts';
import { EvalError } from '../errors.ts';
import { range } from '../operators.ts';
import { renderNodes } from '../render-nodes.ts';
import { isNumber, num } from '../values.ts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** FriendlyId-like: a random UUID written in base 62 (22 chars max). */
function friendlyId(): string {
  let n = BigInt('0x' + randomUUID().replace(/-/g, ''));
  let s = '';
  while (n > 0n) {
    s = BASE62[Number(n % 62n)] + s;
    n /= 62n;
  }
  return s || '0';
}

function extreme(args: unknown[], pickMax: boolean): unknown {
  let best: unknown = null;
  for (const a of args) {
    if (a === null || a === undefined) continue;
    if (best === null) {
      best = a;
      continue;
    }
    const cmp = isNumber(a) && isNumber(best) ? num(a) - num(best) : String(a) < String(best) ? -1 : String(a) > String(best) ? 1 : 0;
    if (pickMax ? cmp > 0 : cmp < 0) best = a;
  }
  return best;
}

export const CORE_FUNCTIONS: Record<string, FunctionDef> = {
  range: { args: ['start', 'end', 'increment'], fn: ([a, b, step]) => range(a, b, step ?? 1) },
  max: { fn: (args) => extreme(args, true) },
  min: { fn: (args) => extreme(args, false) },
  block: {
    args: ['name'],
    fn: ([name], rt) => {
      const body = rt.tpl.blocks.get(String(name));
      if (!body) throw new EvalError(`Block [${String(name)}] does not exist.`);
      return renderNodes(body, rt);
    },
  },
  parent: { fn: () => '' },
  uuid: { fn: () => randomUUID() },
  id: { fn: () => friendlyId() },
  randomInt: {
    args: ['lower', 'upper'],
    fn: ([lo, hi]) => {
      if (!isNumber(lo) || !isNumber(hi)) throw new EvalError("The 'lower' and 'upper' arguments must be integers");
      const a = Math.trunc(num(lo));
      const b = Math.trunc(num(hi));
      if (a >= b) return a;
      return cryptoRandomInt(a, b);
    },
  },
};
