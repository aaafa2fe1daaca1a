// A path whose percent-encoding is malformed (`/flows/%Z`, a truncated `%E0%A4%A`) cannot be
// decoded: the router then hands its handlers `null` params, which used to end in a 500. It is
// the client's mistake, so it gets a 400 before routing, as a Micronaut server refuses it.
import { ApiError } from '../shared/errors.ts';

/** The ApiError for an undecodable path, or undefined when the path decodes. */
export function malformedPath(pathname: string): ApiError | undefined {
  if (!pathname.includes('%')) return undefined;
  try {
    decodeURIComponent(pathname);
    return undefined;
  } catch {
    return new ApiError('BAD_REQUEST', `Illegal path: malformed percent-encoding in [${pathname.slice(0, 200)}]`);
  }
}
