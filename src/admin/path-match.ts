// Path patterns of faults and journal filters: '*' matches within one segment, '**' matches
// anything (slashes included), everything else literally. A pattern is tried against the path the
// client sent and the path routed (tenant stripped), so `/api/v1/flows/**` also catches
// `/api/v1/main/flows/...` — each with and without one trailing slash, which the router ignores
// too (and a GET pattern catches HEAD, which runs the GET route).

export type PathMatcher = (rawPath: string, path: string) => boolean;

const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

export function pathMatcher(pattern: string): PathMatcher {
  const source = pattern.split('**').map((part) => part.split('*').map(escape).join('[^/]*')).join('.*');
  const re = new RegExp(`^${source}$`);
  const test = (p: string) => re.test(p) || (p.length > 1 && p.endsWith('/') && re.test(p.slice(0, -1)));
  return (rawPath, path) => test(rawPath) || test(path);
}

/** '*' (or nothing) is any method; otherwise case-insensitive equality, HEAD counting as GET (the route it runs). */
export function methodMatches(pattern: string | undefined, method: string): boolean {
  if (pattern === undefined || pattern === '*') return true;
  const p = pattern.toUpperCase();
  const m = method.toUpperCase();
  return p === m || (p === 'GET' && m === 'HEAD');
}
