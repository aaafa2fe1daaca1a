// JSON responses of the route modules: one definition instead of a helper per file.

const JSON_HEADERS = { 'content-type': 'application/json' };

/** a value serialised as the response body */
export const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });

/** an already-serialised JSON body (cached flow JSON, joined arrays) */
export const jsonText = (body: string, status = 200) => new Response(body, { status, headers: JSON_HEADERS });

/** 204: done, nothing to say */
export const noContent = () => new Response(null, { status: 204 });
