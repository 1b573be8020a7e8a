/**
 * Compressed uploads of real documents (../shared/corpora): the compressed
 * corpus files expand to valid SBOMs, and any corpus SBOM gzip-compressed
 * expands to the very same bytes, so it is the same document with the same
 * batch. (Ingesting them on both engines is in cyclonedx-corpus.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { decompressDocument } from '../../ingestors/common/decompress.js';
import { parserFor } from '../../ingestors/registry.js';
import { sharedDir } from '../support/engines.js';
import { documentInput } from '../support/parse.js';

const LIMIT = { maxDecompressedBytes: 64 * 1024 * 1024 };
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

test('the bzip2 and zstd busybox SBOMs expand to the same CycloneDX document', async () => {
  const dir = path.join(sharedDir(), 'corpora', 'sbom', 'guac');
  const bz = await decompressDocument(readFileSync(path.join(dir, 'busybox-cyclonedx.json.bz2')), LIMIT);
  const zst = await decompressDocument(readFileSync(path.join(dir, 'busybox-cyclonedx.json.zst')), LIMIT);
  assert.equal(bz.encoding, 'bzip2');
  assert.equal(zst.encoding, 'zstd');
  assert.equal(sha(bz.bytes), sha(zst.bytes));
  const input = documentInput(bz.bytes);
  assert.equal(parserFor(input).format, 'cyclonedx-json');
  const batch = await parserFor(input).parse(input);
  assert.equal(batch.document.name, 'docker.io/library/busybox sha256:bf5e28853a83134e949201fb5979927a9e5cc74cb747b7a080d96eaba1303411');
  assert.equal(batch.document.componentCount, 2);
});

test('every CycloneDX corpus file, gzip-compressed, is the same document with the same batch', async () => {
  const dirs = [path.join(sharedDir(), 'corpora', 'guac-data-docs', 'cyclonedx'), path.join(sharedDir(), 'corpora', 'sbom', 'guac'), path.join(sharedDir(), 'corpora', 'sbom', 'cyclonedx-spec')];
  let checked = 0;
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => /cyclonedx.*\.(json|xml)$|^valid-.*\.json$/.test(x))) {
      const plain = readFileSync(path.join(dir, f));
      const { bytes, encoding } = await decompressDocument(zlib.gzipSync(plain), LIMIT);
      assert.equal(encoding, 'gzip');
      assert.ok(bytes.equals(plain), f);
      const a = documentInput(plain);
      const b = documentInput(bytes);
      const pa = parserFor(a);
      assert.deepEqual(await parserFor(b).parse(b), await pa.parse(a), f);
      checked += 1;
    }
  }
  assert.ok(checked >= 25, `${checked} corpus files`);
});
