// ZIP archives for tests and benchmarks, written with fflate: Deflate entries, and Zstandard ones (method 93, as
// Inspect writes with INSPECT_USE_ZSTD). fzstd only decodes, so a Zstandard entry is compressed by the `zstd` tool
// where the machine has it, else written as raw Zstandard blocks (a valid frame that compresses nothing).
import { spawnSync } from 'node:child_process';
import { crc32 } from 'node:zlib';
import { unzipSync, Zip, ZipDeflate, type ZipInputFile } from 'fflate';
import { concatBytes } from '../../server/src/readers/zip';

export type Method = 'deflate' | 'zstd';

export const zstdToolMissing: string | false = spawnSync('zstd', ['--version']).status === 0 ? false : 'the zstd tool is not installed: Zstandard entries are raw blocks';

export function writeZip(entries: [name: string, data: Uint8Array, method: Method][]): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    parts.push(data);
  });
  for (const [name, data, method] of entries) {
    if (method === 'deflate') {
      const file = new ZipDeflate(name, { level: 6 });
      zip.add(file);
      file.push(data, true);
    } else {
      const compressed = zstdFrame(data);
      const file: ZipInputFile = { filename: name, size: data.length, crc: crc32(data), compression: 93 };
      zip.add(file);
      file.ondata!(null, compressed as Uint8Array<ArrayBuffer>, true);
    }
  }
  zip.end();
  return concatBytes(parts);
}

/** Every entry of an archive, to write it again another way. */
export function zipEntries(bytes: Uint8Array): [string, Uint8Array][] {
  return Object.entries(unzipSync(bytes));
}

function zstdFrame(data: Uint8Array): Uint8Array {
  if (!zstdToolMissing) {
    const run = spawnSync('zstd', ['-q', '-c', '-3'], { input: data });
    if (run.status === 0) return new Uint8Array(run.stdout);
  }
  // Magic, a single-segment frame header with a 4-byte content size, then raw blocks of at most 128 KiB.
  const header = [0x28, 0xb5, 0x2f, 0xfd, 0xa0, ...le(data.length, 4)];
  const blocks: number[] = [];
  const max = 128 * 1024;
  for (let at = 0; at < data.length || at === 0; at += max) {
    const chunk = data.subarray(at, at + max);
    const last = at + max >= data.length ? 1 : 0;
    for (const byte of le((chunk.length << 3) | last, 3)) blocks.push(byte);
    for (const byte of chunk) blocks.push(byte);
    if (data.length === 0) break;
  }
  return new Uint8Array([...header, ...blocks]);
}

function le(value: number, bytes: number): number[] {
  return Array.from({ length: bytes }, (_, i) => (value >>> (8 * i)) & 0xff);
}
