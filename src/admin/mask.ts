// What the journal hides: credentials in headers (the scheme is kept, so a test can still see
// that one was sent), password/secret/token fields of JSON and form bodies, and every secret
// value and the basic-auth password wherever they appear in a body.

export const MASK = '******';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);
const SECRET_FIELD = /pass(word)?|secret|token|api[-_]?key|credential/i;

export function maskHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    const key = name.toLowerCase();
    if (!SECRET_HEADERS.has(key)) { out[key] = value; return; }
    const scheme = /^(basic|bearer|digest)\s/i.exec(value)?.[1];
    out[key] = scheme ? `${scheme} ${MASK}` : MASK;
  });
  return out;
}

function maskFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskFields);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) && v !== null && typeof v !== 'object' ? MASK : maskFields(v)]));
}

/** Masks a body's text; `values` are the literal secrets to hide wherever they occur. */
export function maskBody(text: string, contentType: string, values: readonly string[]): string {
  let out = text;
  if (contentType.includes('json')) {
    try { out = JSON.stringify(maskFields(JSON.parse(text))); } catch { /* not JSON after all: values only */ }
  } else if (contentType.includes('x-www-form-urlencoded')) {
    const params = new URLSearchParams(text);
    for (const [k] of params) if (SECRET_FIELD.test(k)) params.set(k, MASK);
    out = params.toString();
  }
  for (const v of values) if (v.length >= 3 && out.includes(v)) out = out.split(v).join(MASK);
  return out;
}
