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
    if (!table.has(route.method)) table.set(route.method, { route, names }); // the first registration wins, as in Elysia
  }

  function pick(table: Map<string, Named> | undefined, method: string): Named | undefined {
    if (!table) return undefined;
    return table.get(method) ?? (method === 'HEAD' ? table.get('GET') : undefined);
  }

  /** the route under `at` for segments[i..]; `values` collects the parameter segments on the way (popped on a failed branch) */
  function walk(at: Node, segments: string[], i: number, method: string, values: string[]): { named: Named; rest?: string } | undefined {
    if (i === segments.length) {
      const named = pick(at.routes, method);
      return named && { named };
    }
    const segment = segments[i]!;
    const literal = at.literal.get(segment) ?? (segment.includes('%') ? at.literal.get(decode(segment)) : undefined);
    if (literal) {
      const found = walk(literal, segments, i + 1, method, values);
      if (found) return found;
    }
    if (at.param && segment !== '') {
      values.push(segment);
      const found = walk(at.param, segments, i + 1, method, values);
      if (found) return found;
      values.pop();
    }
    const named = pick(at.rest, method);
    return named && { named, rest: segments.slice(i).join('/') };
  }

  function lookup(method: string, path: string): RouteMatch | undefined {
    const values: string[] = [];
    // segments[0] is the empty text before the leading '/'
    const found = walk(root, path.split('/'), 1, method, values);
    if (!found) return undefined;
    const params: Record<string, string> = {};
    found.named.names.forEach((name, i) => { params[name] = decode(values[i]!); });
    if (found.rest !== undefined) params['*'] = decode(found.rest);
    return { route: found.named.route, params };
  }

  return {
    find(method, path) {
      return lookup(method, path) ?? (path.length > 1 && path.endsWith('/') ? lookup(method, path.slice(0, -1)) : undefined);
    },
  };
}
