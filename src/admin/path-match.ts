// Path patterns of faults and journal filters: '*' matches within one segment, '**' matches
// anything (slashes included), everything else literally. A pattern is tried against the path the
// client sent and the path routed (tenant stripped), so `/api/v1/flows/**` also catches
// `/api/v1/main/flows/...`.

export type PathMatcher = (rawPath: string, path: string) => boolean;

const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

export function pathMatcher(pattern: string): PathMatcher {
  const source = pattern.split('**').map((part) => part.split('*').map(escape).join('[^/]*')).join('.*');
  const re = new RegExp(`^${source}$`);
  return (rawPath, path) => re.test(rawPath) || re.test(path);
}

/** '*' (or nothing) is any method; otherwise case-insensitive equality. */
export function methodMatches(pattern: string | undefined, method: string): boolean {
  return pattern === undefined || pattern === '*' || pattern.toUpperCase() === method.toUpperCase();
}
