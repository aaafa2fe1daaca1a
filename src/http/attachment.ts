// Content-Disposition for downloads: an ASCII filename, plus the RFC 5987 UTF-8 form when the
// real name has other characters (a raw non-ASCII header value is rejected by the runtime).

export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return ascii === fileName
    ? `attachment; filename="${fileName}"`
    : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
