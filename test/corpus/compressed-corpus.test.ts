/**
 * Every CycloneDX file of the shared corpora, gzip-compressed, is the same
 * document with the same batch (test/interop/compressed-corpus.test.ts does
 * the same for the committed fixtures).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { sharedDir } from '../support/fixtures.js';
import { checkGzipRoundTrip } from '../interop/gzip-checks.js';

test('every CycloneDX file of the shared corpora, gzip-compressed, is the same document with the same batch', async () => {
  const corpora = path.join(sharedDir(), 'corpora');
  const checked = await checkGzipRoundTrip([path.join(corpora, 'guac-data-docs', 'cyclonedx'), path.join(corpora, 'sbom', 'guac'), path.join(corpora, 'sbom', 'cyclonedx-spec')]);
  assert.equal(checked, 27, 'the 18 GUAC-corpus SBOMs, 5 GUAC single SBOMs and 4 specification examples');
});
