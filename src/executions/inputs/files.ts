// Multipart input parts and FILE uploads (api-contract §1.11).
import type { Input } from '../../flows/model.ts';
import type { BlobStore } from '../../shared/storage/blobs.ts';
import { crc32 } from '../../shared/zip/crc32.ts';
import { ApiError } from '../../shared/errors.ts';
import { blobKey, inputFilePath, toUri } from '../../shared/storage/paths.ts';

export interface UploadTarget {
  tenant: string;
  namespace: string;
  flowId: string;
  executionId: string;
  blobs: BlobStore;
}

export const isUpload = (value: unknown): value is Blob => typeof Blob !== 'undefined' && value instanceof Blob;

/** The multipart part name of Kestra's legacy file upload, whose *file name* is the input id. */
export const LEGACY_FILES_PART = 'files';

/**
 * Parts by name: a part `myfile` (text or file) fills input `myfile`, as current Kestra reads
 * them; a file part named `files` is the legacy form (0.21 clients, `-F files=@data.csv;filename=myfile`)
 * and fills the input named by its file name.
 */
export async function formToProvided(form: FormData): Promise<Map<string, unknown>> {
  const provided = new Map<string, unknown>();
  for (const [name, value] of form.entries()) {
    const entry = value as unknown;
    if (isUpload(entry) && name === LEGACY_FILES_PART) provided.set((entry as File).name || name, entry);
    else provided.set(name, entry);
  }
  return provided;
}

/** Kestra stores FILE uploads with the declared `extension` (default `.upl`), dot added if missing. */
function extensionOf(declared: Input[], id: string): string {
  const input = declared.find((i) => i.id === id && i.type === 'FILE');
  const ext = input?.extension ?? '.upl';
  return ext.startsWith('.') ? ext : `.${ext}`;
}

/**
 * Uploads replace File values by their `kestra:///` URI. Kestra names the stored file after a temp
 * file (`<input>_<random><ext>`); the number here is the content's CRC-32 so runs stay
 * deterministic. `store: false` computes the URI only (the validate endpoint keeps nothing).
 */
export async function storeUploads(
  declared: Input[],
  provided: Map<string, unknown>,
  target: UploadTarget,
  store: boolean,
): Promise<Map<string, unknown>> {
  const out = new Map(provided);
  const ids = new Set(declared.map((i) => i.id));
  for (const [id, value] of provided) {
    if (!isUpload(value)) continue;
    // Kestra reads every part before looking at declarations, so an empty file always fails. Kestra
    // answers 500 (a KestraRuntimeException); the request is the cause, so kestra-lite says 400
    // with Kestra's message (issue 16: never a 5xx from input alone)
    if (value.size === 0) throw new ApiError('BAD_REQUEST', `Can't upload file: ${id}`);
    if (!ids.has(id)) {
      out.delete(id);
      continue;
    }
    const bytes = new Uint8Array(await value.arrayBuffer());
    const path = inputFilePath(target.namespace, target.flowId, target.executionId, id, `${id}_${crc32(bytes)}${extensionOf(declared, id)}`);
    if (store) target.blobs.put(blobKey(target.tenant, path), bytes);
    out.set(id, toUri(path));
  }
  return out;
}
