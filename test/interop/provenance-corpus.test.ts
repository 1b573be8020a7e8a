/**
 * Real SLSA provenance from GUAC's corpus (../shared/corpora/guac-data-docs/slsa:
 * 8 in-toto v0.1 statements with SLSA v0.2 predicates from the Kubernetes
 * release tooling), ingested on every engine. Per file, what the graph holds is
 * checked against what the document declares, counted here independently of
 * the parser: the builder id, the subject digests and the materials.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inTotoParser, parseInToto } from '../../ingestors/intoto/statement.js';
import { ENGINES, openTestGraph, sharedDir, type TestGraph } from '../support/engines.js';
import { documentInput } from '../support/parse.js';

type Json = Record<string, unknown>;

function corpusFiles(): string[] {
  const dir = path.join(sharedDir(), 'corpora', 'guac-data-docs', 'slsa');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
}

interface Declared {
  builderId: string;
  buildType: string;
  invocationId: string;
  /** `sha256:<hex>` of each subject: the digest the graph anchors provenance on. */
  sha256: Set<string>;
  /** `<alg>:<hex>` of every digest of every subject. */
  allDigests: Set<string>;
  /** Distinct materials (by URI and digest set). */
  materials: number;
  /** The commit of the git material, as written (the corpus wraps it in quotes). */
  materialCommits: Set<string>;
}

