// Crash-safe file replacement: write a temp file in the target's directory (same file system, so
// the rename is atomic), fsync it, rename it over the target. After a kill -9 the target holds
// the old or the new bytes, never a mix; the fsync before the rename also covers an OS crash,
// where a rename can otherwise reach the disk before the data and leave an empty file behind.

import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeFileAtomic(target: string, temp: string, data: Uint8Array | string): void {
  mkdirSync(dirname(target), { recursive: true });
  try {
    const fd = openSync(temp, 'w');
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      let offset = 0;
      while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
