// io.kestra.plugin.core.http.Request (alias io.kestra.plugin.fs.http.Request): sends the request
// with ctx.fetch and returns {uri, code, headers: {name: [values]}, body} (body as text, never
// parsed). A status >= 400 fails unless `allowFailed` (or outside options.allowedResponseCodes
// when given). options.readTimeout (PT10S) bounds the whole exchange, timed on the injected
// clock; killing the task aborts the request.

import { isoDuration } from '../../shared/time/durations.ts';
import { TaskError, TaskKilledError, type RunContext, type RunnableTask } from '../types.ts';
import { buildBody, buildHeaders, charsetOf, headersOutput } from './http-build.ts';
import { renderBool, renderDuration, renderRequired, renderString } from './render-props.ts';
import { isPlainObject } from '../../shared/guards.ts';

const DEFAULT_READ_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_CONTENT_LENGTH = 10 * 1024 * 1024;

function allowedCodes(ctx: RunContext, options: Record<string, unknown>): number[] | undefined {
  const raw = options.allowedResponseCodes;
  if (raw === undefined || raw === null) return undefined;
  const list = typeof raw === 'string' ? JSON.parse(ctx.render(raw)) : raw;
  return Array.isArray(list) ? list.map((c) => Number(typeof c === 'string' ? ctx.render(c) : c)) : undefined;
}

async function send(ctx: RunContext, url: string, init: RequestInit, timeoutMs: number): Promise<{ res: Response; bytes: Uint8Array }> {
  const controller = new AbortController();
  let reason: 'timeout' | 'killed' | undefined;
  const timer = ctx.clock.setTimer(timeoutMs, () => {
    reason = 'timeout';
    controller.abort();
  });
  const onKill = () => {
    reason = 'killed';
    controller.abort();
  };
  if (ctx.signal.aborted) onKill();
  ctx.signal.addEventListener('abort', onKill);
  try {
    const res = await ctx.fetch(url, { ...init, signal: controller.signal });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  } catch (e) {
    if (reason === 'killed') throw new TaskKilledError();
    if (reason === 'timeout') throw new TaskError(`Read timed out after ${isoDuration(timeoutMs)}`, e);
    throw new TaskError(`Unable to execute HTTP request: ${e instanceof Error ? e.message : String(e)}`, e);
  } finally {
    timer.cancel();
    ctx.signal.removeEventListener('abort', onKill);
  }
}

export const httpRequestTask: RunnableTask = {
  async run(ctx) {
    const uri = renderRequired(ctx, ctx.task.uri, 'uri');
    const method = (renderString(ctx, ctx.task.method) ?? 'GET').toUpperCase();
    const options = isPlainObject(ctx.task.options) ? ctx.task.options : {};
    const contentType = renderString(ctx, ctx.task.contentType);
    const allowFailed = renderBool(ctx, ctx.task.allowFailed ?? options.allowFailed, false);
    const failOnEmpty = renderBool(ctx, ctx.task.failOnEmptyResponse, false);
    const timeoutMs = renderDuration(ctx, options.readTimeout) ?? DEFAULT_READ_TIMEOUT_MS;
    const maxLength = Number(renderString(ctx, options.maxContentLength) ?? DEFAULT_MAX_CONTENT_LENGTH);
    const followRedirects = renderBool(ctx, options.followRedirects, true);
    const allowed = allowedCodes(ctx, options);
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new TaskError(`Illegal character or invalid URI: ${uri}`);
    }

    const init: RequestInit = { method, headers: buildHeaders(ctx, options, contentType), redirect: followRedirects ? 'follow' : 'manual' };
    const body = buildBody(ctx, contentType);
    if (body !== undefined && method !== 'GET' && method !== 'HEAD') init.body = body;

    const { res, bytes } = await send(ctx, url.href, init, timeoutMs);
    const code = res.status;
    const length = res.headers.get('content-length');
    if (length !== null && length !== '' && Number.isFinite(Number(length))) {
      ctx.metric('counter', 'response.length', Number(length), { 'request.method': method, 'response.code': String(code) });
    }
    ctx.logger.debug(`Request '${uri}' with the response code '${code}'`);
    if (bytes.byteLength > maxLength) throw new TaskError(`Response size ${bytes.byteLength} exceeds the maximum content length of ${maxLength} bytes`);

    let text: string;
    try {
      const charset = charsetOf(res.headers.get('content-type'), renderString(ctx, options.defaultCharset));
      text = new TextDecoder(charset as ConstructorParameters<typeof TextDecoder>[0]).decode(bytes);
    } catch {
      text = new TextDecoder().decode(bytes);
    }
    const ok = allowed ? allowed.includes(code) : code < 400 || allowFailed;
    if (!ok) throw new TaskError(`Failed http request with response code '${code}'${text ? ` and body:\n${text}` : ''}`);
    if (failOnEmpty && text === '') throw new TaskError(`Failed http request with response code '${code}' and empty response`);

    const outputs: Record<string, unknown> = { uri, code, headers: headersOutput(res.headers) };
    if (renderBool(ctx, ctx.task.encryptBody, false)) {
      // no encryption key exists locally: say so instead of silently pretending
      ctx.logger.warn('encryptBody is not supported by kestra-lite: the body is returned in clear text');
    }
    if (text !== '') outputs.body = text;
    return { outputs };
  },
};
