// What the server tells a client about its own failures: never where its files are. Messages of
// unexpected errors (ENOENT with a path, a parser error naming a module) and stack traces are
// sent without file system paths or source locations.

export const HIDDEN_PATH = '<server path>';

// an absolute path (POSIX, Windows or file://) of at least two segments, with its :line:col
const FS_PATH = /(?:file:\/\/)?(?:[A-Za-z]:[\\/]|\/)(?:[^\s'"`()<>,;:[\]{}]+[\\/])+[^\s'"`()<>,;:[\]{}]*(?::\d+){0,2}/g;

export function hideServerPaths(text: string): string {
  return text.replace(FS_PATH, HIDDEN_PATH);
}

/** The message of an unexpected exception as a client may see it: one line, no paths. */
export function publicMessage(error: unknown): string {
  let raw: string;
  try {
    raw = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unexpected error';
  } catch { raw = 'unexpected error'; }
  const line = hideServerPaths(String(raw).split('\n', 1)[0]!.trim()).slice(0, 500);
  return line || 'unexpected error';
}

/**
 * A stack trace without its locations: `Name: message` and the function names of its frames
 * (Kestra's eval answers carry a stack trace; its frames are of no use without the sources).
 */
export function publicStack(error: unknown): string {
  const head = `${error instanceof Error ? error.name : 'Error'}: ${publicMessage(error)}`;
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  const frames = stack.split('\n').map((l) => /^\s*at\s+(.*?)\s*(?:\(.*\))?$/.exec(l)?.[1]).filter((f): f is string => !!f)
    .map((f) => hideServerPaths(f)).filter((f) => f !== HIDDEN_PATH && !f.startsWith(HIDDEN_PATH));
  return [head, ...frames.map((f) => `\tat ${f}`)].join('\n');
}
