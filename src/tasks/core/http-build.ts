// Builds the fetch request of http.Request from the task's properties: rendered headers (a
// value may be a list), authentication (options.basicAuthUser/Password, options.auth or auth
// with BASIC/BEARER), and the body: `formData` as multipart (values may be kestra:// URIs or
// {name, content} files) or url-encoded, else the rendered `body` string.

import { TaskError, type RunContext } from '../types.ts';
import { renderMap, renderString } from './render-props.ts';
import { isPlainObject } from '../../shared/guards.ts';

const isKestraUri = (v: unknown): v is string => typeof v === 'string' && v.startsWith('kestra://');
const fileName = (uri: string) => uri.split('/').filter(Boolean).pop() ?? 'file';

function authHeader(ctx: RunContext, options: Record<string, unknown>): string | undefined {
  const user = renderString(ctx, options.basicAuthUser);
  if (user !== undefined) return `Basic ${btoa(`${user}:${renderString(ctx, options.basicAuthPassword) ?? ''}`)}`;
  const auth = isPlainObject(options.auth) ? options.auth : isPlainObject(ctx.task.auth) ? ctx.task.auth : undefined;
  if (!auth) return undefined;
  const type = (renderString(ctx, auth.type) ?? '').toUpperCase();
  if (type === 'BASIC') return `Basic ${btoa(`${renderString(ctx, auth.username) ?? ''}:${renderString(ctx, auth.password) ?? ''}`)}`;
  if (type === 'BEARER') return `Bearer ${renderString(ctx, auth.token) ?? ''}`;
  throw new TaskError(`Unsupported authentication type '${type}' (BASIC and BEARER are supported)`);
}

export function buildHeaders(ctx: RunContext, options: Record<string, unknown>, contentType: string | undefined): Headers {
  const headers = new Headers();
  const declared = renderMap(ctx, ctx.task.headers, 'headers') ?? {};
  for (const [name, value] of Object.entries(declared)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null) headers.append(name, typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
  }
  const auth = authHeader(ctx, options);
  if (auth) headers.set('Authorization', auth);
  // multipart needs the boundary fetch generates, so its content type is left to fetch
  if (contentType && !contentType.toLowerCase().startsWith('multipart/form-data')) headers.set('Content-Type', contentType);
  return headers;
}

function filePart(ctx: RunContext, value: unknown): Blob | string {
  if (isKestraUri(value)) return new File([ctx.storage.readFile(value)], fileName(value));
  if (isPlainObject(value) && value.content !== undefined) {
    const content = value.content;
    const name = typeof value.name === 'string' ? value.name : isKestraUri(content) ? fileName(content) : 'file';
    const data = isKestraUri(content) ? ctx.storage.readFile(content) : String(content);
    return new File([data], name);
  }
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value === undefined || value === null ? '' : String(value);
}

export function buildBody(ctx: RunContext, contentType: string | undefined): RequestInit['body'] | undefined {
  const formData = renderMap(ctx, ctx.task.formData, 'formData');
  if (formData) {
    if (contentType?.toLowerCase().startsWith('multipart/form-data')) {
      const form = new FormData();
      for (const [name, value] of Object.entries(formData)) {
        for (const v of Array.isArray(value) ? value : [value]) form.append(name, filePart(ctx, v));
      }
      return form;
    }
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(formData)) {
      for (const v of Array.isArray(value) ? value : [value]) params.append(name, v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
    return params;
  }
  return renderString(ctx, ctx.task.body);
}

/** `headers` output: every response header as a list of values (Set-Cookie lines kept apart). */
export function headersOutput(headers: Headers): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  headers.forEach((value, name) => {
    out[name] = name.toLowerCase() === 'set-cookie' ? headers.getSetCookie() : [value];
  });
  return out;
}

export function charsetOf(contentType: string | null, fallback: string | undefined): string {
  const m = contentType ? /charset="?([^";]+)"?/i.exec(contentType) : null;
  return m?.[1] ?? fallback ?? 'utf-8';
}
