/**
 * Real CycloneDX from other tools (../shared/corpora): JSON, XML, and
 * bzip2/zstd-compressed JSON, ingested through the same steps as the worker
 * (decompress → decode → detect → parse with default validation → write) on
 * every engine. Component and dependency counts must equal what each document
 * declares, counted from the document itself (XML from the XML text), and
 * known facts must be in the graph.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decompressDocument } from '../../ingestors/common/decompress.js';
import { parserFor } from '../../ingestors/registry.js';
import { resolvePurl, documentsListing } from '../../services/graph/queries/components.js';
import { ENGINES, openTestGraph, sharedDir, type TestGraph } from '../support/engines.js';
import { documentInput } from '../support/parse.js';

type Json = Record<string, unknown>;

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

/** One fact per ML-BOM that must be in the graph after ingesting it: a model and its dataset. */
const ML_FACTS: Record<string, { model: string; dataset: string }> = {
  'valid-machine-learning-1.5.json': { model: 'CompVis/stable-diffusion', dataset: 'Training Data' },
  'valid-machine-learning-1.6.json': { model: 'CompVis/stable-diffusion', dataset: 'Training Data' },
};

/** What a JSON document itself declares: every component (nested and pedigree too) and every distinct dependsOn entry. */
function declaredJson(doc: Json): { components: number; dependsOn: number } {
  let components = 0;
  const stack: unknown[] = [];
  const meta = doc.metadata as Json | undefined;
  if (meta?.component) stack.push(meta.component);
  if (Array.isArray(doc.components)) stack.push(...doc.components);
  while (stack.length) {
    const c = stack.pop() as Json;
    components += 1;
    if (Array.isArray(c.components)) stack.push(...c.components);
    const p = c.pedigree as Json | undefined;
    for (const k of ['ancestors', 'descendants', 'variants']) if (p && Array.isArray(p[k])) stack.push(...(p[k] as unknown[]));
  }
  let dependsOn = 0;
  for (const d of (doc.dependencies as Json[] | undefined) ?? []) dependsOn += Array.isArray(d.dependsOn) ? new Set(d.dependsOn).size : 0;
  return { components, dependsOn };
}

/**
 * The same, counted from XML text with regular expressions (independent of the
 * ingestor's reader): <component> start tags, and the distinct <dependency ref>
 * children of each top-level <dependency>.
 */
function declaredXml(xml: string): { components: number; dependsOn: number } {
  const components = (xml.match(/<(?:\w+:)?component[\s>]/g) ?? []).length;
  const section = /<(?:\w+:)?dependencies>([\s\S]*)<\/(?:\w+:)?dependencies>/.exec(xml)?.[1] ?? '';
  let dependsOn = 0;
  for (const m of section.matchAll(/<(?:\w+:)?dependency\s+ref="[^"]*"\s*(?:\/>|>([\s\S]*?)<\/(?:\w+:)?dependency>)/g)) {
    dependsOn += new Set([...(m[1] ?? '').matchAll(/<(?:\w+:)?dependency\s+ref="([^"]*)"/g)].map((x) => x[1])).size;
  }
  return { components, dependsOn };
}

test('the shared corpus is present', () => {
  const files = corpusFiles();
  assert.equal(files.filter((f) => f.includes('guac-data-docs')).length, 18, 'the 18 syft CycloneDX SBOMs of the GUAC corpus');
});

test('laravel XML: the counts from the XML text are the ones its producer wrote', () => {
  const xml = readFileSync(path.join(sharedDir(), 'corpora', 'sbom', 'guac', 'laravel-cyclonedx.xml'), 'utf8');
  const want = declaredXml(xml);
  assert.equal(want.components, 63, 'the metadata component + 62 components');
  assert.ok(want.dependsOn > 100);
});

for (const engine of ENGINES) {
  describe(`CycloneDX corpus on ${engine}`, () => {
    let g: TestGraph;
    /** Documents already written: the .bz2 and .zst corpus files hold the same bytes. */
    const written = new Set<string>();
    before(async () => { g = await openTestGraph(engine); });
    after(async () => { await g?.dispose(); });

    for (const file of corpusFiles()) {
      test(path.basename(file), async () => {
        const raw = readFileSync(file);
        const { bytes, encoding } = await decompressDocument(raw, { maxDecompressedBytes: 64 * 1024 * 1024 });
        assert.equal(encoding, file.endsWith('.bz2') ? 'bzip2' : file.endsWith('.zst') ? 'zstd' : 'identity');
        const input = documentInput(bytes);
        const parser = parserFor(input);
        assert.equal(parser.format, file.endsWith('.xml') ? 'cyclonedx-xml' : 'cyclonedx-json');
        const batch = await parser.parse(input);
        const want = parser.format === 'cyclonedx-xml' ? declaredXml(input.text!) : declaredJson(input.json as Json);
        // componentCount is Sbom.components.totalCount: distinct listed components; syft repeats a
        // package once per location, so there are at most as many as declared entries.
        const distinct = new Set(batch.edges.filter((e) => e.type === 'LISTS').map((e) => `${e.to.label}\u0000${e.to.key}`));
        assert.equal(batch.document.componentCount, distinct.size, 'componentCount = distinct listed components');
        assert.ok(distinct.size > 0 && distinct.size <= want.components, `${distinct.size} distinct components for ${want.components} declared entries`);
        const unresolved = batch.warnings.filter((w) => w.code === 'DANGLING_REF' || w.code === 'SELF_DEPENDENCY' || w.code === 'UNRESOLVED_BOM_LINK').length;
        const depEdges = batch.edges.filter((e) => e.type === 'DEPENDS_ON').length;
        // Each dependsOn entry becomes an edge, or a warning when the document names a ref it does not hold.
        assert.equal(depEdges + unresolved, want.dependsOn, `${depEdges} DEPENDS_ON edges + ${unresolved} warnings for ${want.dependsOn} declared`);
        const r = await g.store.writeBatch(batch);
        assert.equal(r.status, written.has(batch.document.key) ? 'already-ingested' : 'written');
        written.add(batch.document.key);
        const listed = await g.store.read<{ c: number }>('MATCH (d:Document {key: $k})-[:LISTS]->(n) RETURN count(n) AS c', { k: batch.document.key });
        assert.equal(Number(listed[0]!.c), batch.edges.filter((e) => e.type === 'LISTS').length, 'what the batch lists is what the graph lists');
        const deps = await g.store.read<{ c: number }>('MATCH ()-[r:DEPENDS_ON {doc: $k}]->() RETURN count(r) AS c', { k: batch.document.key });
        assert.equal(Number(deps[0]!.c), depEdges, 'every DEPENDS_ON edge of the document is in the graph');
        const fact = ML_FACTS[path.basename(file)];
        if (fact) {
          const rows = await g.store.read<{ model: string; dataset: string }>(
            'MATCH (m:Model)-[u:USES_DATASET {doc: $k}]->(d:Dataset) RETURN m.name AS model, d.name AS dataset', { k: batch.document.key });
          assert.deepEqual(rows.map((x) => [x.model, x.dataset]), [[fact.model, fact.dataset]]);
        }
      });
    }

    test('known facts: musl from several images lists each SBOM that includes it', async () => {
      const handles = await resolvePurl(g.store, 'pkg:alpine/musl');
      assert.ok(handles.length >= 2, 'several musl versions across the alpine-based images');
      const docs = await documentsListing(g.store, handles);
      assert.ok(docs.length >= 4, `musl is listed by ${docs.length} SBOMs`);
      assert.ok(docs.some((d) => (d.name ?? '').includes('library/alpine')));
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
