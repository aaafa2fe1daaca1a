// The route table of every feature (route-module.ts records them) as a tree of path segments.
// The edge finds a request's route here and Elysia runs it (context, `set`, answer mapping,
// errors): Elysia's own router compiled every route into generated code at start (~3–4 ms of a
// ~30 ms start for some 270 routes) and could not say which route it chose, which the 2.0 gate
// and the request journal need.
//
// Matching is Elysia's (memoirist's): per segment a literal beats a `:param`, which beats a
// trailing `*` (the rest of the path, maybe empty), trying the next kind when a branch fails; a
// `:param` takes a whole non-empty segment, percent-decoded; one trailing slash is ignored when
// nothing matches with it (Elysia's non-strict paths). HEAD runs the GET route.

import type { RecordedRoute } from './route-module.ts';

export interface RouteMatch { route: RecordedRoute; params: Record<string, string> }

interface Node {
  literal: Map<string, Node>;
  param?: { name: string; node: Node };
  /** routes ending in `*`, by method */
  rest?: Map<string, RecordedRoute>;
  /** routes ending here, by method */
  routes?: Map<string, RecordedRoute>;
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
    let at = root;
    for (const part of rest ? parts.slice(0, -1) : parts) {
      if (part.startsWith(':')) {
        // one parameter name per position, as in Elysia's router: the first route's name is kept
        at.param ??= { name: part.slice(1), node: node() };
        at = at.param.node;
      } else {
        let next = at.literal.get(part);
        if (!next) at.literal.set(part, (next = node()));
        at = next;
      }
    }
    const table = rest ? (at.rest ??= new Map()) : (at.routes ??= new Map());
    if (!table.has(route.method)) table.set(route.method, route); // the first registration wins, as in Elysia
  }

  function pick(table: Map<string, RecordedRoute> | undefined, method: string): RecordedRoute | undefined {
    if (!table) return undefined;
    return table.get(method) ?? (method === 'HEAD' ? table.get('GET') : undefined);
  }

  /** the route under `at` for segments[i..], filling `params` on the way (undone on a failed branch) */
  function walk(at: Node, segments: string[], i: number, method: string, params: Record<string, string>): RecordedRoute | undefined {
    if (i === segments.length) return pick(at.routes, method);
    const segment = segments[i]!;
    const literal = at.literal.get(segment) ?? (segment.includes('%') ? at.literal.get(decode(segment)) : undefined);
    if (literal) {
      const found = walk(literal, segments, i + 1, method, params);
      if (found) return found;
    }
    if (at.param && segment !== '') {
      const found = walk(at.param.node, segments, i + 1, method, params);
      if (found) {
        params[at.param.name] = decode(segment);
        return found;
      }
    }
    const rest = pick(at.rest, method);
    if (rest) {
      params['*'] = decode(segments.slice(i).join('/'));
      return rest;
    }
    return undefined;
  }

  function lookup(method: string, path: string): RouteMatch | undefined {
    const params: Record<string, string> = {};
    // segments[0] is the empty text before the leading '/'
    const route = walk(root, path.split('/'), 1, method, params);
    return route && { route, params };
  }

  return {
    find(method, path) {
      return lookup(method, path) ?? (path.length > 1 && path.endsWith('/') ? lookup(method, path.slice(0, -1)) : undefined);
    },
  };
}
