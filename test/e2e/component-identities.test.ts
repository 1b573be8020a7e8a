/**
 * End to end, on each engine: what other tools' documents say about a
 * component's identity and subject survives into answers. SPDX 2 documents
 * without DESCRIBES get a derived subject; a second purl on an SPDX package
 * finds the same component.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../support/engines.js';
import { graphql, startService, upload, waitForJob, type RunningService } from '../support/service.js';
import { spdx } from '../support/spdx-factory.js';

const DEPENDENTS = `query($purl: String!) {
  dependents(purl: $purl) {
    targets { id }
    sboms { totalCount edges { node { id name } } }
    subjects { subject { id } sbom { id } }
  }
}`;

async function ingest(svc: RunningService, doc: unknown): Promise<Record<string, unknown>> {
  const up = await upload(svc.url, JSON.stringify(doc));
  assert.equal(up.status, 202, JSON.stringify(up.json));
  const job = await waitForJob(svc.url, String(up.json.jobId));
  assert.equal(job.state, 'completed', JSON.stringify(job.failure));
  return job;
}

interface DependentsAnswer {
  dependents: { targets: Array<{ id: string }>; sboms: { totalCount: number; edges: Array<{ node: { id: string; name: string } }> }; subjects: Array<{ subject: { id: string }; sbom: { id: string } }> };
}

for (const engine of ENGINES) {
  describe(`component identities: ${engine}`, () => {
    let svc: RunningService;
    before(async () => { svc = await startService(engine); });
    after(async () => { await svc?.stop(); });

    test('an SPDX 2 image SBOM without DESCRIBES (a flat package list) has the document as its derived subject', async () => {
      // The shape of syft's SPDX image SBOMs in GUAC's corpus (vul-image, kube-*): packages, no relationships between them.
      await ingest(svc, spdx('registry.example/acme/shop-image-latest', [
        { id: 'SPDXRef-a', name: 'left-pad', version: '1.3.0', refs: [['PACKAGE-MANAGER', 'purl', 'pkg:npm/left-pad@1.3.0']] },
        { id: 'SPDXRef-b', name: 'zlib', version: '1.2.13', refs: [['PACKAGE-MANAGER', 'purl', 'pkg:deb/debian/zlib@1.2.13']] },
      ]));
      const res = await graphql<DependentsAnswer>(svc.url, DEPENDENTS, { purl: 'pkg:npm/left-pad@1.3.0' });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.equal(res.data.dependents.sboms.totalCount, 1);
      assert.equal(res.data.dependents.subjects.length, 1, JSON.stringify(res.data.dependents.subjects));
      const subject = res.data.dependents.subjects[0]!.subject.id;
      assert.match(subject, /^pkg:generic\/registry\.example\/acme\/shop-image-latest\?sg-doc=/);
      // The derived subject is made of the listed packages, so it is a dependent itself.
      const contains = await graphql<{ dependencies: { edges: Array<{ node: { component: { id: string } } }> } }>(svc.url,
        'query($purl: String!) { dependencies(purl: $purl) { edges { node { component { id } } } } }', { purl: subject });
      assert.deepEqual(contains.data.dependencies.edges.map((e) => e.node.component.id).sort(), ['pkg:deb/debian/zlib@1.2.13', 'pkg:npm/left-pad@1.3.0']);
      const derived = await svc.runtime.store.read<{ derived: boolean | null }>(
        `MATCH (d:Document)-[r:DESCRIBES]->(s:PackageVersion {key: $k}) RETURN r.derived AS derived`, { k: subject });
      assert.deepEqual(derived.map((r) => r.derived), [true]);
    });

    test('an SPDX 2 document without DESCRIBES but with a package graph has its root packages as derived subjects', async () => {
      await ingest(svc, spdx('app-source', [
        { id: 'SPDXRef-app', name: 'app', version: '2.0.0', refs: [['PACKAGE-MANAGER', 'purl', 'pkg:npm/acme-app@2.0.0']] },
        { id: 'SPDXRef-lib', name: 'lib', version: '1.0.0', refs: [['PACKAGE-MANAGER', 'purl', 'pkg:npm/acme-lib@1.0.0']] },
        { id: 'SPDXRef-dep', name: 'dep', version: '0.1.0', refs: [['PACKAGE-MANAGER', 'purl', 'pkg:npm/acme-dep@0.1.0']] },
      ], [['SPDXRef-app', 'DEPENDS_ON', 'SPDXRef-lib'], ['SPDXRef-dep', 'DEPENDENCY_OF', 'SPDXRef-lib']]));
      const res = await graphql<DependentsAnswer>(svc.url, DEPENDENTS, { purl: 'pkg:npm/acme-dep@0.1.0' });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.deepEqual(res.data.dependents.subjects.map((s) => s.subject.id), ['pkg:npm/acme-app@2.0.0']);
    });

    test('a second purl on an SPDX package finds the same component and its SBOM', async () => {
      // Trustify's spdx/openssl-3.0.7-18.el9_2.spdx.alias.json: one package, two purls.
      await ingest(svc, spdx('openssl-3.0.7-18.el9_2', [{
        id: 'SPDXRef-SRPM', name: 'openssl', version: '3.0.7-18.el9_2', refs: [
          ['PACKAGE_MANAGER', 'purl', 'pkg:rpm/redhat/openssl@3.0.7-18.el9_2?arch=src'],
          ['PACKAGE_MANAGER', 'purl', 'pkg:rpm/redhat/openssl@3.0.7-18.el9_2?arch=src&foo=bar'],
        ],
      }], [['SPDXRef-DOCUMENT', 'DESCRIBES', 'SPDXRef-SRPM']]));
      for (const purl of ['pkg:rpm/redhat/openssl@3.0.7-18.el9_2?arch=src&foo=bar', 'pkg:rpm/redhat/openssl@3.0.7-18.el9_2?arch=src']) {
        const res = await graphql<DependentsAnswer>(svc.url, DEPENDENTS, { purl });
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        assert.deepEqual(res.data.dependents.targets.map((t) => t.id).sort(),
          ['pkg:rpm/redhat/openssl@3.0.7-18.el9_2?arch=src', 'pkg:rpm/redhat/openssl@3.0.7-18.el9_2?arch=src&foo=bar'], purl);
        assert.equal(res.data.dependents.sboms.totalCount, 1, purl);
        assert.equal(res.data.dependents.sboms.edges[0]!.node.name, 'openssl-3.0.7-18.el9_2');
      }
      const pv = await graphql<{ packageVersion: Array<{ purl: string }> }>(svc.url, 'query($p: String!) { packageVersion(purl: $p) { purl } }',
        { p: 'pkg:rpm/redhat/openssl@3.0.7-18.el9_2?arch=src&foo=bar' });
      assert.ok(pv.data.packageVersion.some((v) => v.purl === 'pkg:rpm/redhat/openssl@3.0.7-18.el9_2?arch=src'), JSON.stringify(pv.data));
    });
  });
}
