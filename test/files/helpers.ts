// Shared by the Files API tests: multipart uploads and a snapshot of every stored blob (to prove
// that a refused request wrote nothing anywhere).
import type { TestClient } from '../helpers/runtime.ts';

export const BASES = ['/api/v1', '/api/v1/main'] as const;

export function fileForm(content: string | Uint8Array, fileName = 'upload.txt', part = 'fileContent'): FormData {
  const form = new FormData();
  form.append(part, new File([content], fileName));
  return form;
}

export async function upload(c: TestClient, ns: string, path: string, content: string | Uint8Array, opts: { base?: string; fileName?: string } = {}) {
  const r = await c.call('POST', `${opts.base ?? '/api/v1'}/namespaces/${ns}/files?path=${encodeURIComponent(path)}`, { body: fileForm(content, opts.fileName) });
  return { status: r.status, text: await r.text() };
}

export async function read(c: TestClient, ns: string, path: string, base = '/api/v1') {
  const r = await c.call('GET', `${base}/namespaces/${ns}/files?path=${encodeURIComponent(path)}`);
  return { status: r.status, text: await r.text(), res: r };
}

/** every blob key with its size: equal snapshots mean nothing was written or deleted */
export const snapshot = (c: TestClient) => c.rt.blobs.list('').map((b) => `${b.key}:${b.size}`).join('\n');
