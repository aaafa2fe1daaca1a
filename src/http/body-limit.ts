// A body without a declared length (a chunked upload, or an in-process Request built from a
// stream) is read chunk by chunk and given up on as soon as it passes the limit: the server never
// buffers more than the limit plus one chunk, however much the client keeps sending.

export type Bounded = { ok: true; bytes: Uint8Array } | { ok: false; received: number };

/** The whole body, or how much had arrived when it passed `maxBytes` (the stream is then cancelled). */
export async function readBounded(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Bounded> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false, received: total };
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) { out.set(c, offset); offset += c.byteLength; }
  return { ok: true, bytes: out };
}
