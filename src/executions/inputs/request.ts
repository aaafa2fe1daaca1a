// The inputs part of an execution request (create, resume, replay-with-inputs, validate):
// multipart/form-data or no body at all; any other body is Kestra's 415.

import { bodyKind, readForm } from '../../http/body.ts';
import { ApiError } from '../../shared/errors.ts';
import { providedFromForm, type ProvidedValue } from './inputs.ts';

export async function inputsFromRequest(request: Request): Promise<Map<string, ProvidedValue>> {
  if (bodyKind(request) === 'multipart') return providedFromForm(await readForm(request));
  if ((await request.text()).length > 0) {
    throw new ApiError('UNSUPPORTED_MEDIA', `Content Type [${request.headers.get('content-type') ?? 'none'}] not allowed. Allowed types: multipart/form-data`);
  }
  return new Map();
}
