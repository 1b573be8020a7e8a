/**
 * End to end, on each engine: CPE names are kept as identities of SBOM
 * components (CycloneDX `cpe`, SPDX 2 cpe23Type refs as syft writes them) and
 * advisories that name products only by CPE (CSAF product_identification_helper.cpe,
 * CVE 5 `cpes`) match them, whichever arrives first. The Quarkus case is modelled
 * on Trustify's CVE-2023-0044 / quarkus-vertx-http match; the syft SBOM is GUAC's
 * corpus file spdx/spdx_vuln.json.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ENGINES } from '../support/engines.js';
import { fixturePath } from '../support/fixtures.js';
import { graphql, startService, upload, waitForJob, type RunningService } from '../support/service.js';

const AFFECTED = `query($id: String!) { vulnerability(id: $id) { affected { edges { node { packageVersion { id } matchReason sbom { name } } } } } }`;
interface AffectedAnswer { vulnerability: { affected: { edges: Array<{ node: { packageVersion: { id: string }; matchReason: string; sbom: { name: string } | null } }> } } | null }

const QUARKUS_HTTP = 'pkg:maven/io.quarkus/quarkus-vertx-http@2.13.7.Final-redhat-00003?type=jar';

/** A CycloneDX SBOM of a Red Hat Quarkus build whose component carries the product CPE. */
function quarkusSbom(): Record<string, unknown> {
  return {
    bomFormat: 'CycloneDX', specVersion: '1.5', serialNumber: `urn:uuid:${crypto.randomUUID()}`, version: 1,
    metadata: { component: { type: 'application', 'bom-ref': 'app', name: 'shop-service', version: '1.0.0', purl: 'pkg:maven/com.example/shop-service@1.0.0' } },
    components: [
      { type: 'library', 'bom-ref': 'http', group: 'io.quarkus', name: 'quarkus-vertx-http', version: '2.13.7.Final-redhat-00003', purl: QUARKUS_HTTP, cpe: 'cpe:/a:redhat:quarkus:2.13::el8' },
      { type: 'library', 'bom-ref': 'other', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0', cpe: 'cpe:2.3:a:left-pad_project:left-pad:1.3.0:*:*:*:*:node.js:*:*' },
    ],
  };
}

/** A CSAF advisory naming the affected product only by its CPE (no purl), as Red Hat's product-level entries do. */
function quarkusCsaf(): Record<string, unknown> {
  return {
    document: {
      category: 'csaf_security_advisory', csaf_version: '2.0', title: 'Quarkus: insecure CORS', lang: 'en',
      publisher: { category: 'vendor', name: 'Red Hat Product Security', namespace: 'https://www.redhat.com' },
      tracking: { id: 'RHSA-2023:9999', status: 'final', version: '1', initial_release_date: '2023-02-01T00:00:00Z', current_release_date: '2023-02-01T00:00:00Z', revision_history: [{ number: '1', date: '2023-02-01T00:00:00Z', summary: 'first' }] },
    },
    product_tree: { branches: [{ category: 'vendor', name: 'Red Hat', branches: [{ category: 'product_name', name: 'Red Hat build of Quarkus 2.13', product: { name: 'Red Hat build of Quarkus 2.13', product_id: 'quarkus-2.13', product_identification_helper: { cpe: 'cpe:/a:redhat:quarkus:2.13::el8' } } }] }] },
    vulnerabilities: [{ cve: 'CVE-2023-0044', product_status: { known_affected: ['quarkus-2.13'] } }],
  };
}

async function ingest(svc: RunningService, body: string | Buffer): Promise<Record<string, unknown>> {
  const up = await upload(svc.url, body);
  assert.equal(up.status, 202, JSON.stringify(up.json));
  const job = await waitForJob(svc.url, String(up.json.jobId));
  assert.equal(job.state, 'completed', JSON.stringify(job.failure));
  return job;
}

async function affected(svc: RunningService, id: string): Promise<Array<[string, string]>> {
  const res = await graphql<AffectedAnswer>(svc.url, AFFECTED, { id });
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return (res.data.vulnerability?.affected.edges ?? []).map((e) => [e.node.packageVersion.id, e.node.matchReason] as [string, string]);
}

for (const engine of ENGINES) {
  describe(`CPE identities and matching: ${engine}`, () => {
    let svc: RunningService;
    before(async () => { svc = await startService(engine); });
    after(async () => { await svc?.stop(); });

    test('a CSAF product named only by CPE matches the SBOM component with that CPE (advisory first, then SBOM)', async () => {
      await ingest(svc, JSON.stringify(quarkusCsaf()));
      assert.deepEqual(await affected(svc, 'CVE-2023-0044'), [], 'nothing to match yet');
      await ingest(svc, JSON.stringify(quarkusSbom()));
      assert.deepEqual(await affected(svc, 'CVE-2023-0044'), [[QUARKUS_HTTP, 'cpe cpe:2.3:a:redhat:quarkus:2.13:*:el8:*:*:*:*:*']]);
    });

    test('a CVE 5 record\'s cpes match, the SBOM first; the CPE version is the version that is matched', async () => {
      const record = {
        dataType: 'CVE_RECORD', dataVersion: '5.1',
        cveMetadata: { cveId: 'CVE-2020-99999', state: 'PUBLISHED', assignerOrgId: '00000000-0000-4000-8000-000000000000', datePublished: '2020-05-01T00:00:00Z', dateUpdated: '2020-05-01T00:00:00Z' },
        containers: { cna: {
          providerMetadata: { orgId: '00000000-0000-4000-8000-000000000000' },
          descriptions: [{ lang: 'en', value: 'left-pad pads wrongly' }],
          affected: [
            { vendor: 'left-pad_project', product: 'left-pad', cpes: ['cpe:2.3:a:left-pad_project:left-pad:*:*:*:*:*:node.js:*:*'], versions: [{ version: '1.3.0', status: 'affected' }, { version: '1.2.0', status: 'affected' }] },
            { vendor: 'redhat', product: 'quarkus', cpes: ['cpe:2.3:a:redhat:quarkus:3.0:*:*:*:*:*:*:*'], defaultStatus: 'affected' },
          ],
        } },
      };
      await ingest(svc, JSON.stringify(record));
      assert.deepEqual(await affected(svc, 'CVE-2020-99999'), [['pkg:npm/left-pad@1.3.0', 'cpe cpe:2.3:a:left-pad_project:left-pad:1.3.0:*:*:*:*:node.js:*:*']],
        'quarkus 2.13 is not quarkus 3.0');
    });

    test('the CPEs of a syft SPDX SBOM (GUAC corpus spdx_vuln.json) are kept as identities', async () => {
      const bytes = await readFile(fixturePath('guac-data/spdx/spdx_vuln.json'));
      await ingest(svc, bytes);
      const doc = JSON.parse(bytes.toString('utf8')) as { packages: Array<{ externalRefs?: Array<{ referenceType: string; referenceLocator: string }> }> };
      const written = new Set(doc.packages.flatMap((p) => (p.externalRefs ?? []).filter((r) => r.referenceType === 'cpe23Type').map((r) => r.referenceLocator.toLowerCase().replace(/\\([._-])/g, '$1'))));
      const rows = await svc.runtime.store.read<{ k: string }>("MATCH (v:PackageVersion {key: 'pkg:deb/debian/apt@2.2.4?arch=arm64&distro=debian-11'})-[:IDENTIFIED_BY]->(c:Cpe) RETURN c.key AS k");
      assert.deepEqual(rows.map((r) => r.k), ['cpe:2.3:a:apt:apt:2.2.4:*:*:*:*:*:*:*']);
      const all = await svc.runtime.store.read<{ c: number }>('MATCH (c:Cpe)<-[:IDENTIFIED_BY]-(:PackageVersion) RETURN count(DISTINCT c) AS c');
      assert.ok(Number(all[0]!.c) >= written.size, `${Number(all[0]!.c)} CPEs kept of ${written.size} distinct in the document`);
    });
  });
}
