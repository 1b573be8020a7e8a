/**
 * Compressed uploads of real documents (test/fixtures): the compressed
 * fixtures expand to valid SBOMs, and every CycloneDX fixture gzip-compressed
 * expands to the very same bytes, so it is the same document with the same
 * batch. (Ingesting them on both engines is in cyclonedx-corpus.test.ts; the
 * full shared corpora get the gzip check in test/corpus.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decompressDocument } from '../../ingestors/common/decompress.js';
import { parserFor } from '../../ingestors/registry.js';
import { fixturePath } from '../support/fixtures.js';
import { documentInput } from '../support/parse.js';
import { checkGzipRoundTrip } from './gzip-checks.js';

const LIMIT = { maxDecompressedBytes: 64 * 1024 * 1024 };
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

test('the bzip2 and zstd busybox SBOMs expand to the same CycloneDX document', async () => {
  const bz = await decompressDocument(readFileSync(fixturePath('guac', 'busybox-cyclonedx.json.bz2')), LIMIT);
  const zst = await decompressDocument(readFileSync(fixturePath('guac', 'busybox-cyclonedx.json.zst')), LIMIT);
  assert.equal(bz.encoding, 'bzip2');
  assert.equal(zst.encoding, 'zstd');
  assert.equal(sha(bz.bytes), sha(zst.bytes));
  const input = documentInput(bz.bytes);
  assert.equal(parserFor(input).format, 'cyclonedx-json');
  const batch = await parserFor(input).parse(input);
  assert.equal(batch.document.name, 'docker.io/library/busybox sha256:bf5e28853a83134e949201fb5979927a9e5cc74cb747b7a080d96eaba1303411');
  assert.equal(batch.document.componentCount, 2);
});

test('every CycloneDX fixture, gzip-compressed, is the same document with the same batch', async () => {
  const checked = await checkGzipRoundTrip([fixturePath('guac-data', 'cyclonedx'), fixturePath('guac'), fixturePath('cyclonedx-spec')]);
  assert.equal(checked, 13, 'the 3 GUAC-corpus SBOMs, 4 GUAC single SBOMs and 6 specification examples (the one with vulnerabilities in JSON and in XML)');
});
