// Basic auth and API tokens as decisions.md describes: off unless configured; when on, only
// /ping, GET configs and webhooks stay open, everything else (unknown routes too) needs a
// credential. Credentials set at run time are stored salted and hashed in the settings store.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { illegalArgument } from '../shared/errors.ts';
import type { SettingsStore } from '../shared/settings-store.ts';

interface StoredCredentials { username: string; salt: string; hash: string }

export interface AuthService {
  /** basic auth configured (what /configs reports) */
  enabled(): boolean;
  /** true when the request may pass */
  check(method: string, path: string, authorization: string | null): boolean;
  /** POST /basicAuth */
  configure(username: unknown, password: unknown): void;
}

const hashOf = (salt: string, username: string, password: string) =>
  createHash('sha256').update(`${salt}\u0000${username}\u0000${password}`).digest('hex');

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Constant-time equality: both sides are hashed first, so the comparison runs over two 32-byte
 * digests whatever the lengths, and `timingSafeEqual` never sees unequal lengths (it throws).
 */
export function sameSecret(candidate: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(candidate), expected);
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function isOpenPath(method: string, path: string): boolean {
  if (path === '/ping' || path.startsWith('/api/v1/executions/webhook/')) return true;
  return method === 'GET' && path === '/api/v1/configs';
}

export function createAuthService(opts: {
  settings: SettingsStore;
  initial?: { username: string; password: string };
  apiTokens: string[];
}): AuthService {
  const { settings } = opts;
  if (opts.initial) {
    const salt = settings.get<StoredCredentials>('basicAuth')?.salt ?? randomBytes(16).toString('hex');
    settings.set('basicAuth', { username: opts.initial.username, salt, hash: hashOf(salt, opts.initial.username, opts.initial.password) });
  }
  let stored = settings.get<StoredCredentials>('basicAuth');
  const tokens = opts.apiTokens.map(digest);
  // Decoding and salting on every request adds up for a mock server: the digest of the last header
  // that passed is remembered (and compared in constant time, like everything secret here).
  let lastGood: Buffer | undefined;

  /** every token is compared, no early exit: the time taken says nothing about which one matched */
  const verifyToken = (token: string): boolean => {
    const d = digest(token);
    let ok = false;
    for (const t of tokens) ok = timingSafeEqual(d, t) || ok;
    return ok;
  };

  const verifyBasic = (header: string): boolean => {
    if (!stored) return false;
    if (lastGood && sameSecret(header, lastGood)) return true;
    let decoded: string;
    try { decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8'); } catch { return false; }
    const i = decoded.indexOf(':');
    if (i < 0) return false;
    // both comparisons always run (no short circuit), each over equal-length digests
    const hash = hashOf(stored.salt, decoded.slice(0, i), decoded.slice(i + 1));
    const userOk = sameSecret(decoded.slice(0, i), digest(stored.username));
    const ok = timingSafeEqual(Buffer.from(hash, 'hex'), Buffer.from(stored.hash, 'hex')) && userOk;
    if (ok) lastGood = digest(header);
    return ok;
  };

  return {
    enabled: () => stored !== undefined,
    check(method, path, authorization) {
      if (!stored && tokens.length === 0) return true; // auth off: a Bearer header is ignored
      if (isOpenPath(method, path)) return true;
      if (!authorization) return false;
      const scheme = authorization.slice(0, 7).toLowerCase();
      if (scheme.startsWith('basic ')) return verifyBasic(authorization);
      if (scheme === 'bearer ') return verifyToken(authorization.slice(7).trim());
      return false;
    },
    configure(username, password) {
      if (typeof username !== 'string' || !EMAIL.test(username)) {
        throw illegalArgument('Invalid username for Basic Authentication. Please provide a valid email address.');
      }
      if (typeof password !== 'string' || password === '') {
        throw illegalArgument('No password set for Basic Authentication. Please provide a password.');
      }
      if (username.length > 256 || password.length > 256) {
        throw illegalArgument('The length of username or password should not exceed 256 characters.');
      }
      const salt = stored?.salt ?? randomBytes(16).toString('hex');
      stored = { username, salt, hash: hashOf(salt, username, password) };
      settings.set('basicAuth', stored);
      lastGood = undefined;
    },
  };
}
