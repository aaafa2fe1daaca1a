// What the journal hides, so that it can be shown in CI logs: anything sent under a name that
// says credential — query parameters, headers (the scheme is kept, so a test can still see that
// one was sent), JSON keys at any depth (the whole value), urlencoded and multipart form fields —
// and every secret value and the basic-auth password wherever they appear.

export const MASK = '******';

/** password, passwd, secret, token, auth (authorization, x-auth-token), api key spellings, credential, cookie */
const SECRET_NAME = /pass|secret|token|auth|api[-_]?key|credential|cookie/i;

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);

/** Replaces every literal secret (3 characters or more) in a text. */
export function maskValues(text: string, values: readonly string[]): string {
  let out = text;
  for (const v of values) if (v.length >= 3 && out.includes(v)) out = out.split(v).join(MASK);
  return out;
}

/** A URL path: literal secrets, as written and percent-encoded. */
export const maskPath = (path: string, values: readonly string[]): string =>
  maskValues(path, [...values, ...values.map(encodeURIComponent)]);

export function maskHeaders(headers: Headers, values: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    const key = name.toLowerCase();
    if (!isSecretName(key)) { out[key] = maskValues(value, values); return; }
    const scheme = /^(basic|bearer|digest)\s/i.exec(value)?.[1];
    out[key] = scheme ? `${scheme} ${MASK}` : MASK;
  });
  return out;
}

/** Query parameters by name, literal secrets in the others. */
export function maskQuery(query: Record<string, string | string[]>, values: readonly string[]): Record<string, string | string[]> {
  const one = (name: string, v: string) => (isSecretName(name) ? MASK : maskValues(v, values));
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => one(k, x)) : one(k, v)]));
}

/** JSON: the whole value under a secret key, at any depth; literal secrets in strings (before escaping) */
function maskFields(value: unknown, values: readonly string[]): unknown {
  if (typeof value === 'string') return maskValues(value, values);
  if (Array.isArray(value)) return value.map((v) => maskFields(v, values));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSecretName(k) && v !== null ? MASK : maskFields(v, values)]));
}

/** multipart/form-data: the content of every part whose field name is a secret name */
function maskMultipart(text: string, contentType: string): string {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const delimiter = `--${boundary?.[1] ?? boundary?.[2] ?? ''}`;
  if (delimiter === '--') return text;
  return text.split(delimiter).map((part) => {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) return part;
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(part.slice(0, headerEnd))?.[1];
    if (name === undefined || !isSecretName(name)) return part;
    const trailing = part.endsWith('\r\n') ? '\r\n' : '';
    return `${part.slice(0, headerEnd + 4)}${MASK}${trailing}`;
  }).join(delimiter);
}

/** Masks a body's text; `values` are the literal secrets to hide wherever they occur. */
export function maskBody(text: string, contentType: string, values: readonly string[]): string {
  let out = text;
  const type = contentType.toLowerCase();
  if (type.includes('json')) {
    try { out = JSON.stringify(maskFields(JSON.parse(text), values)); } catch { /* not JSON after all: values only */ }
  } else if (type.includes('x-www-form-urlencoded')) {
    // decoded, masked, encoded again: a secret is found whatever its encoding was
    const params = new URLSearchParams();
    for (const [k, v] of new URLSearchParams(text)) params.append(k, isSecretName(k) ? MASK : maskValues(v, values));
    out = params.toString();
  } else if (type.includes('multipart/form-data')) {
    out = maskMultipart(text, contentType);
  }
  return maskValues(out, values);
}
