import { describe, expect, test } from 'bun:test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZip, readZip } from '../../src/shared/zip/zip';
import { crc32 } from '../../src/shared/zip/crc32';

// Made with Info-ZIP `zip -X -r sys.zip a.txt dir empty.txt` (a.txt deflated, the rest stored).
const SYSTEM_ZIP_FIXTURE =
  'UEsDBBQAAAAIANt4d13+lqXgGgAAAGwCAAAFAAAAYS50eHTLSM3JyVfIwCCzU4tLihK5MCVGpUelyZQGAFBLAwQKAAAAAADbeHddAAAAAAAAAAAAAAAABAAAAGRpci9QSwMECgAAAAAA23h3XaOfKAYEAAAABAAAAAkAAABkaXIvYi50eHRiZWUKUEsDBAoAAAAAANt4d10AAAAAAAAAAAAAAAAJAAAAZW1wdHkudHh0UEsBAh4DFAAAAAgA23h3Xf6WpeAaAAAAbAIAAAUAAAAAAAAAAQAAAKSBAAAAAGEudHh0UEsBAh4DCgAAAAAA23h3XQAAAAAAAAAAAAAAAAQAAAAAAAAAAAAQAO1BPQAAAGRpci9QSwECHgMKAAAAAADbeHddo58oBgQAAAAEAAAACQAAAAAAAAABAAAApIFfAAAAZGlyL2IudHh0UEsBAh4DCgAAAAAA23h3XQAAAAAAAAAAAAAAAAkAAAAAAAAAAAAAAKSBigAAAGVtcHR5LnR4dFBLBQYAAAAABAAEANMAAACxAAAAAAA=';
// Made with `printf ... | zip -q -fz- - - | cat`: non-seekable output, so the entry uses a data descriptor (bit 3).
const STREAMED_ZIP_FIXTURE =
  'UEsDBBQACAAIANx4d10AAAAAAAAAAAAAAAABAAAALSsuKUpNzE1NUSjGyeACAFBLBwjEoZmJDwAAACQAAABQSwECHgMUAAgACADceHddxKGZiQ8AAAAkAAAAAQAAAAAAAAABAAAAgBEAAAAALVBLBQYAAAAAAQABAC8AAAA+AAAAAAA=';

const A_TXT = 'hello hello hello hello kestra\n'.repeat(20);
const text = (data: Uint8Array) => new TextDecoder().decode(data);
const fromBase64 = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));


function withTempDir<T>(run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'kestra-lite-zip-'));
  try {
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectInvalid(data: Uint8Array, options?: { maxTotalBytes?: number }): string {
  let message = '';
  expect(() => {
    try {
      readZip(data, options);
    } catch (error) {
      message = (error as Error).message;
      throw error;
    }
  }).toThrow(/^Invalid zip file: /);
  return message;
}

describe('crc32', () => {
  test('matches the reference check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('createZip / readZip', () => {
  test('round trips text and binary entries', () => {
    const binary = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) % 256);
    const zip = createZip([
      { name: 'a.yml', data: 'id: a\nnamespace: company.team\n'.repeat(10) },
      { name: 'bin/data.bin', data: binary },
    ]);
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['a.yml', 'bin/data.bin']);
    expect(text(entries[0]!.data)).toBe('id: a\nnamespace: company.team\n'.repeat(10));
    expect(entries[1]!.data).toEqual(binary);
    expect(entries.every((e) => !e.directory)).toBe(true);
  });

  test('keeps unicode names and content', () => {
    const entries = readZip(createZip([{ name: 'données/é-日本語-🚀.yml', data: 'message: héllo 🚀' }]));
    expect(entries[0]!.name).toBe('données/é-日本語-🚀.yml');
    expect(text(entries[0]!.data)).toBe('message: héllo 🚀');
  });

  test('handles empty files, directories and an empty archive', () => {
    const entries = readZip(createZip([{ name: 'dir/', data: '' }, { name: 'dir/empty.txt', data: new Uint8Array(0) }]));
    expect(entries).toEqual([
      { name: 'dir/', data: new Uint8Array(0), directory: true },
      { name: 'dir/empty.txt', data: new Uint8Array(0), directory: false },
    ]);
    expect(readZip(createZip([]))).toEqual([]);
  });

  test('handles many entries', () => {
    const input = Array.from({ length: 1500 }, (_, i) => ({ name: `ns.flow_${i}.yml`, data: `id: flow_${i}\n` }));
    const entries = readZip(createZip(input));
    expect(entries).toHaveLength(1500);
    expect(entries[1499]!.name).toBe('ns.flow_1499.yml');
    expect(text(entries[1499]!.data)).toBe('id: flow_1499\n');
  });

  test('writes sizes and CRC in the local header (no data descriptor) for sequential readers', () => {
    const zip = createZip([{ name: 'a.txt', data: A_TXT }]);
    const view = new DataView(zip.buffer, zip.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(6, true) & 0x8).toBe(0);
    expect(view.getUint16(8, true)).toBe(8); // deflated
    expect(view.getUint32(14, true)).toBe(crc32(new TextEncoder().encode(A_TXT)));
    expect(view.getUint32(22, true)).toBe(A_TXT.length);
  });
});

