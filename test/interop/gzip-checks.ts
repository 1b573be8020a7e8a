/**
 * A CycloneDX file gzip-compressed must expand to the very same bytes and so
 * give the very same batch: shared by the fixture and the full-corpus suites.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { decompressDocument } from '../../ingestors/common/decompress.js';
import { parserFor } from '../../ingestors/registry.js';
import { documentInput } from '../support/parse.js';

/** Checks every CycloneDX JSON/XML file in `dirs`; returns how many it checked. */
export async function checkGzipRoundTrip(dirs: readonly string[]): Promise<number> {
  let checked = 0;
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => /cyclonedx.*\.(json|xml)$|^valid-.*\.(json|xml)$/.test(x))) {
      const plain = readFileSync(path.join(dir, f));
      const { bytes, encoding } = await decompressDocument(zlib.gzipSync(plain), { maxDecompressedBytes: 64 * 1024 * 1024 });
      assert.equal(encoding, 'gzip');
      assert.ok(bytes.equals(plain), f);
      const a = documentInput(plain);
      const b = documentInput(bytes);
      assert.deepEqual(await parserFor(b).parse(b), await parserFor(a).parse(a), f);
      checked += 1;
    }
  }
  return checked;
}
