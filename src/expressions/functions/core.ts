// Pebble core functions plus Kestra's small utilities (uuid, id, nanoId, ksuid, randomInt, randomPort).
import { randomBytes, randomInt as cryptoRandomInt, randomUUID } from 'node:crypto';
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

const NANO_ALPHABET = '_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** NanoID: `length` characters drawn uniformly from `alphabet` (defaults 21 and A-Za-z0-9_-) */
function nanoId(length: unknown, alphabet: unknown): string {
  const n = length === undefined || length === null ? 21 : isNumber(length) ? Math.trunc(num(length)) : NaN;
  if (!Number.isInteger(n) || n <= 0) throw new EvalError("The 'length' argument of nanoId must be a positive integer");
  const chars = alphabet === undefined || alphabet === null ? NANO_ALPHABET : String(alphabet);
  if (!chars.length) throw new EvalError("The 'alphabet' argument of nanoId must not be empty");
  let out = '';
  for (let i = 0; i < n; i++) out += chars[cryptoRandomInt(chars.length)];
  return out;
}

/** KSUID: 4 bytes of seconds since 2014-05-13T16:53:20Z then 16 random bytes, base 62 on 27 chars */
function ksuid(nowMs: number): string {
  let n = BigInt(Math.max(0, Math.floor(nowMs / 1000) - 1_400_000_000));
  for (const b of randomBytes(16)) n = (n << 8n) | BigInt(b);
  let s = '';
  while (n > 0n) { s = BASE62[Number(n % 62n)] + s; n /= 62n; }
  return s.padStart(27, '0');
}

/** a free local TCP port, as Kestra's randomPort() (a socket on port 0, closed at once) */
function randomPort(): number {
  const server = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = server.port;
  server.stop(true);
  return port;
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
  nanoId: { args: ['length', 'alphabet'], fn: ([length, alphabet]) => nanoId(length, alphabet) },
  ksuid: { fn: (_a, rt) => ksuid(rt.hooks.now ? rt.hooks.now().getTime() : Date.now()) },
  randomPort: { fn: () => randomPort() },
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
