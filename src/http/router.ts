// The route table of every feature (route-module.ts records them) as a tree of path segments.
// The edge finds a request's route here and Elysia runs it (context, `set`, answer mapping,
// errors): Elysia's own router compiled every route into generated code at start (~3–4 ms of a
// ~30 ms start for some 270 routes) and could not say which route it chose, which the 2.0 gate
// and the request journal need.
//
// Matching is Elysia's (memoirist's): per segment a literal beats a `:param`, which beats a
// trailing `*` (the rest of the path, maybe empty), trying the next kind when a branch fails; a
// `:param` takes a whole non-empty segment, percent-decoded; one trailing slash is ignored when
// nothing matches with it (Elysia's non-strict paths). HEAD runs the GET route. Unlike Elysia's
// router, routes sharing a position name their parameters each their own way
// (`/executions/:executionId/restart` next to `/executions/:namespace/:id`).

import type { RecordedRoute } from './route-module.ts';

export interface RouteMatch { route: RecordedRoute; params: Record<string, string> }

/** a route with the names of its parameters, in path order */
interface Named { route: RecordedRoute; names: string[] }

interface Node {
  literal: Map<string, Node>;
  param?: Node;
  /** routes ending in `*`, by method */
  rest?: Map<string, Named>;
  /** routes ending here, by method */
  routes?: Map<string, Named>;
}

const node = (): Node => ({ literal: new Map() });

function decode(segment: string): string {
  if (!segment.includes('%')) return segment;
  try { return decodeURIComponent(segment); } catch { return segment; }
}

export interface Router {
  find(method: string, path: string): RouteMatch | undefined;
}

export function createRouter(routes: Iterable<RecordedRoute>): Router {
  const root = node();
  /** routes without parameters, by exact path: most requests end in one Map lookup */
  const exact = new Map<string, Map<string, Named>>();
  for (const route of routes) {
    const parts = route.path.split('/').slice(1);
    const rest = parts[parts.length - 1] === '*';
    const names: string[] = [];
    let at = root;
    for (const part of rest ? parts.slice(0, -1) : parts) {
      if (part.startsWith(':')) {
        names.push(part.slice(1));
        at = at.param ??= node();
      } else {
        let next = at.literal.get(part);
        if (!next) at.literal.set(part, (next = node()));
        at = next;
      }
    }
    const table = rest ? (at.rest ??= new Map()) : (at.routes ??= new Map());
    if (table.has(route.method)) continue; // the first registration wins, as in Elysia
    table.set(route.method, { route, names });
    if (!rest && names.length === 0) {
      let byMethod = exact.get(route.path);
      if (!byMethod) exact.set(route.path, (byMethod = new Map()));
      byMethod.set(route.method, { route, names });
    }
  }

  function pick(table: Map<string, Named> | undefined, method: string): Named | undefined {
    if (!table) return undefined;
    return table.get(method) ?? (method === 'HEAD' ? table.get('GET') : undefined);
  }

  // the match being built: parameter segments (pushed and popped while walking) and the `*` rest
  const values: string[] = [];
  let rest: string | undefined;

  /** the route under `at` for the segments of `path` from index `start` (-1: none left) */
  function walk(at: Node, path: string, start: number, method: string): Named | undefined {
    if (start < 0) return pick(at.routes, method);
    const slash = path.indexOf('/', start);
    const segment = slash < 0 ? path.slice(start) : path.slice(start, slash);
    const next = slash < 0 ? -1 : slash + 1;
    const literal = at.literal.get(segment) ?? (segment.includes('%') ? at.literal.get(decode(segment)) : undefined);
    if (literal) {
      const found = walk(literal, path, next, method);
      if (found) return found;
    }
    if (at.param && segment !== '') {
      values.push(segment);
      const found = walk(at.param, path, next, method);
      if (found) return found;
      values.pop();
    }
    const named = pick(at.rest, method);
    if (named) rest = path.slice(start);
    return named;
  }

  function lookup(method: string, path: string): RouteMatch | undefined {
    const hit = pick(exact.get(path), method);
    if (hit) return { route: hit.route, params: {} };
    values.length = 0;
    rest = undefined;
    const found = path.startsWith('/') ? walk(root, path, 1, method) : undefined;
    if (!found) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < found.names.length; i++) params[found.names[i]!] = decode(values[i]!);
    if (rest !== undefined) params['*'] = decode(rest);
    return { route: found.route, params };
  }

  // Clients ask the same paths again and again (a flow, an execution being polled): the routes of
  // the latest few thousand paths are kept, each answer with its own copy of the params.
  const recent = new Map<string, RouteMatch | null>();
  const RECENT_MAX = 4096;

  return {
    find(method, path) {
      const key = method + ' ' + path;
      let found = recent.get(key);
      if (found === undefined) {
        found = lookup(method, path) ?? (path.length > 1 && path.endsWith('/') ? lookup(method, path.slice(0, -1)) : undefined) ?? null;
        if (recent.size >= RECENT_MAX) recent.clear();
        recent.set(key, found);
      }
      return found === null ? undefined : { route: found.route, params: { ...found.params } };
    },
  };
}
