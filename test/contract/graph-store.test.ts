/**
 * The graph store contract, run unchanged on every engine: what one engine
 * answers, the other must answer too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCycloneDxJson } from '../../ingestors/cyclonedx/json.js';
import { reachableComponents, resolvePurl, documentsListing, documentSubjects } from '../../services/graph/queries/components.js';
import { documentComponents, getDocument, listDocuments } from '../../services/graph/queries/documents.js';
import { ENGINES, openTestGraph, type TestGraph } from '../support/engines.js';
import { appSbom, cyclonedx, npm } from '../support/sbom-factory.js';
import { documentInput } from '../support/parse.js';

const batchOf = (doc: unknown) => parseCycloneDxJson(documentInput(doc));

for (const engine of ENGINES) {
  describe(`graph store contract: ${engine}`, () => {
    let g: TestGraph;
    before(async () => { g = await openTestGraph(engine); });
    after(async () => { await g?.dispose(); });

    test('migrations run once', async () => {
      const again = await g.store.migrate();
      assert.deepEqual(again.applied, []);
      assert.ok(again.alreadyApplied.includes('0001_ontology'));
    });

    test('a batch is written once; the same document again is a no-op', async () => {
      const doc = appSbom('web', [['express', '4.18.2'], ['lodash', '4.17.21']], ['ms', '2.1.3']);
      const first = await g.store.writeBatch(batchOf(doc));
      assert.equal(first.status, 'written');
      assert.ok(first.nodesCreated > 0 && first.edgesCreated > 0);
      const before = await g.store.counts();
      const second = await g.store.writeBatch(batchOf(doc));
      assert.equal(second.status, 'already-ingested');
      assert.deepEqual(await g.store.counts(), before);
      assert.equal(before.byLabel.Document, 1);
      // 4 packages (web, express, lodash, ms), each with one version.
      assert.equal(before.byLabel.Package, 4);
      assert.equal(before.byLabel.PackageVersion, 4);
      assert.equal(before.byEdgeType.HAS_VERSION, 4);
      assert.equal(before.byEdgeType.DEPENDS_ON, 4);
    });

    test('a second SBOM sharing packages reuses their nodes and adds its own assertions', async () => {
      const before = await g.store.counts();
      const doc = appSbom('api', [['express', '4.18.2']], ['ms', '2.1.3']);
      const r = await g.store.writeBatch(batchOf(doc));
      assert.equal(r.status, 'written');
      const now = await g.store.counts();
      assert.equal(now.byLabel.PackageVersion - before.byLabel.PackageVersion, 1, 'only api@1.0.0 is new');
      assert.equal(now.byEdgeType.HAS_VERSION - before.byEdgeType.HAS_VERSION, 1, 'HAS_VERSION is written once per version');
      assert.equal(now.byEdgeType.DEPENDS_ON - before.byEdgeType.DEPENDS_ON, 2, 'api → express and express → ms, asserted by the new document');
    });

    test('dependents: direct and transitive, with shortest paths, SBOMs and subjects', async () => {
      const ms = await resolvePurl(g.store, 'pkg:npm/ms@2.1.3');
      assert.deepEqual(ms.map((h) => h.key), ['pkg:npm/ms@2.1.3']);
      const direct = await reachableComponents(g.store, ms, 'in', { transitive: false, maxDepth: 10, first: 100, after: null });
      assert.deepEqual(direct.items.map((c) => c.key), ['pkg:npm/api@1.0.0', 'pkg:npm/express@4.18.2', 'pkg:npm/lodash@4.17.21', 'pkg:npm/web@1.0.0']);
      const transitive = await reachableComponents(g.store, ms, 'in', { transitive: true, maxDepth: 10, first: 100, after: null });
      const web = transitive.items.find((c) => c.key === 'pkg:npm/web@1.0.0')!;
      assert.equal(web.depth, 1, 'web CONTAINS ms directly (top-level component of its SBOM)');
      const docs = await documentsListing(g.store, ms);
      assert.equal(docs.length, 2);
      const subjects = await documentSubjects(g.store, docs.map((d) => d.key));
      assert.deepEqual(subjects.map((s) => s.key).sort(), ['pkg:npm/api@1.0.0', 'pkg:npm/web@1.0.0']);
    });

    test('dependencies: direct only vs transitive with depth', async () => {
      const web = await resolvePurl(g.store, 'pkg:npm/web');
      const direct = await reachableComponents(g.store, web, 'out', { transitive: false, maxDepth: 10, first: 100, after: null });
      assert.deepEqual(direct.items.map((c) => c.key), ['pkg:npm/express@4.18.2', 'pkg:npm/lodash@4.17.21', 'pkg:npm/ms@2.1.3']);
      const page1 = await reachableComponents(g.store, web, 'out', { transitive: true, maxDepth: 10, first: 2, after: null });
      assert.equal(page1.items.length, 2);
      assert.equal(page1.hasNextPage, true);
      assert.equal(page1.totalCount, 3);
      const page2 = await reachableComponents(g.store, web, 'out', { transitive: true, maxDepth: 10, first: 2, after: page1.items[1]!.key });
      assert.deepEqual(page2.items.map((c) => c.key), ['pkg:npm/ms@2.1.3']);
      assert.equal(page2.hasNextPage, false);
    });

    test('a dependency cycle terminates and reports each node once', async () => {
      const doc = cyclonedx({ components: [npm('cyc-a', '1'), npm('cyc-b', '1'), npm('cyc-c', '1')], dependencies: [
        { ref: 'pkg:npm/cyc-a@1', dependsOn: ['pkg:npm/cyc-b@1'] },
        { ref: 'pkg:npm/cyc-b@1', dependsOn: ['pkg:npm/cyc-c@1'] },
        { ref: 'pkg:npm/cyc-c@1', dependsOn: ['pkg:npm/cyc-a@1'] },
      ] });
      await g.store.writeBatch(batchOf(doc));
      const a = await resolvePurl(g.store, 'pkg:npm/cyc-a@1');
      const out = await reachableComponents(g.store, a, 'out', { transitive: true, maxDepth: 30, first: 100, after: null });
      assert.deepEqual(out.items.map((c) => [c.key, c.depth]), [['pkg:npm/cyc-b@1', 1], ['pkg:npm/cyc-c@1', 2]]);
      const c = out.items.find((x) => x.key === 'pkg:npm/cyc-c@1')!;
      assert.deepEqual(c.path, ['pkg:npm/cyc-a@1', 'pkg:npm/cyc-b@1', 'pkg:npm/cyc-c@1']);
      assert.deepEqual(c.via, ['DEPENDS_ON', 'DEPENDS_ON']);
    });

    test('documents: lookup, listing with cursor, components', async () => {
      const page = await listDocuments(g.store, 'sbom', 2, null);
      assert.equal(page.totalCount, 3);
      assert.equal(page.items.length, 2);
      const rest = await listDocuments(g.store, 'sbom', 2, page.items[1]!.key);
      assert.equal(rest.items.length, 1);
      assert.equal(rest.hasNextPage, false);
      const d = await getDocument(g.store, page.items[0]!.key);
      // The store records the write; the worker marks the document complete once its matches are made.
      assert.equal(d?.state, 'written');
      assert.equal(d?.format, 'cyclonedx-json');
      const comps = await documentComponents(g.store, page.items[0]!.key, 100, null);
      assert.equal(comps.totalCount, d?.componentCount);
    });

    test('qualifier variants: a plain purl finds every variant, a qualified one exactly one', async () => {
      const doc = cyclonedx({ components: [
        { name: 'musl', version: '1.2.3', purl: 'pkg:apk/alpine/musl@1.2.3?arch=x86_64', ref: 'x' },
        { name: 'musl', version: '1.2.3', purl: 'pkg:apk/alpine/musl@1.2.3?arch=aarch64', ref: 'y' },
        { name: 'musl', version: '1.2.4', purl: 'pkg:apk/alpine/musl@1.2.4?arch=x86_64', ref: 'z' },
      ] });
      await g.store.writeBatch(batchOf(doc));
      assert.equal((await resolvePurl(g.store, 'pkg:apk/alpine/musl@1.2.3')).length, 2);
      assert.equal((await resolvePurl(g.store, 'pkg:apk/alpine/musl@1.2.3?arch=aarch64')).length, 1);
      assert.equal((await resolvePurl(g.store, 'pkg:apk/alpine/musl')).length, 3);
    });
    test('documents written at the same time (grouped into one transaction on the embedded engine) give the graph sequential writes give', async () => {
      const docs = Array.from({ length: 6 }, (_, i) => appSbom(`grp-${i}`, [['express', '4.18.2'], [`own-${i}`, '1.0.0']], ['ms', '2.1.3']));
      // Reference: one at a time on a fresh embedded graph. This test runs last: on Neo4j it wipes the suite's graph.
      const solo = await openTestGraph('kuzu');
      try {
        for (const d of docs) await solo.store.writeBatch(batchOf(d));
        const expected = await solo.store.counts();
        const together = await openTestGraph(engine);
        try {
          // The same document twice in one group: written once, the second is "already ingested" (written, not complete).
          const results = await Promise.all([...docs, docs[2]].map((d) => together.store.writeBatch(batchOf(d))));
          assert.deepEqual(results.map((r) => r.status).sort(), ['already-ingested', 'written', 'written', 'written', 'written', 'written', 'written']);
          assert.equal(results.find((r) => r.status === 'already-ingested')!.documentState, 'written');
          const got = await together.store.counts();
          assert.deepEqual(got.byLabel, expected.byLabel);
          assert.deepEqual(got.byEdgeType, expected.byEdgeType);
        } finally {
          await together.dispose();
        }
      } finally {
        await solo.dispose();
      }
    });

    test('deleting a document gives back the graph as it was without it; deleting again is not-found', async () => {
      const kept = appSbom('del-kept', [['del-left', '1.0.0']], ['del-shared', '1.0.0']);
      await g.store.writeBatch(batchOf(kept));
      const without = await g.store.counts();
      const gone = batchOf(appSbom('del-gone', [['del-right', '1.0.0'], ['del-left', '1.0.0']], ['del-shared', '1.0.0']));
      await g.store.writeBatch(gone);
      const r = await g.store.deleteDocument(gone.document.key);
      assert.equal(r.status, 'deleted');
      assert.equal(r.kind, 'sbom');
      assert.ok(r.edgesDeleted > 0 && r.nodesDeleted > 0, JSON.stringify(r));
      const now = await g.store.counts();
      assert.deepEqual(now.byLabel, without.byLabel);
      assert.deepEqual(now.byEdgeType, without.byEdgeType);
      assert.deepEqual((await resolvePurl(g.store, 'pkg:npm/del-left@1.0.0')).map((h) => h.key), ['pkg:npm/del-left@1.0.0'], 'shared nodes stay');
      assert.deepEqual(await resolvePurl(g.store, 'pkg:npm/del-right@1.0.0'), [], 'nodes only it listed go');
      const again = await g.store.deleteDocument(gone.document.key);
      assert.equal(again.status, 'not-found');
    });
  });
}
