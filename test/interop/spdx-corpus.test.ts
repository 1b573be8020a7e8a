/**
 * Real SPDX documents from other tools (test/fixtures, sources in
 * test/fixtures/PROVENANCE.md), ingested on every engine with the checks of
 * spdx-checks.ts: per document, what it declares (packages, files,
 * relationships per type) against the parser's accounting and the graph.
 * SPDX 2.3 JSON files are also checked against the official JSON schema (the
 * SPDX 2.2 files are ingested whether or not they pass it). The full shared
 * corpora get the same checks in test/corpus.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mapSpdx2Json } from '../../ingestors/spdx2/json.js';
import { resolvePurl, documentsListing } from '../../services/graph/queries/components.js';
import { ENGINES, openTestGraph, type TestGraph } from '../support/engines.js';
import { fixturePath } from '../support/fixtures.js';
import { documentInput } from '../support/parse.js';
import { checkSpdx2File, checkSpdx3File, declared3, enclosingPackage, graphEdges, list, readJson, spdx23Verdicts, text } from './spdx-checks.js';

const SPDX2_FILES: readonly string[] = [
  fixturePath('guac-data', 'spdx', 'syft-spdx-k8s.gcr.io-kube-apiserver.v1.24.5.json'),
  fixturePath('guac', 'alpine-spdx.json'),
  fixturePath('guac', 'oci-kubectl-linux-amd64-spdx-1.json'),
  fixturePath('spdx-examples', 'software-example11.spdx.json'),
];
const SPDX3_FILES = ['ai-example02.spdx3.json', 'dataset-example01.spdx3.json'];
const spdx3Path = (f: string): string => fixturePath('spdx-examples', f);

test('SPDX 2.3 JSON schema: the two SPDX 2.3 fixtures validate; the SPDX 2.2 ones are reported (and still ingest below)', () => {
  const verdicts = spdx23Verdicts(fixturePath('schemas', 'spdx-2.3.schema.json'), SPDX2_FILES);
  const v23 = verdicts.filter((v) => v.version === 'SPDX-2.3');
  assert.deepEqual(v23.map((v) => [v.file, v.valid]), [['oci-kubectl-linux-amd64-spdx-1.json', true], ['software-example11.spdx.json', true]]);
  assert.ok(verdicts.some((v) => !v.valid), 'some (SPDX 2.2) files do not pass the 2.3 schema, and the parser must still ingest them');
});

for (const engine of ENGINES) {
  describe(`SPDX fixtures on ${engine}`, () => {
    let g: TestGraph;
    const docKeys = new Map<string, string>();
    before(async () => { g = await openTestGraph(engine); });
    after(async () => { await g?.dispose(); });

    for (const file of SPDX2_FILES) {
      test(path.basename(file), async () => { docKeys.set(path.basename(file), await checkSpdx2File(g.store, file)); });
    }

    test('software-example11: the known DEPENDS_ON edges, both subjects, and GENERATED_FROM reported as not representable', async () => {
      const docKey = docKeys.get('software-example11.spdx.json')!;
      const deps = await g.store.read<{ a: string; b: string }>('MATCH (a:PackageVersion)-[r:DEPENDS_ON]->(b:PackageVersion) WHERE r.doc = $doc RETURN a.purl AS a, b.purl AS b', { doc: docKey });
      assert.deepEqual(deps.map((x) => `${x.a} -> ${x.b}`).sort(), [
        'pkg:deb/debian/libselinux1-dev@3.1-3?arch=s390x -> pkg:cargo/hyper@0.14',
        'pkg:deb/debian/libselinux1-dev@3.1-3?arch=s390x -> pkg:cargo/pretty_env_logger@0.4.0',
        'pkg:deb/debian/libselinux1-dev@3.1-3?arch=s390x -> pkg:cargo/tokio@1.19.2',
      ]);
      const subjects = await graphEdges(g.store, docKey, 'DESCRIBES', [['Document', 'PackageVersion'], ['Document', 'Artifact']], null);
      assert.deepEqual(subjects, [`${docKey} -> pkg:deb/debian/libselinux1-dev@3.1-3?arch=s390x`, `${docKey} -> sha256:bd2195f2551328fa3ad870726f5591fd82fdc5dd33a359be79d356dbecd5868b`].sort());
      const { stats, batch } = mapSpdx2Json(documentInput(readFileSync(fixturePath('spdx-examples', 'software-example11.spdx.json'))));
      assert.deepEqual(stats.relationships.unmappable, { GENERATED_FROM: 1 }, 'a file generated from a package with no digest or repository has no ontology edge');
      assert.match(batch.warnings.find((w) => w.code === 'UNMAPPED_RELATIONSHIPS')!.message, /GENERATED_FROM ×1/);
    });

    test('known facts: the kubectl image lists its packages but no zero-digest files; OTHER relationships are counted once', async () => {
      const { batch, stats } = mapSpdx2Json(documentInput(readFileSync(fixturePath('guac', 'oci-kubectl-linux-amd64-spdx-1.json'))));
      assert.equal(stats.filesWithPlaceholderDigest, 1210, 'syft 0.90 wrote SHA1 0000… for every file');
      assert.equal(stats.relationships.ignored.OTHER, 88);
      assert.equal(batch.warnings.filter((w) => w.code === 'IGNORED_RELATIONSHIPS').length, 1);
      const art = await g.store.read<{ c: number }>("MATCH (a:Artifact {key: 'sha1:0000000000000000000000000000000000000000'}) RETURN count(a) AS c");
      assert.equal(Number(art[0]!.c), 0, 'no hub node for the placeholder digest');
    });

    test('known facts: a Debian package is listed by every SPDX SBOM that includes it', async () => {
      // netbase 6.3 is in the distroless base of both the kube-apiserver and the kubectl image.
      const purl = 'pkg:deb/debian/netbase@6.3';
      const including = SPDX2_FILES.filter((f) => list(readJson(f).packages).some((p) => list(p.externalRefs).some((x) => text(x.referenceLocator).startsWith(`${purl}?`))));
      assert.deepEqual(including.map((f) => path.basename(f)), ['syft-spdx-k8s.gcr.io-kube-apiserver.v1.24.5.json', 'oci-kubectl-linux-amd64-spdx-1.json']);
      const docs = await documentsListing(g.store, await resolvePurl(g.store, purl));
      assert.deepEqual(docs.map((x) => x.key).sort(), including.map((f) => docKeys.get(path.basename(f))!).sort());
    });

    for (const f of SPDX3_FILES) {
      test(f, async () => { docKeys.set(f, await checkSpdx3File(g.store, spdx3Path(f))); });
    }

    test('ai-example02: the AI model is trained and tested on the dataset that holds the files it names', async () => {
      const doc = readJson(spdx3Path('ai-example02.spdx3.json'));
      const { byId } = declared3(doc);
      const want = new Set<string>();
      for (const rel of list(doc['@graph']).filter((e) => e.relationshipType === 'trainedOn' || e.relationshipType === 'testedOn')) {
        const m = enclosingPackage(doc, byId, text(rel.from), 'ai_AIPackage');
        for (const t of rel.to as unknown[]) {
          const ds = enclosingPackage(doc, byId, text(t), 'dataset_DatasetPackage');
          if (m && ds) want.add(`${text(m.name)} -> ${text(ds.name)} ${rel.relationshipType === 'trainedOn' ? 'training' : 'testing'}`);
        }
      }
      assert.ok([...want].some((w) => w.endsWith('training')), 'the document trains the model on the dataset');
      const rows = await g.store.read<{ m: string; d: string; p: string }>('MATCH (m:Model)-[r:USES_DATASET]->(d:Dataset) WHERE r.doc = $doc RETURN m.name AS m, d.name AS d, r.purpose AS p', { doc: docKeys.get('ai-example02.spdx3.json')! });
      assert.deepEqual(rows.map((x) => `${x.m} -> ${x.d} ${x.p}`).sort(), [...want].sort());
    });

    test('dataset-example01: the dataset, its version, digests and licenses', async () => {
      const doc = readJson(spdx3Path('dataset-example01.spdx3.json'));
      const ds = list(doc['@graph']).find((e) => e.type === 'dataset_DatasetPackage')!;
      const docKey = docKeys.get('dataset-example01.spdx3.json')!;
      const rows = await g.store.read<{ name: string; version: string }>('MATCH (d:Document {key: $doc})-[:DESCRIBES]->(n:Dataset) RETURN n.name AS name, n.version AS version', { doc: docKey });
      assert.deepEqual(rows, [{ name: text(ds.name), version: text(ds.software_packageVersion) }]);
      const digests = await g.store.read<{ k: string }>('MATCH (n:Dataset)-[r:HAS_DIGEST]->(a:Artifact) WHERE r.doc = $doc RETURN a.key AS k', { doc: docKey });
      assert.deepEqual(digests.map((x) => x.k).sort(), list(ds.verifiedUsing).map((h) => `${text(h.algorithm)}:${text(h.hashValue)}`).sort());
    });
  });
}
