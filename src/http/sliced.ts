// Big responses without stalling the server. The server has one thread: serializing 10,000
// executions (14 MB of JSON) in one go held every other request for ~140 ms. Here the items are
// loaded and serialized in slices of a few milliseconds, each slice a chunk of a streamed body,
// with a turn of the event loop between slices so other requests are answered meanwhile.
// Small responses (the common case) stay one synchronous write: streaming has a cost of its own.

const JSON_HEADERS = { 'content-type': 'application/json' };
/** wall time of one slice; other requests wait at most about this long */
export const SLICE_MS = 4;
/** below this many items a response is written in one piece */
const SLICE_FROM = 200;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const encoder = new TextEncoder();

/**
 * A body made of `count` pieces, `piece(i)` producing the i-th text (loaded and serialized only
 * when its slice runs), between `head` and `tail`.
 */
export function slicedBody(head: string, count: number, piece: (i: number) => string, tail: string): ReadableStream<Uint8Array> | string {
  if (count < SLICE_FROM) {
    let text = head;
    for (let i = 0; i < count; i++) text += piece(i);
    return text + tail;
  }
  let i = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (i > 0) await nextTurn();
      const started = performance.now();
      let chunk = i === 0 ? head : '';
      while (i < count && performance.now() - started < SLICE_MS) chunk += piece(i++);
      if (i >= count) chunk += tail;
      controller.enqueue(encoder.encode(chunk));
      if (i >= count) controller.close();
    },
  });
}

/** `{ ...fields, results: [items], ...}` as Kestra's paged results, the items serialized in slices. */
export function slicedJsonArray(head: string, count: number, item: (i: number) => unknown, tail: string, status = 200): Response {
  const body = slicedBody(`${head}[`, count, (i) => (i ? ',' : '') + JSON.stringify(item(i)), `]${tail}`);
  return new Response(body, { status, headers: JSON_HEADERS });
}

/** Kestra's paged result `{results, total}` with the results serialized in slices. */
export const slicedPage = (total: number, count: number, item: (i: number) => unknown): Response =>
  slicedJsonArray('{"results":', count, item, `,"total":${total}}`);
