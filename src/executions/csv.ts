// CSV the way Kestra's exports write it (CSVUtils + FastCSV): the header is the keys of the first
// record, each row takes the values of those keys, a value is its Java `toString()` (maps as
// `{k=v, ...}`, lists as `[a, b]`), fields holding a comma, quote or line break are quoted, and
// records end with CRLF. No record → an empty body.

/** Java's String.valueOf for what Jackson turned into maps, lists and scalars. */
export function javaString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map((v) => (v === null || v === undefined ? 'null' : javaString(v))).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${v === null || v === undefined ? 'null' : javaString(v)}`).join(', ')}}`;
  }
  return String(value);
}

const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function toCsv(records: Record<string, unknown>[]): string {
  if (records.length === 0) return '';
  const headers = Object.keys(records[0]!);
  const line = (values: string[]) => `${values.map(field).join(',')}\r\n`;
  return line(headers) + records.map((r) => line(headers.map((h) => javaString(r[h])))).join('');
}
