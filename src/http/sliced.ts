// Big responses without stalling the server. The server has one thread: serializing 10,000
// executions (14 MB of JSON) in one go held every other request for ~140 ms. Here the items are
// loaded and serialized in slices, each slice a chunk of a streamed body, with a turn of the
// event loop between slices so other requests are answered meanwhile.
// A slice ends at a time budget or at a size budget, whichever comes first: items are not all
// small (a log line may be 10 KB, so 4 ms of them was 2.5 MB of text, and encoding and writing
// that chunk held the thread another ~5 ms outside the time check). A body that fits in its first
// slice (the common case) stays one synchronous string: streaming has a cost of its own.

const JSON_HEADERS = { 'content-type': 'application/json' };
/** wall time of one slice; other requests wait at most about this long */
export const SLICE_MS = 4;
/** text of one slice (UTF-16 units): a slice stops growing past it, so its encoding and write stay short too */
export const SLICE_CHARS = 256 * 1024;

/** One turn of the event loop (other requests' I/O and callbacks run first). */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const encoder = new TextEncoder();

/**
 * A body made of `count` pieces, `piece(i)` producing the i-th text (loaded and serialized only
 * when its slice runs), between `head` and `tail`. The first slice is built at once: if it holds
 * every piece the body is that string, otherwise it is the first chunk of a stream.
 */
export function slicedBody(head: string, count: number, piece: (i: number) => string, tail: string): ReadableStream<Uint8Array> | string {
  let i = 0;
  const slice = (start: string) => {
    const started = performance.now();
    let chunk = start;
    while (i < count && chunk.length < SLICE_CHARS && performance.now() - started < SLICE_MS) chunk += piece(i++);
    return i >= count ? chunk + tail : chunk;
  };
  const first = slice(head);
  if (i >= count) return first;
  let pending: string | undefined = first;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending === undefined) await nextTurn();
      const chunk = pending ?? slice('');
      pending = undefined;
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

/**
 * Above this many matches a big page (more than PAGE_FROM items) counts them in one turn of the
 * event loop, picks its page in the next and starts its answer in a third: counting and picking
 * are each a synchronous query over every match (the page's sort ~3-5 ms at 10,000), and in one
 * turn with the answer's first slice they held other requests 10-18 ms. Small pages stay one turn:
 * under load each extra turn waits behind every other client (a 25-line page at 10,000 matches
 * costs ~2 ms in all; splitting tripled its p50 at 100 clients).
 */
const SPLIT_FROM = 2000;
const PAGE_FROM = 200;

/** A search's total and page, in one turn or (big ones) three: see SPLIT_FROM. */
export async function searchInTurns<P>(pageSize: number, count: () => number, pick: () => P | Promise<P>): Promise<{ total: number; page: P }> {
  const total = count();
  const split = total > SPLIT_FROM && pageSize > PAGE_FROM;
  if (split) await nextTurn();
  const page = await pick();
  if (split) await nextTurn(); // the answer's first slice in a turn of its own too
  return { total, page };
}
