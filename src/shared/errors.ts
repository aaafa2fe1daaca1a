// The closed set of API errors. Services throw these; the HTTP edge renders them once as
// Kestra's error JSON (api-contract §1.8). The `reason` prefixes are what clients assert on.

export type ErrorCode =
  | 'NOT_FOUND'          // 404 "Not Found[: detail]"
  | 'INVALID_ENTITY'     // 422 "Invalid entity: <violations>"
  | 'ILLEGAL_ARGUMENT'   // 422 "Illegal argument: <detail>"
  | 'UNPROCESSABLE'      // 422 "Unprocessable Entity: <detail>" (explicit HTTP status exceptions)
  | 'INVALID_JSON'       // 422 "Invalid json: <detail>"
  | 'INVALID_TYPE'       // 422 "Invalid type: <type>"
  | 'ILLEGAL_STATE'      // 409 "Illegal state: <detail>"
  | 'CONFLICT'           // 409 "Conflict: <detail>"
  | 'BAD_REQUEST'        // 400 "Bad Request: <detail>"
  | 'UNAUTHORIZED'       // 401, empty body
  | 'FORBIDDEN'          // 403 "Forbidden: <detail>"
  | 'UNSUPPORTED_MEDIA'  // 415 "Unsupported Media Type: <detail>"
  | 'PAYLOAD_TOO_LARGE'  // 413 "Request Entity Too Large: <detail>"
  | 'METHOD_NOT_ALLOWED' // 405 "Method Not Allowed"
  | 'GONE'               // 410 "Resource has expired: <detail>"
  | 'TOO_MANY_REQUESTS'  // 429 "Too Many Requests: <detail>"
  | 'INTERNAL';          // 500 "Internal server error: <detail>"

const STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404, INVALID_ENTITY: 422, ILLEGAL_ARGUMENT: 422, UNPROCESSABLE: 422, INVALID_JSON: 422,
  INVALID_TYPE: 422, ILLEGAL_STATE: 409, CONFLICT: 409, BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403,
  UNSUPPORTED_MEDIA: 415, PAYLOAD_TOO_LARGE: 413, METHOD_NOT_ALLOWED: 405, GONE: 410, TOO_MANY_REQUESTS: 429, INTERNAL: 500,
};

const REASON: Record<ErrorCode, string> = {
  NOT_FOUND: 'Not Found', INVALID_ENTITY: 'Invalid entity', ILLEGAL_ARGUMENT: 'Illegal argument',
  UNPROCESSABLE: 'Unprocessable Entity', INVALID_JSON: 'Invalid json', INVALID_TYPE: 'Invalid type',
  ILLEGAL_STATE: 'Illegal state', CONFLICT: 'Conflict', BAD_REQUEST: 'Bad Request', UNAUTHORIZED: 'Unauthorized', FORBIDDEN: 'Forbidden',
  UNSUPPORTED_MEDIA: 'Unsupported Media Type', PAYLOAD_TOO_LARGE: 'Request Entity Too Large',
  METHOD_NOT_ALLOWED: 'Method Not Allowed', GONE: 'Resource has expired', TOO_MANY_REQUESTS: 'Too Many Requests',
  INTERNAL: 'Internal server error',
};

export interface ErrorItem { message: string; path?: string }

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly items?: ErrorItem[],
  ) {
    super(detail ? `${REASON[code]}: ${detail}` : REASON[code]);
    this.status = STATUS[code];
  }
}

export const notFound = (detail?: string) => new ApiError('NOT_FOUND', detail);
export const illegalArgument = (detail: string) => new ApiError('ILLEGAL_ARGUMENT', detail);
export const illegalState = (detail: string) => new ApiError('ILLEGAL_STATE', detail);
export const unprocessable = (detail: string) => new ApiError('UNPROCESSABLE', detail);
export const badRequest = (detail: string) => new ApiError('BAD_REQUEST', detail);

/** A bean-validation style failure: message "Invalid entity: path: msg, path2: msg2". */
export function invalidEntity(violations: ErrorItem[]): ApiError {
  const text = violations.map((v) => (v.path ? `${v.path}: ${v.message}` : v.message)).join(', ');
  return new ApiError('INVALID_ENTITY', text, violations);
}

/** Kestra's error body (Micronaut vnd.error). `_embedded` only carries items for validation errors. */
export function errorBody(error: ApiError, href: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    message: error.message,
    _links: { self: { href, templated: false } },
  };
  if (error.items?.length) {
    body._embedded = {
      errors: error.items.map((i) => ({
        message: i.message,
        ...(i.path !== undefined ? { path: i.path } : {}),
        _links: {},
        _embedded: {},
      })),
    };
  }
  return body;
}
