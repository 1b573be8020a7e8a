/**
 * Real SLSA provenance from GUAC's corpus (test/fixtures/guac-data/slsa: an
 * in-toto v0.1 statement with a SLSA v0.2 predicate from the Kubernetes release
 * tooling), ingested on every engine and checked against what it declares
 * (slsa-checks.ts); also wrapped in a DSSE envelope and a Sigstore bundle. The
 * 8 statements of the shared corpus get the same checks in test/corpus.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inTotoParser, parseInToto } from '../../ingestors/intoto/statement.js';
import { ENGINES, openTestGraph, type TestGraph } from '../support/engines.js';
import { fixturePath } from '../support/fixtures.js';
import { documentInput } from '../support/parse.js';
import { checkSlsaStatement, declaredProvenance } from './slsa-checks.js';

const STATEMENT = fixturePath('guac-data', 'slsa', 'kube-slsa-v1.24.1.json');

for (const engine of ENGINES) {
  describe(`SLSA provenance fixture on ${engine}`, () => {
    let g: TestGraph;
    before(async () => { g = await openTestGraph(engine); });
    after(async () => { await g?.dispose(); });

    test('kube-slsa-v1.24.1.json', async () => { await checkSlsaStatement(g.store, STATEMENT); });

    test('the same statement in a DSSE envelope and in a Sigstore bundle: same provenance, separate documents', async () => {
      const raw = readFileSync(STATEMENT);
      const envelope = { payloadType: 'application/vnd.in-toto+json', payload: raw.toString('base64'), signatures: [{ keyid: '', sig: 'AAAA' }] };
      const wrapped = [envelope, { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', verificationMaterial: { publicKey: { hint: 'x' } }, dsseEnvelope: envelope }];
      const want = declaredProvenance(JSON.parse(raw.toString('utf8')) as Record<string, unknown>);
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

    test('known facts: one Kubernetes release builder and repository, the v1.24.1 commit', async () => {
      const b = await g.store.read<{ c: number }>('MATCH (b:Builder) RETURN count(b) AS c');
      assert.equal(Number(b[0]!.c), 1);
      const revs = await g.store.read<{ rev: string }>(
        "MATCH (a:Artifact)-[r:BUILT_FROM]->(m:SourceRepository {key: 'https://github.com/kubernetes/kubernetes'}) RETURN DISTINCT r.revision AS rev");
      assert.deepEqual(revs.map((r) => r.rev), ['aaf024b5e8dc5e08e4414583203968ca0a5ec043'], 'the commit v1.24.1 was built from, unquoted');
      const docs = await g.store.read<{ c: number }>("MATCH (d:Document) WHERE d.kind = 'attestation' AND d.format = 'in-toto' RETURN count(d) AS c");
      assert.equal(Number(docs[0]!.c), 3, 'the statement and its 2 wrapped copies');
    });
  });
}
