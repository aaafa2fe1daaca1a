// The request journal (WireMock's): every non-admin request with its answer, newest last, in a
// bounded ring (`journalSize`, 1,000 by default). Query, headers and bodies are masked (mask.ts)
// and bodies truncated, so the journal can be shown in CI logs.

import { readBounded } from '../http/body-limit.ts';
import { isoInstant } from '../shared/time/clock.ts';
import type { EdgeExchange } from '../shared/feature.ts';
import { splitTenant } from '../http/tenant.ts';
import { maskBody, maskHeaders, maskPath, maskQuery } from './mask.ts';
import type { JournalEntry } from './model.ts';
import { methodMatches, pathMatcher } from './path-match.ts';

/** bodies longer than this are cut (the journal is for assertions, not for storage) */
export const MAX_BODY_CHARS = 4096;
/** bodies declared larger than this are not read at all */
const MAX_CAPTURE_BYTES = 1024 * 1024;

export interface JournalDeps {
  size: number;
  now: () => number;
  /** literal values to hide in bodies (secrets, the basic-auth password) */
  secretValues: () => readonly string[];
  /** the edge's body limit: the copy is never read further than the request itself may be */
  maxBodyBytes?: number;
}

export interface JournalFilter { method?: string; path?: string }

interface Pending { timestamp: number; body: Promise<string | null> }

function decodeQuery(query: string): JournalEntry['query'] {
  const out: JournalEntry['query'] = {};
  for (const [k, v] of new URLSearchParams(query)) {
    const cur = out[k];
    out[k] = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [cur, v];
  }
  return out;
}

/**
 * What is kept of one request: the raw facts only. Masking, decoding and formatting happen when the
 * journal is read, so a request pays almost nothing for being recorded (reading its headers alone
 * made Bun build a Headers object per request).
 */
interface Recorded {
  timestamp: number; method: string; rawPath: string; query: string; status: number; durationMs: number;
  /** copied while the request lives (Bun releases a served request's headers once it is answered); toJSON is Bun's native copy */
  headers: Record<string, string>; fault?: string; body: Promise<string | null>;
}

export function createJournal(deps: JournalDeps) {
  const ring: (Recorded | undefined)[] = new Array(deps.size);
  let next = 0;
  let count = 0;
  const pending = new WeakMap<EdgeExchange, Pending>();

  async function readBody(request: Request): Promise<string | null> {
    if (request.body === null) return null;
    const declared = Number(request.headers.get('content-length') ?? NaN);
    if (declared > MAX_CAPTURE_BYTES) return `<${declared} bytes, not recorded>`;
    // read a copy, bounded: a body with no declared length may be endless (the edge refuses it at its own limit)
    let bytes: Uint8Array;
    try {
      const copy = request.clone().body;
      if (!copy) return null;
      const bound = Math.min(MAX_CAPTURE_BYTES, deps.maxBodyBytes ?? MAX_CAPTURE_BYTES);
      const read = await readBounded(copy, bound);
      if (!read.ok) return `<more than ${bound} bytes, not recorded>`;
      bytes = read.bytes;
    } catch { return '<unreadable body>'; }
    if (bytes.byteLength === 0) return null;
    if (bytes.includes(0)) return `<binary, ${bytes.byteLength} bytes>`;
    const text = maskBody(new TextDecoder().decode(bytes), request.headers.get('content-type') ?? '', deps.secretValues());
    return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}…[truncated, ${bytes.byteLength} bytes]` : text;
  }

  const NO_BODY: Promise<null> = Promise.resolve(null);

  function entryOf(r: Recorded, body: string | null, secrets: readonly string[]): JournalEntry {
    return {
      timestamp: isoInstant(r.timestamp), method: r.method, path: maskPath(r.rawPath, secrets), query: maskQuery(decodeQuery(r.query), secrets),
      status: r.status, durationMs: r.durationMs, headers: maskHeaders(new Headers(r.headers), secrets), body,
      ...(r.fault ? { fault: r.fault } : {}),
    };
  }

  return {
    enabled: deps.size > 0,
    /** before routing: note the time and start reading a copy of the body (if there is one) */
    begin(x: EdgeExchange) {
      if (deps.size === 0) return;
      pending.set(x, { timestamp: deps.now(), body: x.request.body === null ? NO_BODY : readBody(x.request) });
    },
    /** after the answer: one entry (the body copy is awaited at read time, the response is not delayed) */
    end(x: EdgeExchange, response: Response, fault?: string) {
      const p = pending.get(x);
      if (!p) return;
      ring[next] = {
        timestamp: p.timestamp, method: x.method, rawPath: x.rawPath, query: x.query, status: response.status,
        durationMs: Math.round((performance.now() - x.startedAt) * 100) / 100, headers: x.request.headers.toJSON(), body: p.body,
        ...(fault ? { fault } : {}),
      };
      next = (next + 1) % deps.size;
      count = Math.min(count + 1, deps.size);
    },
    /** oldest first */
    async list(filter: JournalFilter = {}): Promise<JournalEntry[]> {
      const match = filter.path ? pathMatcher(filter.path) : undefined;
      const picked: Recorded[] = [];
      for (let i = 0; i < count; i++) {
        const r = ring[(next - count + i + deps.size) % deps.size]!;
        if ('x-kestra-lite-warmup' in r.headers) continue; // runtime.ts's own first request
        if (!methodMatches(filter.method, r.method)) continue;
        if (match && !match(r.rawPath, splitTenant(r.rawPath).path)) continue;
        picked.push(r);
      }
      const secrets = deps.secretValues();
      return Promise.all(picked.map(async (r) => entryOf(r, await r.body, secrets)));
    },
    clear() { ring.fill(undefined); next = 0; count = 0; },
  };
}

export type Journal = ReturnType<typeof createJournal>;
