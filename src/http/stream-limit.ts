// A cap on concurrent SSE streams per client (by remote address): a client that opens follow
// streams in a loop and never closes them would otherwise hold a bus subscription each, forever.
// Applied at the edge to every event stream (http/sse.ts marks them), whichever route produced it; past
// the cap the new stream is cancelled (its producer cleans up) and a Kestra-style 429 goes back.

import { ApiError } from '../shared/errors.ts';
import { errorResponse } from './error-plugin.ts';
import { isEventStream, markEventStream } from './sse.ts';

/** What Bun passes as the fetch handler's second argument (absent for in-process requests). */
export interface ClientInfo { requestIP(request: Request): { address: string } | null }

export type EdgeHandler = (request: Request, server?: ClientInfo) => Promise<Response>;

export const DEFAULT_MAX_STREAMS_PER_CLIENT = 100;

export function limitStreams(maxPerClient: number, next: EdgeHandler): EdgeHandler {
  const open = new Map<string, number>();
  const release = (client: string) => {
    const n = (open.get(client) ?? 1) - 1;
    if (n <= 0) open.delete(client);
    else open.set(client, n);
  };

  // only a GET can open a stream: the others go straight through, without a promise of their own
  return (request, server) => (request.method === 'GET'
    ? next(request, server).then((response) => (isEventStream(response) ? capped(request, response, server) : response))
    : next(request, server));

  async function capped(request: Request, response: Response, server?: ClientInfo): Promise<Response> {
    if (!response.body) return response;
    const client = server?.requestIP(request)?.address ?? 'in-process';
    const count = open.get(client) ?? 0;
    if (count >= maxPerClient) {
      await response.body.cancel().catch(() => {});
      return errorResponse(new ApiError('TOO_MANY_REQUESTS', `Too many open streams for client ${client}: the limit is ${maxPerClient} concurrent streams (--max-streams)`), request);
    }
    open.set(client, count + 1);
    // The count drops once, when the stream ends, errors or the client goes away (cancel).
    let released = false;
    const done = () => { if (!released) { released = true; release(client); } };
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { value, done: finished } = await reader.read();
          if (finished) { done(); controller.close(); } else controller.enqueue(value);
        } catch (err) {
          done();
          controller.error(err);
        }
      },
      cancel(reason) { done(); return reader.cancel(reason); },
    });
    return markEventStream(new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers }));
  }
}
