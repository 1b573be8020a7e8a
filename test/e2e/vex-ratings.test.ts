/**
 * CycloneDX VEX `ratings` (CVSS and others) are kept: on each engine, a VEX
 * document that only states an analysis (no affects[].versions) still gives
 * its vulnerability an Advisory whose `severity` carries every rating and the
 * highest severity word, readable through GraphQL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../support/engines.js';
import { graphql, startService, upload, waitForJob, type RunningService } from '../support/service.js';
import { parseCycloneDxVex } from '../../ingestors/cyclonedx-vex/vex.js';
import { documentInput } from '../support/parse.js';

const VEX = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  serialNumber: 'urn:uuid:0b6f6a1c-5c7e-4a4e-9a53-0d1f2f6b7a11',
  version: 1,
  metadata: { component: { type: 'application', name: 'shop', version: '2.0', 'bom-ref': 'shop', purl: 'pkg:npm/shop@2.0.0' } },
  vulnerabilities: [{
    id: 'CVE-2021-23337',
    source: { name: 'NVD' },
    ratings: [
      { source: { name: 'NVD' }, score: 7.2, severity: 'high', method: 'CVSSv31', vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' },
      { source: { name: 'vendor' }, score: 4.1, severity: 'medium', method: 'CVSSv31' },
    ],
    analysis: { state: 'not_affected', justification: 'code_not_reachable' },
    affects: [{ ref: 'shop' }],
  }],
};

describe('CycloneDX VEX ratings (parser)', () => {
  test('a rated vulnerability without affects[].versions gets an Advisory with every rating and the highest word', () => {
    const b = parseCycloneDxVex(documentInput(VEX));
    const adv = b.nodes.find((n) => n.label === 'Advisory');
    assert.ok(adv, 'an Advisory carries the ratings');
    const severity = JSON.parse(String((adv.props as { severity: string | null }).severity)) as { rating: string; scores: Array<{ baseScore: number; rating: string; source: string }> };
    assert.equal(severity.rating, 'high');
    assert.deepEqual(severity.scores.map((s) => [s.source, s.baseScore, s.rating]), [['NVD', 7.2, 'high'], ['vendor', 4.1, 'medium']]);
    assert.deepEqual(b.edges.filter((e) => e.type === 'ADVISES').map((e) => e.to.key), ['CVE-2021-23337']);
    assert.equal(b.edges.filter((e) => e.type === 'AFFECTS_PACKAGE').length, 0, 'ratings alone assert no affected package');
  });
});

for (const engine of ENGINES) {
  describe(`CycloneDX VEX ratings through GraphQL: ${engine}`, () => {
    let svc: RunningService;
    before(async () => { svc = await startService(engine); });
    after(async () => { await svc?.stop(); });

    test('Vulnerability.advisories.severity shows the ratings', async () => {
      const up = await upload(svc.url, JSON.stringify(VEX));
      assert.equal(up.status, 202);
      const job = await waitForJob(svc.url, String(up.json.jobId));
      assert.equal(job.state, 'completed', JSON.stringify(job.failure));
      const res = await graphql<{ vulnerability: { advisories: Array<{ source: string; severity: string | null }> } | null }>(
        svc.url, 'query($id: String!) { vulnerability(id: $id) { advisories { source severity } } }', { id: 'CVE-2021-23337' });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      const advisories = res.data.vulnerability?.advisories ?? [];
      assert.equal(advisories.length, 1);
      assert.equal(advisories[0]!.source, 'NVD');
      const severity = JSON.parse(advisories[0]!.severity ?? 'null') as { rating: string; scores: unknown[] } | null;
      assert.equal(severity?.rating, 'high');
      assert.equal(severity?.scores.length, 2);
    });
  });
}
