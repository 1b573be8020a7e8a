/**
 * The full shared SPDX corpora (../shared/corpora: the 33 syft SPDX 2.2 SBOMs
 * of GUAC's performance corpus, GUAC's single SBOMs, the SPDX examples), each
 * ingested and checked on every engine as in test/interop/spdx-corpus.test.ts,
 * which runs the committed subset.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { resolvePurl, documentsListing } from '../../services/graph/queries/components.js';
import { ENGINES, openTestGraph, type TestGraph } from '../support/engines.js';
import { sharedDir } from '../support/fixtures.js';
import { checkSpdx2File, checkSpdx3File, list, readJson, spdx23Verdicts, text } from '../interop/spdx-checks.js';

const corpora = (): string => path.join(sharedDir(), 'corpora');

function spdx2Files(): string[] {
  const guac = path.join(corpora(), 'guac-data-docs', 'spdx');
  return [
    ...readdirSync(guac).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(guac, f)),
    path.join(corpora(), 'sbom', 'guac', 'alpine-spdx.json'),
    path.join(corpora(), 'sbom', 'guac', 'oci-kubectl-linux-amd64-spdx-1.json'),
    path.join(corpora(), 'sbom', 'spdx-examples', 'software-example11.spdx.json'),
  ];
}
const SPDX3_FILES = ['ai-example02.spdx3.json', 'dataset-example01.spdx3.json'];

test('the shared SPDX corpus is present', () => {
  assert.equal(spdx2Files().filter((f) => f.includes('guac-data-docs')).length, 33, 'the 33 syft SPDX 2.2 SBOMs of the GUAC corpus');
});

test('SPDX 2.3 JSON schema: the two SPDX 2.3 corpus files validate; the SPDX 2.2 files are reported (and still ingest below)', () => {
  const verdicts = spdx23Verdicts(path.join(sharedDir(), 'schemas', 'spdx-2.3.schema.json'), spdx2Files());
  const v23 = verdicts.filter((v) => v.version === 'SPDX-2.3');
  assert.deepEqual(v23.map((v) => [v.file, v.valid]), [['oci-kubectl-linux-amd64-spdx-1.json', true], ['software-example11.spdx.json', true]]);
  assert.ok(verdicts.some((v) => !v.valid), 'some (SPDX 2.2) files do not pass the 2.3 schema, and the parser must still ingest them');
});

for (const engine of ENGINES) {
  describe(`shared SPDX corpus on ${engine}`, () => {
    let g: TestGraph;
    const docKeys = new Map<string, string>();
    before(async () => { g = await openTestGraph(engine); });
    after(async () => { await g?.dispose(); });

    for (const file of spdx2Files()) {
      test(path.basename(file), async () => { docKeys.set(path.basename(file), await checkSpdx2File(g.store, file)); });
    }

    for (const f of SPDX3_FILES) {
      test(f, async () => { await checkSpdx3File(g.store, path.join(corpora(), 'sbom', 'spdx-examples', f)); });
    }

    test('known facts: a Debian package is listed by every SPDX SBOM that includes it', async () => {
      const purl = 'pkg:deb/debian/adduser@3.118';
      const including = spdx2Files().filter((f) => list(readJson(f).packages).some((p) => list(p.externalRefs).some((x) => text(x.referenceLocator).startsWith(`${purl}?`))));
      assert.ok(including.length >= 2);
      const docs = await documentsListing(g.store, await resolvePurl(g.store, purl));
      assert.deepEqual(docs.map((x) => x.key).sort(), including.map((f) => docKeys.get(path.basename(f))!).sort());
    });
  });
}
