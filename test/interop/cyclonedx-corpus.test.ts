/**
 * Real CycloneDX from other tools (test/fixtures, sources in
 * test/fixtures/PROVENANCE.md): JSON, XML, and bzip2/zstd-compressed JSON,
 * ingested through the same steps as the worker on every engine (the checks
 * are in cyclonedx-checks.ts). Component and dependency counts must equal what
 * each document declares, and known facts must be in the graph. The full
 * shared corpora get the same checks in test/corpus.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolvePurl, documentsListing } from '../../services/graph/queries/components.js';
import { ENGINES, openTestGraph, type TestGraph } from '../support/engines.js';
import { fixturePath } from '../support/fixtures.js';
import { checkCycloneDxFile, declaredXml } from './cyclonedx-checks.js';

const FILES: readonly string[] = [
  'guac-data/cyclonedx/syft-cyclonedx-docker.io-library-alpine.latest.json',
  'guac-data/cyclonedx/syft-cyclonedx-docker.io-library-bash.latest.json',
  'guac-data/cyclonedx/syft-cyclonedx-docker.io-library-busybox.latest.json',
  'guac/alpine-cyclonedx.json',
  'guac/quarkus-deps-cyclonedx.json',
  'guac/cyclonedx-1.7.json',
  'guac/laravel-cyclonedx.xml',
  'guac/busybox-cyclonedx.json.bz2',
  'guac/busybox-cyclonedx.json.zst',
  'cyclonedx-spec/valid-dependency-1.6.json',
  'cyclonedx-spec/valid-component-data-1.6.json',
  'cyclonedx-spec/valid-machine-learning-1.5.json',
  'cyclonedx-spec/valid-machine-learning-1.6.json',
];

/** pkg:alpine/musl in the fixtures: from alpine 3.15 (the bash image) and alpine 3.16 (the alpine images). */
const MUSL_VERSIONS = [
  'pkg:alpine/musl@1.2.2-r7?arch=x86_64&distro=alpine-3.15.6&upstream=musl',
  'pkg:alpine/musl@1.2.3-r0?arch=x86_64&distro=alpine-3.16.2&upstream=musl',
];
/** The SBOMs that list it: two alpine:latest images (GUAC's corpus and GUAC's test data) and the bash image. */
const MUSL_SBOMS = [
  'docker.io/library/alpine:latest sha256:1304f174557314a7ed9eddb4eab12fed12cb0cd9809e4c28f29af86979a3c870',
  'docker.io/library/alpine:latest sha256:cbaa390ec61abd889dfa5146a411c11717c19ef9e5e18458dbdc06439076ffe7',
  'docker.io/library/bash:latest sha256:020031cbba4cccf13061c0c089b52eb8ff067a15033f2b9f839ea503d60ec037',
];

test('laravel XML: the counts from the XML text are the ones its producer wrote', () => {
  const xml = readFileSync(fixturePath('guac', 'laravel-cyclonedx.xml'), 'utf8');
  const want = declaredXml(xml);
  assert.equal(want.components, 63, 'the metadata component + 62 components');
  assert.ok(want.dependsOn > 100);
});

for (const engine of ENGINES) {
  describe(`CycloneDX fixtures on ${engine}`, () => {
    let g: TestGraph;
    /** Documents already written: the .bz2 and .zst files hold the same bytes. */
    const written = new Set<string>();
    before(async () => { g = await openTestGraph(engine); });
    after(async () => { await g?.dispose(); });

    for (const file of FILES) {
      test(path.basename(file), async () => { await checkCycloneDxFile(g.store, fixturePath(file), written); });
    }

    test('known facts: musl from several images lists each SBOM that includes it', async () => {
      const handles = await resolvePurl(g.store, 'pkg:alpine/musl');
      assert.deepEqual(handles.map((h) => h.key).sort(), MUSL_VERSIONS);
      const docs = await documentsListing(g.store, handles);
      assert.deepEqual(docs.map((d) => d.name).sort(), MUSL_SBOMS);
    });

    test('known facts: the CycloneDX 1.6 dependency example keeps its dependency graph', async () => {
      const rows = await g.store.read<{ c: number }>("MATCH (a)-[r:DEPENDS_ON]->(b) RETURN count(r) AS c");
      assert.ok(Number(rows[0]!.c) > 0);
      const models = await g.store.read<{ c: number }>('MATCH (m:Model) RETURN count(m) AS c');
      assert.ok(Number(models[0]!.c) >= 1, 'the ML-BOM examples yield models');
    });

    test('known facts: the laravel XML SBOM and the compressed busybox SBOMs are in the graph', async () => {
      const laravel = await g.store.read<{ name: string; format: string }>(
        "MATCH (d:Document)-[:DESCRIBES]->(s:PackageVersion {key: 'pkg:composer/cyclonedx/cyclonedx-php-composer-demo@dev-master'}) RETURN d.name AS name, d.format AS format");
      assert.deepEqual(laravel.map((r) => r.format), ['cyclonedx-xml']);
      const framework = await g.store.read<{ c: number }>(
        "MATCH (a:PackageVersion {key: 'pkg:composer/laravel/laravel@7.12.0'})-[:DEPENDS_ON]->(f:PackageVersion {key: 'pkg:composer/laravel/framework@7.30.5'}) RETURN count(*) AS c");
      assert.equal(Number(framework[0]!.c), 1, 'laravel/laravel depends on laravel/framework');
      const busybox = await g.store.read<{ c: number }>("MATCH (d:Document) WHERE d.name = 'docker.io/library/busybox sha256:bf5e28853a83134e949201fb5979927a9e5cc74cb747b7a080d96eaba1303411' RETURN count(d) AS c");
      assert.ok(Number(busybox[0]!.c) >= 1, 'the decompressed busybox SBOM is a document (.bz2 and .zst are the same bytes, so one document)');
    });
  });
}
