// The `path`, `from` and `to` query values of the Files API (api-contract §3.12). They are paths
// relative to the namespace root (a leading "/" is optional), or that root's own
// `kestra:///<ns>/_files/...` URI. No value may leave its namespace: `..` anywhere (also
// percent-encoded, once or several times, as Kestra's local storage refuses any ".."),
// backslashes, encoded separators, control characters and over-long names are refused with a 422
// before anything is read or written.

import { illegalArgument } from '../shared/errors.ts';
import { normalizeNamespacePath, NamespaceFilesError, namespaceFilesPrefix } from '../namespaces/files/store.ts';

export const FLOWS_FOLDER = '_flows';

const TRAVERSAL = "File should be accessed with their full path and not using relative '..' path.";
const MAX_DECODE_ROUNDS = 4;

/** The value and every form it takes when percent-decoded again (double-encoding attacks). */
function decodedForms(raw: string): string[] {
  const forms = [raw];
  let current = raw;
  for (let i = 0; i < MAX_DECODE_ROUNDS && /%[0-9a-fA-F]{2}/.test(current); i++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      break; // a lone "%" is a literal character of the name
    }
    forms.push(current);
  }
  return forms;
}

/** Namespace-relative, normalised path ("/a/b.txt"; "/" is the root) of a query value. */
export function apiPath(namespace: string, raw: string): string {
  let value = raw;
  if (/^kestra:\/\//i.test(value)) {
    const prefix = `kestra://${namespaceFilesPrefix(namespace)}`;
    if (value !== prefix && !value.startsWith(`${prefix}/`)) {
      throw illegalArgument(`Invalid Kestra URI. Expected prefix for namespace '${namespace}', but was ${raw}.`);
    }
    value = value.slice(prefix.length);
  }
  const forms = decodedForms(value);
  if (forms.some((f) => f.includes('..'))) throw illegalArgument(TRAVERSAL);
  if (forms.some((f) => f.includes('\\'))) throw illegalArgument(`Invalid path '${raw}': backslashes are not allowed`);
  if (forms.length > 1 && forms.slice(1).some((f, i) => countSlashes(f) !== countSlashes(forms[i]!))) {
    throw illegalArgument(`Invalid path '${raw}': encoded path separators are not allowed`);
  }
  // eslint-disable-next-line no-control-regex
  if (forms.some((f) => /[\u0000-\u001f\u007f]/.test(f))) throw illegalArgument(`Invalid path: control characters are not allowed`);
  try {
    return normalizeNamespacePath(value);
  } catch (err) {
    if (err instanceof NamespaceFilesError) throw illegalArgument(err.message);
    throw err;
  }
}

const countSlashes = (s: string) => s.split('/').length;

/** `/_flows` and everything below it belong to the flows, not to the files (Kestra's guard). */
export const isFlowsPath = (path: string) => path.startsWith(`/${FLOWS_FOLDER}`);

export function guardForbidden(path: string): string {
  if (isFlowsPath(path)) throw illegalArgument(`Forbidden path: ${path}`);
  return path;
}

/** Checked path for reads, listings, moves and deletes. */
export const readablePath = (namespace: string, raw: string) => guardForbidden(apiPath(namespace, raw));
