// Server-Sent Events in Kestra's wire format (api-contract §1.10): the event kind travels in the
// `id:` field (`progress` / `end`), never in `event:`, and `data:` is one line of compact JSON.
// Streams are driven either by a push/close channel or by an async iterator; both stop their
// producer as soon as the client goes away, so no bus subscription outlives its connection.
// The one addition to Kestra's frames: a bare `:` comment when a stream opens with nothing to
// send (see start() below).

export interface SseEvent { kind: string; data: unknown }

export interface SseChannel {
  /** Queues one frame. Strings are taken as already-serialised JSON (so a payload serialised once can be sent twice). */
  send(kind: string, data: unknown): void;
  /** Ends the stream normally; runs the producer's cleanup. */
  close(): void;
  readonly closed: boolean;
}

/** Starts the producer; the returned function runs exactly once when the stream ends for any reason. */
export type SseStart = (channel: SseChannel) => (() => void) | void;

const HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

// Every event stream the server answers is made here (or re-made from one of these by the 2.0
// shaper, which marks its copy): the edge's stream cap tells them by this mark instead of reading
// the content type of every GET answer (building a Headers object per request).
const eventStreams = new WeakSet<Response>();
export const markEventStream = (response: Response): Response => { eventStreams.add(response); return response; };
export const isEventStream = (response: Response): boolean => eventStreams.has(response);

export function sseFrame(kind: string, data: unknown): string {
  const json = typeof data === 'string' ? data : JSON.stringify(data);
  return `id: ${kind}\ndata: ${json}\n\n`;
}

export function sseResponse(request: Request, start: SseStart): Response {
  const encoder = new TextEncoder();
  let done = false;
  let sent = false;
  let cleanup: (() => void) | void;
  let controller!: ReadableStreamDefaultController<Uint8Array>;

  // Client disconnects surface either as request.signal aborting or as the body being cancelled,
  // depending on where the socket is noticed closed; both funnel into finish().
  const finish = () => {
    if (done) return;
    done = true;
    request.signal.removeEventListener('abort', finish);
    const fn = cleanup;
    cleanup = undefined;
    fn?.();
  };

  const channel: SseChannel = {
    send(kind, data) {
      if (done) return;
      try {
        controller.enqueue(encoder.encode(sseFrame(kind, data)));
        sent = true;
      } catch {
        finish(); // the stream was torn down underneath us
      }
    },
    close() {
      if (done) return;
      finish();
      try { controller.close(); } catch { /* already closed by the client */ }
    },
    get closed() { return done; },
  };

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      const returned = start(channel);
      // The producer may have closed the channel synchronously (e.g. a single `end` frame).
      if (done) returned?.();
      else cleanup = returned;
      // Bun holds the status line and headers until the first body byte, so a stream with nothing
      // to say yet (a log follow of an execution without logs) would leave the client hanging.
      // One SSE comment line gets them out; EventSource-style parsers ignore it.
      if (!sent && !done) c.enqueue(encoder.encode(':\n\n'));
    },
    cancel: finish,
  });

  if (request.signal.aborted) finish();
  else request.signal.addEventListener('abort', finish, { once: true });
  return markEventStream(new Response(body, { headers: HEADERS }));
}

/** A stream fed by an async iterator; the iterator is returned (stopped) when the client leaves. */
export function sseFromIterator(request: Request, source: AsyncIterable<SseEvent>): Response {
  return sseResponse(request, (channel) => {
    const iterator = source[Symbol.asyncIterator]();
    void (async () => {
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done || channel.closed) break;
          channel.send(next.value.kind, next.value.data);
        }
      } catch {
        // a failing producer ends the stream; the status line has long been sent
      } finally {
        channel.close();
      }
    })();
    return () => void iterator.return?.();
  });
}
