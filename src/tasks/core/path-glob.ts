// Path patterns as Kestra matches files (java.nio PathMatcher): `glob:` and `regex:` syntaxes,
// full-path matches. Globs: `*` and `?` stay inside one path segment, `**` crosses segments,
// `[...]`/`[!...]` classes, `{a,b}` alternatives, `\` escapes.

import { TaskError } from '../types.ts';

function globToRegex(glob: string): RegExp {
  let out = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\' && i + 1 < glob.length) out += escapeChar(glob[++i]!);
    else if (c === '*') {
      if (glob[i + 1] === '*') {
        out += '.*';
        i++;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) throw new TaskError(`Invalid glob pattern '${glob}': missing ']'`);
      let body = glob.slice(i + 1, end);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '{' && !inGroup) {
      out += '(?:';
      inGroup = true;
    } else if (c === '}' && inGroup) {
      out += ')';
      inGroup = false;
    } else if (c === ',' && inGroup) out += '|';
    else out += escapeChar(c);
  }
  if (inGroup) throw new TaskError(`Invalid glob pattern '${glob}': missing '}'`);
  return new RegExp(`^${out}$`);
}

const escapeChar = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function compile(syntaxAndPattern: string): RegExp {
  if (syntaxAndPattern.startsWith('regex:')) {
    try {
      return new RegExp(`^(?:${syntaxAndPattern.slice('regex:'.length)})$`);
    } catch (e) {
      throw new TaskError(`Invalid regex pattern '${syntaxAndPattern}': ${(e as Error).message}`, e);
    }
  }
  return globToRegex(syntaxAndPattern.startsWith('glob:') ? syntaxAndPattern.slice('glob:'.length) : syntaxAndPattern);
}

export type PathPredicate = (path: string) => boolean;

/**
 * Kestra's PathMatcherPredicate (namespace.DeleteFiles): a pattern without syntax prefix is a
 * glob, and one starting with a word character gets `**` + `/` in front so "a.txt" matches at
 * any depth. Paths are absolute ("/dir/a.txt").
 */
export function pathMatcher(patterns: readonly string[]): PathPredicate {
  const regexes = patterns.map((p) => compile(p.startsWith('glob:') || p.startsWith('regex:') ? p : /^\w/.test(p) ? `**/${p}` : p));
  return (path) => regexes.some((r) => r.test(path));
}

/** namespace.DownloadFiles: every pattern is a glob rooted at "/" (a leading slash is added). */
export function rootedGlobMatcher(patterns: readonly string[]): PathPredicate {
  const regexes = patterns.map((p) => globToRegex(p.startsWith('/') ? p : `/${p}`));
  return (path) => regexes.some((r) => r.test(path));
}
