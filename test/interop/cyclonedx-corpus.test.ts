/**
 * Real CycloneDX JSON from other tools (../shared/corpora), ingested on every
 * engine: component and dependency counts must equal what each document
 * declares, and known facts must be in the graph.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCycloneDxJson } from '../../ingestors/cyclonedx/json.js';
import { resolvePurl, documentsListing } from '../../services/graph/queries/components.js';
import { ENGINES, openTestGraph, sharedDir, type TestGraph } from '../support/engines.js';
import { documentInput } from '../support/parse.js';

type Json = Record<string, unknown>;

function corpusFiles(): string[] {
  const guac = path.join(sharedDir(), 'corpora', 'guac-data-docs', 'cyclonedx');
  const singles = path.join(sharedDir(), 'corpora', 'sbom');
  const files = readdirSync(guac).filter((f) => f.endsWith('.json')).map((f) => path.join(guac, f));
  for (const [dir, f] of [['guac', 'alpine-cyclonedx.json'], ['guac', 'big-mongo-cyclonedx.json'], ['guac', 'quarkus-deps-cyclonedx.json'], ['guac', 'cyclonedx-1.7.json'],
    ['cyclonedx-spec', 'valid-dependency-1.6.json'], ['cyclonedx-spec', 'valid-component-data-1.6.json'], ['cyclonedx-spec', 'valid-machine-learning-1.5.json'], ['cyclonedx-spec', 'valid-machine-learning-1.6.json']] as const) {
    files.push(path.join(singles, dir, f));
  }
  return files;
}

/** What the document itself declares: every component (nested too) and every dependsOn entry. */
function declared(doc: Json): { components: number; dependsOn: number } {
  let components = 0;
  const stack: unknown[] = [];
  const meta = doc.metadata as Json | undefined;
  if (meta?.component) stack.push(meta.component);
  if (Array.isArray(doc.components)) stack.push(...doc.components);
  while (stack.length) {
    const c = stack.pop() as Json;
    components += 1;
    if (Array.isArray(c.components)) stack.push(...c.components);
  }
  let dependsOn = 0;
  for (const d of (doc.dependencies as Json[] | undefined) ?? []) dependsOn += Array.isArray(d.dependsOn) ? new Set(d.dependsOn).size : 0;
  return { components, dependsOn };
}

test('the shared corpus is present', () => {
  const files = corpusFiles();
  assert.equal(files.filter((f) => f.includes('guac-data-docs')).length, 18, 'the 18 syft CycloneDX SBOMs of the GUAC corpus');
});

for (const engine of ENGINES) {
  describe(`CycloneDX corpus on ${engine}`, () => {
    let g: TestGraph;
    before(async () => { g = await openTestGraph(engine); });
    after(async () => { await g?.dispose(); });

    for (const file of corpusFiles()) {
      test(path.basename(file), async () => {
        const bytes = readFileSync(file);
        const input = documentInput(bytes);
        const batch = parseCycloneDxJson(input);
        const want = declared(input.json as Json);
        assert.equal(batch.document.componentCount, want.components, 'every declared component is ingested');
        const problems = batch.warnings.filter((w) => w.code !== 'UNSUPPORTED_SPEC_VERSION' && w.code !== 'INVALID_PURL');
        const dangling = problems.filter((w) => w.code === 'DANGLING_REF' || w.code === 'SELF_DEPENDENCY').length;
        const depEdges = batch.edges.filter((e) => e.type === 'DEPENDS_ON').length;
        // Each dependsOn entry becomes an edge, or a warning when the document names an unknown ref.
        assert.equal(depEdges + dangling, want.dependsOn, `${depEdges} DEPENDS_ON edges + ${dangling} warnings for ${want.dependsOn} declared`);
        const r = await g.store.writeBatch(batch);
        assert.equal(r.status, 'written');
        const listed = await g.store.read<{ c: number }>('MATCH (d:Document {key: $k})-[:LISTS]->(n) RETURN count(n) AS c', { k: batch.document.key });
        assert.equal(Number(listed[0]!.c), batch.edges.filter((e) => e.type === 'LISTS').length, 'what the batch lists is what the graph lists');
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
  });
}
