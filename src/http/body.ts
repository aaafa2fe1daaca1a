// Request body readers. Route handlers read bodies through these (not Elysia's automatic
// parser) so that every malformed body becomes a Kestra-style 4xx with a clear message.

import { ApiError } from '../shared/errors.ts';
import { nestingError } from '../shared/nesting.ts';

export type BodyKind = 'yaml' | 'json' | 'multipart' | 'text' | 'other';

export function bodyKind(request: Request): BodyKind {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.includes('yaml')) return 'yaml';
  if (type.includes('json')) return 'json';
  if (type.startsWith('multipart/form-data')) return 'multipart';
  if (type.startsWith('text/')) return 'text';
  return 'other';
}

export async function readText(request: Request): Promise<string> {
  try {
    return await request.text();
  } catch (err) {
    throw new ApiError('BAD_REQUEST', `Unable to read the request body: ${(err as Error).message}`);
  }
}

/** Parses a JSON body; an empty body is `undefined` (callers decide whether that is allowed). */
export async function readJson(request: Request): Promise<unknown> {
  const text = await readText(request);
  if (text.trim() === '') return undefined;
  const tooDeep = nestingError(text);
  if (tooDeep) throw new ApiError('INVALID_JSON', tooDeep);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError('INVALID_JSON', (err as Error).message);
  }
}

export async function readForm(request: Request): Promise<FormData> {
  try {
    return (await request.formData()) as unknown as FormData;
  } catch (err) {
    throw new ApiError('BAD_REQUEST', `Invalid multipart body: ${(err as Error).message}`);
  }
}

/** 415 unless the body has one of the accepted kinds. */
export function requireKind(request: Request, ...accepted: BodyKind[]): BodyKind {
  const kind = bodyKind(request);
  if (!accepted.includes(kind)) {
    const type = request.headers.get('content-type') ?? 'none';
    throw new ApiError('UNSUPPORTED_MEDIA', `Content Type [${type}] not allowed. Allowed types: ${accepted.map(mediaOf).join(', ')}`);
  }
  return kind;
}

const mediaOf = (k: BodyKind) =>
  ({ yaml: 'application/x-yaml', json: 'application/json', multipart: 'multipart/form-data', text: 'text/plain', other: '*/*' })[k];
