// The version layer at the HTTP edge (`--kestra-version 2.0`), in one object the edge consults
// twice: before routing (the gate: only 2.0's operations answer) and after (the shaper: the
// response body, or each SSE frame, in the shape the operation declares in 2.0). Default mode
// (0.21) has no edge at all, so its routes and bodies are exactly those of the route modules.

import type { KestraVersion } from '../shared/kestra-version.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { createGate, type GateDecision, type GateRequest } from './gate.ts';
import { operations20, type CompatOperation } from './operations.ts';
import { eventDataSchema, responseSchema, type Schema } from './schemas.ts';
import { shapeValue, type ShapeContext } from './shape.ts';

export interface CompatEdge {
  readonly version: KestraVersion;
  decide(request: GateRequest): GateDecision;
  shape(response: Response, operation: CompatOperation, tenant: string): Promise<Response>;
}

/** The edge of a runtime's Kestra version; undefined for the default (0.21), which needs none. */
export function compatEdge(version: KestraVersion, ids: IdGenerator): CompatEdge | undefined {
  if (version === '0.21') return undefined;
  const decide = createGate(operations20());
  return {
    version,
    decide,
    async shape(response, operation, tenant) {
      const ctx: ShapeContext = { tenant, newId: ids };
      const type = response.headers.get('content-type') ?? '';
      const key = `${operation.method} ${operation.path}`;
      if (type.startsWith('text/event-stream')) {
        const event = responseSchema(key, response.status, 'text/event-stream');
        const data = event && eventDataSchema(event);
        return data && response.body ? shapeSse(response, data, ctx) : response;
      }
      if (!type.includes('json')) return response;
      const schema = responseSchema(key, response.status, 'application/json');
      if (!schema) return response;
      const text = await response.text();
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      let body = text;
      try { body = JSON.stringify(shapeValue(JSON.parse(text), schema, ctx)); } catch { /* not JSON after all: as written */ }
      return new Response(body, { status: response.status, headers });
    },
  };
}

/** Shapes the JSON of every `data:` line; frames are one line each (http/sse.ts). */
function shapeSse(response: Response, data: Schema, ctx: ShapeContext): Response {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  const shapeLines = (text: string) => text.replace(/^data: ?(.*)$/gm, (line, json: string) => {
    try { return `data: ${JSON.stringify(shapeValue(JSON.parse(json), data, ctx))}`; } catch { return line; }
  });
  const body = response.body!.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      pending += decoder.decode(chunk, { stream: true });
      const end = pending.lastIndexOf('\n');
      if (end < 0) return;
      controller.enqueue(encoder.encode(shapeLines(pending.slice(0, end + 1))));
      pending = pending.slice(end + 1);
    },
    flush(controller) {
      if (pending) controller.enqueue(encoder.encode(shapeLines(pending)));
    },
  }));
  return new Response(body, { status: response.status, headers: response.headers });
}