describe('reading archives made by other tools', () => {
  function expectSystemLayout(entries: ReturnType<typeof readZip>) {
    expect(entries.map((e) => [e.name, e.directory])).toEqual([
      ['a.txt', false], ['dir/', true], ['dir/b.txt', false], ['empty.txt', false],
    ]);
    expect(text(entries[0]!.data)).toBe(A_TXT);
    expect(text(entries[2]!.data)).toBe('bee\n');
    expect(entries[3]!.data.length).toBe(0);
  }

  test('reads the embedded Info-ZIP fixture (deflated and stored entries)', () => {
    expectSystemLayout(readZip(fromBase64(SYSTEM_ZIP_FIXTURE)));
  });

  test('reads an entry written with a data descriptor (flag bit 3)', () => {
    const entries = readZip(fromBase64(STREAMED_ZIP_FIXTURE));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.name).toBe('-');
    expect(text(entries[0]!.data)).toBe('streamed streamed streamed streamed\n');
  });

  // python3 ships with every machine this project runs on; its zipfile module is an independent writer
  test("reads an archive freshly made by Python's zipfile", () => {
    withTempDir((dir) => {
      const script = [
        'import zipfile, sys',
        'with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:',
        '    z.writestr("a.txt", sys.argv[2])',
        '    z.writestr("dir/", "")',
        '    z.writestr("dir/b.txt", "bee\\n")',
        '    z.writestr(zipfile.ZipInfo("empty.txt"), "")',
      ].join('\n');
      const made = spawnSync('python3', ['-c', script, join(dir, 'py.zip'), A_TXT]);
      expect(made.status).toBe(0);
      expectSystemLayout(readZip(new Uint8Array(readFileSync(join(dir, 'py.zip')))));
    });
  });
});

describe('validation by other readers', () => {
  const sample = () => createZip([
    { name: 'flows/', data: '' },
    { name: 'flows/company.team.hello.yml', data: 'id: hello\nnamespace: company.team\n'.repeat(50) },
    { name: 'flows/ünïcode.yml', data: 'id: u\n' },
    { name: 'empty.txt', data: '' },
  ]);

  test("passes Python's zipfile integrity test and reads back byte for byte", () => {
    withTempDir((dir) => {
      writeFileSync(join(dir, 'out.zip'), sample());
      const script = [
        'import zipfile, sys',
        'z = zipfile.ZipFile(sys.argv[1])',
        'assert z.testzip() is None',
        'for i in z.infolist(): print(i.filename + "=" + str(len(z.read(i))))',
      ].join('\n');
      const result = spawnSync('python3', ['-c', script, join(dir, 'out.zip')], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout.trim().split('\n')).toEqual([
        'flows/=0', `flows/company.team.hello.yml=${'id: hello\nnamespace: company.team\n'.length * 50}`, 'flows/ünïcode.yml=6', 'empty.txt=0',
      ]);
    });
  });
});

describe('rejecting bad input', () => {
  test('rejects garbage and too-short input', () => {
    expectInvalid(new Uint8Array(0));
    expectInvalid(new TextEncoder().encode('definitely not a zip file, just some text that is long enough'));
    expectInvalid(Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31 + 7) % 251));
  });

  test('rejects every truncation of a valid archive without hanging', () => {
    const zip = createZip([{ name: 'a.txt', data: A_TXT }, { name: 'b.txt', data: 'bee' }]);
    for (let length = 0; length < zip.length; length++) expectInvalid(zip.subarray(0, length));
  });

  test('rejects corrupted content (CRC) and a central directory pointing out of bounds', () => {
    const stored = createZip([{ name: 'b.txt', data: 'bee' }]);
    const corrupt = stored.slice();
    corrupt[30 + 'b.txt'.length] = 'x'.charCodeAt(0);
    expect(expectInvalid(corrupt)).toContain('CRC mismatch');
    const badOffset = stored.slice();
    new DataView(badOffset.buffer).setUint32(badOffset.length - 6, 0x7fffffff, true);
    expectInvalid(badOffset);
    const hugeCount = stored.slice();
    new DataView(hugeCount.buffer).setUint16(hugeCount.length - 12, 0xfffe, true);
    expectInvalid(hugeCount);
  });

  test('caps the total uncompressed size (zip bombs)', () => {
    const bomb = createZip([{ name: 'zeros.bin', data: new Uint8Array(4 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(10_000);
    expect(expectInvalid(bomb, { maxTotalBytes: 1024 * 1024 })).toContain('exceeds 1048576 bytes');
    // a lying declared size must not get past the cap either
    const liar = bomb.slice();
    const view = new DataView(liar.buffer);
    const central = liar.length - 22 - (46 + 'zeros.bin'.length);
    view.setUint32(22, 10, true);
    view.setUint32(central + 24, 10, true);
    expectInvalid(liar, { maxTotalBytes: 1024 * 1024 });
    expect(readZip(bomb, { maxTotalBytes: 4 * 1024 * 1024 })[0]!.data.length).toBe(4 * 1024 * 1024);
  });
});
