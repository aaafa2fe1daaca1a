// Basic auth and API tokens as decisions.md describes: off unless configured; when on, only
// /ping, GET configs, the login-page routes and webhooks stay open, everything else (unknown
// routes too) needs a credential. Credentials set at run time are stored salted and hashed in the
// settings store. Like Kestra 0.24+, `POST /login` issues the credential as an HttpOnly
// `BASIC_AUTH` cookie (base64 user:password), accepted as an alternative to the header.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { illegalArgument } from '../shared/errors.ts';
import type { SettingsStore } from '../shared/storage/settings-store.ts';

interface StoredCredentials { username: string; salt: string; hash: string }

export interface AuthService {
  /** basic auth configured (what /configs reports) */
  enabled(): boolean;
  /** true when the request may pass (the `BASIC_AUTH` cookie counts as a Basic credential) */
  check(method: string, path: string, authorization: string | null, cookie?: string | null): boolean;
  /** POST /basicAuth */
  configure(username: unknown, password: unknown): void;
  /** POST /login: the cookie token for valid credentials, undefined otherwise */
  login(username: unknown, password: unknown): string | undefined;
  /** GET /basicAuthValidationErrors: what is wrong with the credentials given at start-up */
  validationErrors(): string[];
}

/** The HttpOnly cookie carrying the credential, and the readable flag the UI checks (Kestra's names). */
export const AUTH_COOKIE = 'BASIC_AUTH';
export const AUTH_FLAG_COOKIE = 'kestraBasicAuthenticated';

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
// Kestra's start-up checks (reported, not enforced: a local tool keeps the configured credentials)
const STRICT_EMAIL = /^[a-zA-Z0-9_!#$%&'*+/=?`{|}~^.-]+@[a-zA-Z0-9.-]+$/;
const STRONG_PASSWORD = /(?=.{8,})(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])/;

/** Kestra's validation messages for configured credentials. */
export function credentialErrors(username: string, password: string): string[] {
  const errors: string[] = [];
  if (!STRICT_EMAIL.test(username)) errors.push('Invalid username for Basic Authentication. Please provide a valid email address.');
  if (!STRONG_PASSWORD.test(password)) errors.push('Invalid password for Basic Authentication. The password must have 8 chars, one upper, one lower and one number');
  if (username.length > 256 || password.length > 256) errors.push('The length of email or password should not exceed 256 characters.');
  return errors;
}

const OPEN_GETS = new Set(['/api/v1/configs', '/api/v1/configs/login', '/api/v1/basicAuthValidationErrors']);

const WEBHOOK = '/api/v1/executions/webhook/';

/**
 * Paths open without credentials, normalised as the router matches them (HEAD runs the GET route,
 * one trailing slash is ignored, segments decoded), so that no spelling of a route gets another answer. Webhooks
 * are open only in their own form (`{namespace}/{flowId}/{key}[/…]`): a namespace named `webhook`
 * keeps its create-execution route closed.
 */
export function isOpenPath(method: string, path: string): boolean {
  let p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  // percent-encoded segments are read decoded, as the router reads them (`/api/v1/config%73`)
  if (p.includes('%')) p = p.split('/').map((segment) => { try { return decodeURIComponent(segment).replaceAll('/', '%2F'); } catch { return segment; } }).join('/');
  const m = method === 'HEAD' ? 'GET' : method;
  if (p === '/ping') return true;
  if (p.startsWith(WEBHOOK) && p.slice(WEBHOOK.length).split('/').length >= 3) return true;
  if (m === 'POST' && (p === '/api/v1/login' || p === '/api/v1/logout')) return true;
  return m === 'GET' && OPEN_GETS.has(p);
}

/** The value of one cookie of a `Cookie` header. */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

export function createAuthService(opts: {
  settings: SettingsStore;
  initial?: { username: string; password: string };
  apiTokens: string[];
}): AuthService {
  const { settings } = opts;
  const startupErrors = opts.initial ? credentialErrors(opts.initial.username, opts.initial.password) : [];
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
    check(method, path, authorization, cookie) {
      if (!stored && tokens.length === 0) return true; // auth off: a Bearer header is ignored
      if (isOpenPath(method, path)) return true;
      const fromCookie = cookieValue(cookie, AUTH_COOKIE);
      if (fromCookie && verifyBasic(`Basic ${fromCookie}`)) return true;
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
    login(username, password) {
      if (typeof username !== 'string' || typeof password !== 'string') return undefined;
      const token = Buffer.from(`${username}:${password}`).toString('base64');
      return verifyBasic(`Basic ${token}`) ? token : undefined;
    },
    validationErrors: () => [...startupErrors],
  };
}
