/**
 * Reading OSV `all.zip` and CVE archives. Each member is inflated as a stream
 * and counted, and one that passes the decompressed-size limit compressed
 * uploads have (SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES) is cut off and reported
 * as that entry's failure: the sizes a zip declares are not trusted.
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { ImporterError } from './errors.js';

export type ZipMember =
  | { name: string; ok: true; bytes: Buffer }
  | { name: string; ok: false; code: 'ENTRY_TOO_LARGE' | 'ENTRY_UNREADABLE'; reason: string };

export function readZip(archive: Buffer, label: string, maxMemberBytes: number, wanted: (name: string) => boolean): ZipMember[] {
  const members: ZipMember[] = [];
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  let broken: Error | null = null;
  // Members begun but not ended when the input ran out: a truncated archive must not lose them silently.
  const open = new Set<string>();
  unzip.onfile = (file: UnzipFile) => {
    if (!wanted(file.name)) return;
    const chunks: Uint8Array[] = [];
    let total = 0;
    let cut = false;
    open.add(file.name);
    const settle = (m: ZipMember): void => {
      open.delete(file.name);
      members.push(m);
    };
    file.ondata = (err, data, final) => {
      if (cut) return;
      if (err) {
        cut = true;
        settle({ name: file.name, ok: false, code: 'ENTRY_UNREADABLE', reason: `cannot inflate: ${err.message}` });
        return;
      }
      total += data.byteLength;
      if (total > maxMemberBytes) {
        cut = true;
        file.terminate();
        settle({ name: file.name, ok: false, code: 'ENTRY_TOO_LARGE', reason: `decompresses to more than ${maxMemberBytes} bytes (SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES)` });
        return;
      }
      chunks.push(data);
      if (final) settle({ name: file.name, ok: true, bytes: Buffer.concat(chunks) });
    };
    try {
      file.start();
    } catch (err) {
      broken = err as Error;
    }
  };
  try {
    unzip.push(archive, true);
  } catch (err) {
    broken = err as Error;
  }
  for (const name of open) members.push({ name, ok: false, code: 'ENTRY_UNREADABLE', reason: 'the archive ends inside this member (truncated download?)' });
  if (broken) throw new ImporterError('ARCHIVE_INVALID', `${label} is not a readable zip archive: ${(broken as Error).message}`);
  return members;
}

export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
