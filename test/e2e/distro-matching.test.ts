/**
 * Distribution advisories name source packages (`pkg:apk/alpine/openssl?arch=source`,
 * ecosystem `Alpine:v3.14`); SBOM tools name binaries (`pkg:alpine/libssl1.1…?upstream=openssl&distro=alpine-3.14.2`).
 * They must still meet, for the right release only, in either arrival order.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../support/engines.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { graphql, startService, upload, waitForJob, type RunningService } from '../support/service.js';

const image = (name: string, release: string, version: string) => cyclonedx({
  subject: { name, version: '1', purl: `pkg:oci/${name}@sha256%3A${'0'.repeat(64)}`, ref: 'img', type: 'container' },
  components: [{ name: 'libssl1.1', version, purl: `pkg:alpine/libssl1.1@${version}?arch=x86_64&upstream=openssl&distro=alpine-${release}`, ref: 'ssl' }],
});

const osv = {
  schema_version: '1.6.0', id: 'ALPINE-TEST-1', aliases: ['CVE-2098-0001'], modified: '2098-01-01T00:00:00Z',
  affected: [
    { package: { ecosystem: 'Alpine:v3.14', name: 'openssl', purl: 'pkg:apk/alpine/openssl?arch=source' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.1l-r0' }] }] },
  ],
};

const QUERY = '{ vulnerability(id: "CVE-2098-0001") { affected(first: 500) { edges { node { packageVersion { id } subject { id } } } } } }';

for (const engine of ENGINES) {
  describe(`distribution advisories meet binary packages: ${engine}`, () => {
    const results: string[][] = [];
    for (const order of ['sboms first', 'advisory first']) {
      describe(order, () => {
        let svc: RunningService;
        before(async () => { svc = await startService(engine); });
        after(async () => { await svc?.stop(); });
        test('only the image on the advisory\'s release, with the vulnerable build, is affected', async () => {
          const docs: unknown[] = [image('old-314', '3.14.2', '1.1.1k-r0'), image('fixed-314', '3.14.2', '1.1.1l-r0'), image('old-316', '3.16.2', '1.1.1k-r0')];
          if (order === 'advisory first') docs.unshift(osv); else docs.push(osv);
          for (const d of docs) {
            const up = await upload(svc.url, JSON.stringify(d));
            const job = await waitForJob(svc.url, String(up.json.jobId));
            assert.equal(job.state, 'completed', JSON.stringify(job.failure));
          }
          const r = await graphql<{ vulnerability: { affected: { edges: Array<{ node: { packageVersion: { id: string }; subject: { id: string } | null } }> } } }>(svc.url, QUERY);
          assert.equal(r.errors, undefined, JSON.stringify(r.errors));
          const got = r.data.vulnerability.affected.edges.map(({ node: a }) => `${a.subject?.id.split('@')[0]} ${a.packageVersion.id}`).sort();
          assert.deepEqual(got, ['pkg:oci/old-314 pkg:alpine/libssl1.1@1.1.1k-r0?arch=x86_64&distro=alpine-3.14.2&upstream=openssl']);
          results.push(got);
        });
      });
    }
    test('both orders agree', () => assert.deepEqual(results[0], results[1]));
  });
}