/** Read straight from the JSON, without the parser's code. */
function declared(doc: Json): Declared {
  const predicate = doc.predicate as Json;
  const subjects = doc.subject as Array<{ name: string; digest: Record<string, string> }>;
  const materials = predicate.materials as Array<{ uri: string; digest: Record<string, string> }>;
  const metadata = predicate.metadata as Json;
  return {
    builderId: (predicate.builder as Json).id as string,
    buildType: predicate.buildType as string,
    invocationId: (metadata.buildInvocationId ?? metadata.buildInvocationID) as string,
    sha256: new Set(subjects.map((s) => `sha256:${s.digest.sha256!.toLowerCase()}`)),
    allDigests: new Set(subjects.flatMap((s) => Object.entries(s.digest).map(([alg, hex]) => `${alg}:${hex.toLowerCase()}`))),
    materials: new Set(materials.map((m) => JSON.stringify([m.uri, m.digest]))).size,
    materialCommits: new Set(materials.map((m) => (m.digest.sha1 ?? '').replace(/'/g, ''))),
  };
}

const sorted = (s: Iterable<string>): string[] => [...s].sort();

test('the shared SLSA corpus is present', () => {
  assert.equal(corpusFiles().length, 8, 'the 8 SLSA provenance statements of the GUAC corpus');
});

for (const engine of ENGINES) {
  describe(`SLSA provenance corpus on ${engine}`, () => {
    let g: TestGraph;
    before(async () => { g = await openTestGraph(engine); });
    after(async () => { await g?.dispose(); });

    for (const file of corpusFiles()) {
      test(path.basename(file), async () => {
        const input = documentInput(readFileSync(file));
        assert.ok(inTotoParser.detect(input), 'the detector claims it');
        const want = declared(input.json as Json);
        const batch = parseInToto(input);
        assert.equal(batch.document.kind, 'attestation');
        assert.equal(batch.document.specVersion, 'https://slsa.dev/provenance/v0.2');
        assert.deepEqual(batch.warnings.map((w) => w.code), ['DIGEST_NORMALIZED'], 'only the quoted git commit is remarked on');

        const r = await g.store.writeBatch(batch);
        assert.equal(r.status, 'written');
        const doc = batch.document.key;

        const builders = await g.store.read<{ id: string; buildType: string; invocationId: string; c: number }>(
          'MATCH (a:Artifact)-[r:BUILT_BY]->(b:Builder) WHERE r.doc = $doc RETURN b.builderId AS id, r.buildType AS buildType, r.invocationId AS invocationId, count(a) AS c',
          { doc });
        assert.equal(builders.length, 1, 'one builder, one build');
        assert.equal(builders[0]!.id, want.builderId);
        assert.equal(builders[0]!.buildType, want.buildType);
        assert.equal(builders[0]!.invocationId, want.invocationId);
        assert.equal(Number(builders[0]!.c), want.sha256.size, 'every subject was built by it');

        const described = await g.store.read<{ k: string }>('MATCH (d:Document {key: $doc})-[:DESCRIBES]->(a:Artifact) RETURN a.key AS k', { doc });
        assert.deepEqual(sorted(described.map((x) => x.k)), sorted(want.sha256), 'DESCRIBES = the declared sha256 subject digests');
        const listed = await g.store.read<{ k: string }>("MATCH (d:Document {key: $doc})-[l:LISTS]->(a:Artifact) WHERE l.componentType = 'subject' RETURN a.key AS k", { doc });
        assert.deepEqual(sorted(listed.map((x) => x.k)), sorted(want.allDigests), 'every declared digest of every subject is an Artifact the document lists');

        const built = await g.store.read<{ k: string; c: number }>(
          'MATCH (a:Artifact)-[r:BUILT_FROM]->(m:SourceRepository) WHERE r.doc = $doc RETURN a.key AS k, count(r) AS c', { doc });
        assert.equal(built.length, want.sha256.size, 'every subject has its materials');
        assert.ok(built.every((x) => Number(x.c) === want.materials), `each subject is BUILT_FROM ${want.materials} material(s)`);
        const revisions = await g.store.read<{ url: string; rev: string }>(
          'MATCH (a:Artifact)-[r:BUILT_FROM]->(m:SourceRepository) WHERE r.doc = $doc RETURN DISTINCT m.url AS url, r.revision AS rev', { doc });
        assert.deepEqual(revisions.map((x) => x.url), ['https://github.com/kubernetes/kubernetes']);
        assert.deepEqual(sorted(revisions.map((x) => x.rev)), sorted(want.materialCommits), 'the material revision is the declared commit');
      });
    }

    test('the same statement in a DSSE envelope and in a Sigstore bundle: same provenance, separate documents', async () => {
      const raw = readFileSync(corpusFiles()[0]!);
      const envelope = { payloadType: 'application/vnd.in-toto+json', payload: raw.toString('base64'), signatures: [{ keyid: '', sig: 'AAAA' }] };
      const wrapped = [envelope, { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', verificationMaterial: { publicKey: { hint: 'x' } }, dsseEnvelope: envelope }];
      const want = declared(JSON.parse(raw.toString('utf8')) as Json);
      for (const doc of wrapped) {
        const input = documentInput(doc);
        assert.ok(inTotoParser.detect(input));
        const batch = parseInToto(input);
        assert.deepEqual(batch.warnings.map((w) => w.code).sort(), ['DIGEST_NORMALIZED', 'SIGNATURE_NOT_VERIFIED']);
        assert.equal((await g.store.writeBatch(batch)).status, 'written');
        const rows = await g.store.read<{ c: number }>('MATCH (a:Artifact)-[r:BUILT_BY]->(:Builder) WHERE r.doc = $doc RETURN count(r) AS c', { doc: batch.document.key });
        assert.equal(Number(rows[0]!.c), want.sha256.size);
      }
      const sigs = await g.store.read<{ c: number }>('MATCH (s:Signature) RETURN count(s) AS c');
      assert.equal(Number(sigs[0]!.c), 0, 'an unverified envelope leaves no Signature node');
    });

    test('known facts: one Kubernetes release builder and one repository, a commit per release', async () => {
      const b = await g.store.read<{ c: number }>('MATCH (b:Builder) RETURN count(b) AS c');
      assert.equal(Number(b[0]!.c), 1);
      const revs = await g.store.read<{ rev: string }>(
        "MATCH (a:Artifact)-[r:BUILT_FROM]->(m:SourceRepository {key: 'https://github.com/kubernetes/kubernetes'}) RETURN DISTINCT r.revision AS rev");
      assert.equal(revs.length, 8, 'eight releases, eight commits');
      const docs = await g.store.read<{ c: number }>("MATCH (d:Document) WHERE d.kind = 'attestation' AND d.format = 'in-toto' RETURN count(d) AS c");
      assert.equal(Number(docs[0]!.c), 10, 'the 8 statements and the 2 wrapped copies');
    });
  });
}
