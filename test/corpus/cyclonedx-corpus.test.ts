/**
 * The full shared CycloneDX corpora (../shared/corpora: the 18 syft SBOMs of
 * GUAC's performance corpus, GUAC's single SBOMs, the CycloneDX specification's
 * examples), each ingested and checked on every engine as in
 * test/interop/cyclonedx-corpus.test.ts, which runs the committed subset.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { resolvePurl, documentsListing } from '../../services/graph/queries/components.js';
import { ENGINES, openTestGraph, type TestGraph } from '../support/engines.js';
import { sharedDir } from '../support/fixtures.js';
import { checkCycloneDxFile } from '../interop/cyclonedx-checks.js';

function corpusFiles(): string[] {
  const guac = path.join(sharedDir(), 'corpora', 'guac-data-docs', 'cyclonedx');
  const singles = path.join(sharedDir(), 'corpora', 'sbom');
  const files = readdirSync(guac).filter((f) => f.endsWith('.json')).map((f) => path.join(guac, f));
  for (const [dir, f] of [['guac', 'alpine-cyclonedx.json'], ['guac', 'big-mongo-cyclonedx.json'], ['guac', 'quarkus-deps-cyclonedx.json'], ['guac', 'cyclonedx-1.7.json'],
    ['guac', 'laravel-cyclonedx.xml'], ['guac', 'busybox-cyclonedx.json.bz2'], ['guac', 'busybox-cyclonedx.json.zst'],
    ['cyclonedx-spec', 'valid-dependency-1.6.json'], ['cyclonedx-spec', 'valid-component-data-1.6.json'], ['cyclonedx-spec', 'valid-machine-learning-1.5.json'], ['cyclonedx-spec', 'valid-machine-learning-1.6.json']] as const) {
    files.push(path.join(singles, dir, f));
  }
  return files;
}

test('the shared CycloneDX corpus is present', () => {
  assert.equal(corpusFiles().filter((f) => f.includes('guac-data-docs')).length, 18, 'the 18 syft CycloneDX SBOMs of the GUAC corpus');
});

for (const engine of ENGINES) {
  describe(`shared CycloneDX corpus on ${engine}`, () => {
    let g: TestGraph;
    const written = new Set<string>();
    before(async () => { g = await openTestGraph(engine); });
    after(async () => { await g?.dispose(); });

    for (const file of corpusFiles()) {
      test(path.basename(file), async () => { await checkCycloneDxFile(g.store, file, written); });
    }

    test('known facts: musl from several images lists each SBOM that includes it', async () => {
      const handles = await resolvePurl(g.store, 'pkg:alpine/musl');
      assert.ok(handles.length >= 2, 'several musl versions across the alpine-based images');
      const docs = await documentsListing(g.store, handles);
      assert.ok(docs.length >= 4, `musl is listed by ${docs.length} SBOMs`);
      assert.ok(docs.some((d) => (d.name ?? '').includes('library/alpine')));
    });
  });
}
