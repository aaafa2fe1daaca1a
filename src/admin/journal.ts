// The request journal (WireMock's): every non-admin request with its answer, newest last, in a
// bounded ring (`journalSize`, 1,000 by default). Query, headers and bodies are masked (mask.ts)
// and bodies truncated, so the journal can be shown in CI logs.

import { readBounded } from '../http/body-limit.ts';
import { isoInstant } from '../shared/clock.ts';
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

export function createJournal(deps: JournalDeps) {
  const ring: (JournalEntry | undefined)[] = new Array(deps.size);
  let next = 0;
  let count = 0;
  const pending = new WeakMap<EdgeExchange, Pending>();
  // the body copy of an entry, until it has been read
  const bodies = new WeakMap<JournalEntry, Promise<string | null>>();

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

  return {
    enabled: deps.size > 0,
    /** before routing: note the time and start reading a copy of the body */
    begin(x: EdgeExchange) {
      if (deps.size === 0 || x.request.headers.has('x-kestra-lite-warmup')) return; // runtime.ts's own first request
      pending.set(x, { timestamp: deps.now(), body: readBody(x.request) });
    },
    /** after the answer: one entry (the body copy is awaited, the response is not delayed) */
    end(x: EdgeExchange, response: Response, fault?: string) {
      const p = pending.get(x);
      if (!p) return;
      const durationMs = Math.round((performance.now() - x.startedAt) * 100) / 100;
      const secrets = deps.secretValues();
      const entry: JournalEntry = {
        timestamp: isoInstant(p.timestamp), method: x.method, path: maskPath(x.rawPath, secrets), query: maskQuery(decodeQuery(x.query), secrets),
        status: response.status, durationMs, headers: maskHeaders(x.request.headers, secrets), body: null,
        ...(fault ? { fault } : {}),
      };
      ring[next] = entry;
      next = (next + 1) % deps.size;
      count = Math.min(count + 1, deps.size);
      bodies.set(entry, p.body.then((body) => { entry.body = body; bodies.delete(entry); return body; }));
    },
    /** oldest first */
    async list(filter: JournalFilter = {}): Promise<JournalEntry[]> {
      const match = filter.path ? pathMatcher(filter.path) : undefined;
      const out: JournalEntry[] = [];
      for (let i = 0; i < count; i++) {
        const e = ring[(next - count + i + deps.size) % deps.size]!;
        if (!methodMatches(filter.method, e.method)) continue;
        if (match && !match(e.path, splitTenant(e.path).path)) continue;
        out.push(e);
      }
      await Promise.all(out.map((e) => bodies.get(e)));
      return out;
    },
    clear() { ring.fill(undefined); next = 0; count = 0; },
  };
}

export type Journal = ReturnType<typeof createJournal>;
