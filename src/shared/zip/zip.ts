// Minimal ZIP writer and reader (PKWARE APPNOTE 6.3) on top of node:zlib raw deflate.
// Kestra clients exchange flow exports/imports and namespace files as ZIP archives, and Java's
// ZipInputStream reads entries sequentially from their local headers, so the writer always puts
// exact sizes and CRCs in the local header (never a data descriptor). The reader trusts the
// central directory instead, which is what makes streamed archives (flag bit 3) readable.
import { crc32 } from './crc32';

type Zlib = typeof import('node:zlib');
let zlibModule: Zlib | undefined;
/**
 * node:zlib, required on first use: a static import of a built-in is hoisted to the start of the
 * compiled bundle and costs ~2 ms at every start-up, and only ZIP imports and exports need it.
 */
function zlib(): Zlib {
  return (zlibModule ??= require('node:zlib') as Zlib);
}

export interface ZipInputEntry { name: string; data: Uint8Array | string }
export interface ZipEntry { name: string; data: Uint8Array; directory: boolean }
export interface CreateZipOptions { /** modification time stored on every entry (default: now) */ modified?: Date }
export interface ReadZipOptions { /** cap on the sum of uncompressed sizes (zip bombs); default 256 MiB */ maxTotalBytes?: number }

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const MAX_U16 = 0xffff;
const MAX_U32 = 0xffffffff;
const DEFAULT_MAX_TOTAL_BYTES = 256 * 1024 * 1024;

/** Every rejection of unreadable input goes through here so callers can match one message prefix. */
function fail(reason: string): never { throw new Error(`Invalid zip file: ${reason}`); }

/** MS-DOS date/time fields, the only timestamp every ZIP reader understands. */
function dosDateTime(when: Date): { time: number; date: number } {
  const year = Math.min(Math.max(when.getFullYear(), 1980), 2107);
  return {
    time: (when.getHours() << 11) | (when.getMinutes() << 5) | (when.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((when.getMonth() + 1) << 5) | when.getDate(),
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
  return out;
}

/** Builds a ZIP archive; names ending in `/` are directories. Deflates unless that would grow the data. */
export function createZip(entries: ZipInputEntry[], options: CreateZipOptions = {}): Uint8Array {
  const steps = buildZip(entries, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * createZip() in slices of a few milliseconds with a turn of the event loop between them, so an
 * export of thousands of flows does not hold the server's only thread (deflate is the cost).
 */
export async function createZipSliced(entries: ZipInputEntry[], options: CreateZipOptions = {}, sliceMs = 4): Promise<Uint8Array> {
  const steps = buildZip(entries, options);
  let started = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - started >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      started = performance.now();
    }
  }
}

/** The archive, entry by entry: yields after each entry, returns the bytes. */
function* buildZip(entries: ZipInputEntry[], options: CreateZipOptions): Generator<void, Uint8Array> {
  if (entries.length > MAX_U16) throw new Error('createZip: more than 65535 entries needs ZIP64, which is not supported');
  const { time, date } = dosDateTime(options.modified ?? new Date());
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    if (name.length === 0 || name.length > MAX_U16) throw new Error(`createZip: invalid entry name "${entry.name}"`);
    const directory = entry.name.endsWith('/');
    const raw = typeof entry.data === 'string' ? encoder.encode(entry.data) : entry.data;
    const deflated = raw.length > 0 && !directory ? zlib().deflateRawSync(raw) : undefined;
    const method = deflated && deflated.length < raw.length ? METHOD_DEFLATED : METHOD_STORED;
    const body = method === METHOD_DEFLATED ? deflated! : raw;
    if (raw.length > MAX_U32 || offset > MAX_U32) throw new Error('createZip: archive larger than 4 GiB needs ZIP64, which is not supported');
    const flags = /^[\x00-\x7f]*$/.test(entry.name) ? 0 : FLAG_UTF8;
    const crc = crc32(raw);

    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, SIG_LOCAL, true);
    lv.setUint16(4, 20, true); // version needed: 2.0 (deflate, directories)
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, raw.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);

    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, SIG_CENTRAL, true);
    cv.setUint16(4, (3 << 8) | 20, true); // made by UNIX, so external attributes carry permissions
    central.set(local.subarray(4, 30), 6); // same fields as the local header (name length included), shifted by two
    const mode = directory ? 0o040755 : 0o100644;
    cv.setUint32(38, ((mode << 16) | (directory ? 0x10 : 0)) >>> 0, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);

    locals.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
    yield;
  }
  const directorySize = centrals.reduce((sum, part) => sum + part.length, 0);
  if (offset + directorySize > MAX_U32) throw new Error('createZip: archive larger than 4 GiB needs ZIP64, which is not supported');
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, SIG_END, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, ...centrals, end]);
}

interface DirectoryLocation { count: number; offset: number; size: number }
interface CentralRecord { name: string; flags: number; method: number; crc: number; compressedSize: number; size: number; localOffset: number; next: number }

function u64(view: DataView, at: number): number {
  const value = view.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail('ZIP64 value out of range');
  return Number(value);
}

/** The end-of-central-directory record sits at the end, possibly followed by a comment of up to 64 KiB. */
function findEnd(data: Uint8Array, view: DataView): number {
  if (data.length < 22) fail('too short to be a zip archive');
  const lowest = Math.max(0, data.length - 22 - MAX_U16);
  for (let at = data.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === SIG_END && at + 22 + view.getUint16(at + 20, true) <= data.length) return at;
  }
  fail('end of central directory not found');
}

