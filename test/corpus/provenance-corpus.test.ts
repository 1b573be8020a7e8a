/**
 * The 8 SLSA provenance statements of GUAC's corpus in the shared corpora
 * (../shared/corpora/guac-data-docs/slsa), each ingested and checked on every
 * engine as in test/interop/provenance-corpus.test.ts (which runs one of them).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ENGINES, openTestGraph, type TestGraph } from '../support/engines.js';
import { sharedDir } from '../support/fixtures.js';
import { checkSlsaStatement } from '../interop/slsa-checks.js';

function corpusFiles(): string[] {
  const dir = path.join(sharedDir(), 'corpora', 'guac-data-docs', 'slsa');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
}

test('the shared SLSA corpus is present', () => {
  assert.equal(corpusFiles().length, 8, 'the 8 SLSA provenance statements of the GUAC corpus');
});

for (const engine of ENGINES) {
  describe(`shared SLSA provenance corpus on ${engine}`, () => {
    let g: TestGraph;
    before(async () => { g = await openTestGraph(engine); });
    after(async () => { await g?.dispose(); });

    for (const file of corpusFiles()) {
      test(path.basename(file), async () => { await checkSlsaStatement(g.store, file); });
    }

    test('known facts: one Kubernetes release builder and one repository, a commit per release', async () => {
      const b = await g.store.read<{ c: number }>('MATCH (b:Builder) RETURN count(b) AS c');
      assert.equal(Number(b[0]!.c), 1);
      const revs = await g.store.read<{ rev: string }>(
        "MATCH (a:Artifact)-[r:BUILT_FROM]->(m:SourceRepository {key: 'https://github.com/kubernetes/kubernetes'}) RETURN DISTINCT r.revision AS rev");
      assert.equal(revs.length, 8, 'eight releases, eight commits');
      const docs = await g.store.read<{ c: number }>("MATCH (d:Document) WHERE d.kind = 'attestation' AND d.format = 'in-toto' RETURN count(d) AS c");
      assert.equal(Number(docs[0]!.c), 8, 'the 8 statements');
    });
  });
}
