/**
 * Importer archives (OSV all.zip, CVE zips): a member that inflates past the
 * decompressed-size limit compressed uploads have is cut off and reported as
 * that entry's failure while the others are read; a file that is not a zip
 * fails the run with ARCHIVE_INVALID.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync } from 'fflate';
import { readZip } from '../../services/importers/zip.js';
import { ImporterError } from '../../services/importers/errors.js';

test('a member over the limit fails alone; the others are read whole', () => {
  const small = Buffer.from('{"id":"OSV-1","modified":"2024-01-01T00:00:00Z"}');
  // 4 MiB of one byte compresses to a few KiB: a bomb in miniature.
  const archive = Buffer.from(zipSync({ 'a.json': small, 'bomb.json': new Uint8Array(4 * 1024 * 1024).fill(0x20), 'notes.txt': small }));
  assert.ok(archive.byteLength < 64 * 1024);
  const members = readZip(archive, 'all.zip', 1024 * 1024, (n) => n.endsWith('.json'));
  assert.deepEqual(members.map((m) => [m.name, m.ok]), [['a.json', true], ['bomb.json', false]]);
  const [a, bomb] = members;
  assert.ok(a!.ok && a.bytes.equals(small));
  assert.ok(!bomb!.ok);
  assert.equal(bomb.code, 'ENTRY_TOO_LARGE');
  assert.match(bomb.reason, /decompresses to more than 1048576 bytes \(SUPPLYGRAPH_MAX_DECOMPRESSED_BYTES\)/);
});

test('a truncated archive is ARCHIVE_INVALID or a failed member, never a silent partial member', () => {
  const archive = Buffer.from(zipSync({ 'a.json': new Uint8Array(200_000).map((_, i) => (i * 7919) % 251) }));
  const cut = archive.subarray(0, Math.floor(archive.byteLength / 2));
  let members: ReturnType<typeof readZip>;
  try {
    members = readZip(cut, 'all.zip', 10 * 1024 * 1024, () => true);
  } catch (err) {
    assert.ok(err instanceof ImporterError && err.code === 'ARCHIVE_INVALID', String(err));
    return;
  }
  assert.deepEqual(members.map((m) => [m.name, m.ok, m.ok ? '' : m.code]), [['a.json', false, 'ENTRY_UNREADABLE']]);
});