function locateDirectory(data: Uint8Array, view: DataView, end: number): DirectoryLocation {
  if (view.getUint16(end + 4, true) !== view.getUint16(end + 6, true)) fail('multi-disk archives are not supported');
  let count = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  let limit = end;
  if (count === MAX_U16 || size === MAX_U32 || offset === MAX_U32) {
    // ZIP64: a locator just before the classic record points at the 64-bit record
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== SIG_END64_LOCATOR) fail('ZIP64 locator not found');
    const end64 = u64(view, locator + 8);
    if (end64 + 56 > locator || view.getUint32(end64, true) !== SIG_END64) fail('ZIP64 end of central directory not found');
    count = u64(view, end64 + 32);
    size = u64(view, end64 + 40);
    offset = u64(view, end64 + 48);
    limit = end64;
  }
  if (offset + size > limit) fail('central directory out of bounds');
  if (count * 46 > size) fail('central directory too small for its entry count');
  return { count, offset, size };
}

function decodeName(bytes: Uint8Array, flags: number): string {
  if (flags & FLAG_UTF8) return new TextDecoder('utf-8').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes); // legacy code page names: best effort
  }
}

function readCentralRecord(data: Uint8Array, view: DataView, at: number, limit: number): CentralRecord {
  if (at + 46 > limit || view.getUint32(at, true) !== SIG_CENTRAL) fail(`bad central directory entry at ${at}`);
  const nameLength = view.getUint16(at + 28, true);
  const extraLength = view.getUint16(at + 30, true);
  const next = at + 46 + nameLength + extraLength + view.getUint16(at + 32, true);
  if (next > limit) fail(`central directory entry at ${at} out of bounds`);
  const flags = view.getUint16(at + 8, true);
  const record: CentralRecord = {
    name: decodeName(data.subarray(at + 46, at + 46 + nameLength), flags),
    flags,
    method: view.getUint16(at + 10, true),
    crc: view.getUint32(at + 16, true),
    compressedSize: view.getUint32(at + 20, true),
    size: view.getUint32(at + 24, true),
    localOffset: view.getUint32(at + 42, true),
    next,
  };
  applyZip64Extra(view, at + 46 + nameLength, at + 46 + nameLength + extraLength, record);
  return record;
}

/** Sizes/offset saturated at 0xFFFFFFFF live in the ZIP64 extra field (id 1), in this fixed order. */
function applyZip64Extra(view: DataView, from: number, to: number, record: CentralRecord): void {
  for (let at = from; at + 4 <= to; ) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    const end = Math.min(at + 4 + length, to);
    let field = at + 4;
    if (id === 0x0001) {
      for (const key of ['size', 'compressedSize', 'localOffset'] as const) {
        if (record[key] !== MAX_U32) continue;
        if (field + 8 > end) fail(`truncated ZIP64 extra field for ${record.name}`);
        record[key] = u64(view, field);
        field += 8;
      }
    }
    at += 4 + length;
  }
}

function extract(data: Uint8Array, view: DataView, record: CentralRecord, budget: number, cap: number): Uint8Array {
  const at = record.localOffset;
  if (record.flags & FLAG_ENCRYPTED) fail(`encrypted entry ${record.name} is not supported`);
  if (at + 30 > data.length || view.getUint32(at, true) !== SIG_LOCAL) fail(`bad local header for ${record.name}`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + record.compressedSize > data.length) fail(`data of ${record.name} out of bounds`);
  if (record.size > budget) fail(`uncompressed content exceeds ${cap} bytes`);
  const packed = data.subarray(start, start + record.compressedSize);
  let content: Uint8Array;
  if (record.method === METHOD_STORED) {
    if (record.compressedSize !== record.size) fail(`stored entry ${record.name} has inconsistent sizes`);
    content = packed.slice();
  } else if (record.method === METHOD_DEFLATED) {
    content = inflateEntry(packed, record, budget, cap);
  } else {
    fail(`compression method ${record.method} of ${record.name} is not supported`);
  }
  if (content.length !== record.size) fail(`size mismatch for ${record.name}`);
  if (crc32(content) !== record.crc) fail(`CRC mismatch for ${record.name}`);
  return content;
}

function inflateEntry(packed: Uint8Array, record: CentralRecord, budget: number, cap: number): Uint8Array {
  try {
    // the declared size may lie: the output limit is what actually stops a bomb
    return new Uint8Array(zlib().inflateRawSync(packed, { maxOutputLength: Math.max(1, Math.min(budget, record.size + 1)) }));
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      if (record.size + 1 <= budget) fail(`size mismatch for ${record.name}`);
      fail(`uncompressed content exceeds ${cap} bytes`);
    }
    fail(`corrupt deflate data for ${record.name}`);
  }
}

/** Reads every entry of an archive (stored or deflated), verifying sizes and CRCs. */
export function readZip(data: Uint8Array, options: ReadZipOptions = {}): ZipEntry[] {
  const cap = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const directory = locateDirectory(data, view, findEnd(data, view));
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = directory.offset;
  for (let i = 0; i < directory.count; i++) {
    const record = readCentralRecord(data, view, at, directory.offset + directory.size);
    at = record.next;
    const content = extract(data, view, record, cap - total, cap);
    total += content.length;
    entries.push({ name: record.name, data: content, directory: record.name.endsWith('/') });
  }
  return entries;
}
