// A small client of a Kestra server's API for `push` and `test --server`: tenant paths, basic
// auth or a Bearer token, and failures turned into one clear sentence (unreachable, unauthorized,
// the server's own error message).

export interface RemoteOptions {
  server: string;
  tenant?: string;
  /** `user:password` (basic auth) */
  user?: string;
  token?: string;
  fetch?: typeof fetch;
}

export class RemoteError extends Error {
  constructor(message: string, readonly status?: number) { super(message); }
}

export interface Remote {
  base: string;
  /** `path` below `/api/v1/{tenant}` */
  request(method: string, path: string, body?: { text?: string; json?: unknown; form?: FormData; type?: string }): Promise<Response>;
  /** request + 2xx check + JSON body */
  json<T = unknown>(method: string, path: string, body?: { text?: string; json?: unknown; form?: FormData; type?: string }): Promise<T>;
}

async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch { /* not JSON */ }
  return text.trim().slice(0, 300) || res.statusText || `HTTP ${res.status}`;
}

export function createRemote(opts: RemoteOptions): Remote {
  let url: URL;
  try { url = new URL(opts.server); } catch { throw new RemoteError(`--server expects a URL such as http://localhost:8080, got '${opts.server}'`); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RemoteError(`--server expects an http(s) URL, got '${opts.server}'`);
  const origin = url.toString().replace(/\/+$/, '');
  const tenant = opts.tenant ?? 'main';
  const base = `${origin}/api/v1/${encodeURIComponent(tenant)}`;
  const headers: Record<string, string> = {};
  if (opts.user) {
    if (!opts.user.includes(':')) throw new RemoteError(`--user expects user:password`);
    headers.authorization = `Basic ${Buffer.from(opts.user).toString('base64')}`;
  } else if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const doFetch = opts.fetch ?? fetch;

  const request: Remote['request'] = async (method, path, body) => {
    const h: Record<string, string> = { ...headers };
    let payload: RequestInit['body'];
    if (body?.json !== undefined) { payload = JSON.stringify(body.json); h['content-type'] = 'application/json'; }
    else if (body?.form) payload = body.form;
    else if (body?.text !== undefined) { payload = body.text; h['content-type'] = body.type ?? 'application/x-yaml'; }
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, { method, headers: h, body: payload });
    } catch (err) {
      throw new RemoteError(`cannot reach ${origin}: ${(err as Error).message}`);
    }
    if (res.status === 401 || res.status === 403) {
      throw new RemoteError(`${origin} refused the credentials (HTTP ${res.status}): pass --user user:password or --token TOKEN`, res.status);
    }
    return res;
  };
  return {
    base,
    request,
    async json(method, path, body) {
      const res = await request(method, path, body);
      if (!res.ok) throw new RemoteError(`${method} ${path}: HTTP ${res.status}: ${await errorMessage(res)}`, res.status);
      const text = await res.text();
      return (text ? JSON.parse(text) : undefined) as never;
    },
  };
}
