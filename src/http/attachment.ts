// Content-Disposition for downloads: an ASCII filename, plus the RFC 5987 UTF-8 form when the
// real name has other characters (a raw non-ASCII header value is rejected by the runtime).

/**
 * Kestra's CSV exports name their file as a bare token (`attachment; filename=flows.csv`); a name
 * that is not one falls back to the quoted form.
 */
export function tokenAttachment(fileName: string): string {
  return /^[A-Za-z0-9._-]+$/.test(fileName) ? `attachment; filename=${fileName}` : attachment(fileName);
}

export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return ascii === fileName
    ? `attachment; filename="${fileName}"`
    : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
