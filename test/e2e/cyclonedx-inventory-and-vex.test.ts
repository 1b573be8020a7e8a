/**
 * A CycloneDX BOM that carries its inventory and its vulnerabilities together
 * (the specification's own example, valid-vulnerability-1.4.json) keeps both:
 * the components as an SBOM, and the vulnerability, its rating and its VEX
 * statement; on each engine the graph then checks clean.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ENGINES } from '../support/engines.js';
import { fixturePath } from '../support/fixtures.js';
import { documentInput } from '../support/parse.js';
import { graphql, startService, upload, waitForJob, type RunningService } from '../support/service.js';
import { parserFor } from '../../ingestors/registry.js';
import type { CheckReport } from '../../services/integrity/check.js';

const BOM_TEXT = readFileSync(fixturePath('cyclonedx-spec', 'valid-vulnerability-1.4.json'), 'utf8');
const VULNERABILITY = 'SNYK-JAVA-COMFASTERXMLJACKSONCORE-32111';

describe('CycloneDX inventory and VEX in one BOM (parser)', () => {
  test('one parse gives the components and the vulnerability facts', async () => {
    const input = documentInput(JSON.parse(BOM_TEXT));
    const parser = parserFor(input);
    assert.equal(parser.format, 'cyclonedx-json');
    const batch = await parser.parse(input);
    assert.equal(batch.document.kind, 'sbom');
    const labels = new Set(batch.nodes.map((n) => n.label));
    for (const label of ['Package', 'PackageVersion', 'Vulnerability', 'VexStatement', 'Advisory'] as const) assert.ok(labels.has(label), `a ${label} node`);
    assert.deepEqual(batch.nodes.filter((n) => n.label === 'VexStatement').map((n) => (n.props as { status: string }).status), ['not_affected']);
    // The component is listed once, by the inventory.
    const listed = batch.edges.filter((e) => e.type === 'LISTS' && e.to.key === 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.4');
    assert.equal(listed.length, 1);
  });
});

for (const engine of ENGINES) {
  describe(`CycloneDX inventory and VEX in one BOM: ${engine}`, () => {
    let svc: RunningService;
    before(async () => { svc = await startService(engine); });
    after(async () => { await svc?.stop(); });

    test('the SBOM lists its component, the vulnerability has its rating and statement, and check is clean', async () => {
      const up = await upload(svc.url, BOM_TEXT);
      assert.equal(up.status, 202);
      const job = await waitForJob(svc.url, String(up.json.jobId));
      assert.equal(job.state, 'completed', JSON.stringify(job.failure));
      const result = job.result as { documentKey: string; format: string; kind: string };
      assert.equal(result.format, 'cyclonedx-json');
      assert.equal(result.kind, 'sbom');

      const res = await graphql<{
        sbom: { componentCount: number; components: { totalCount: number } } | null;
        vulnerability: { aliases: string[]; advisories: Array<{ severity: string | null }>; statements: Array<{ vulnerability: string; statement: { status: string } }> } | null;
      }>(svc.url, `query($doc: ID!, $v: String!) {
        sbom(id: $doc) { componentCount components { totalCount } }
        vulnerability(id: $v) { aliases advisories { severity } statements { vulnerability statement { status } } }
      }`, { doc: result.documentKey, v: VULNERABILITY });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.equal(res.data.sbom?.componentCount, 1);
      assert.equal(res.data.sbom?.components.totalCount, 1);
      assert.ok(res.data.vulnerability?.aliases.includes('CVE-2018-7489'));
      assert.equal((JSON.parse(res.data.vulnerability?.advisories[0]?.severity ?? 'null') as { rating: string } | null)?.rating, 'critical');
      // One statement, about the vulnerability and its alias: one row per id it names.
      const statements = res.data.vulnerability?.statements ?? [];
      assert.deepEqual([...new Set(statements.map((s) => s.statement.status))], ['NOT_AFFECTED']);
      assert.deepEqual(statements.map((s) => s.vulnerability).sort(), ['CVE-2018-7489', VULNERABILITY]);

      const check = await fetch(`${svc.url}/api/v1/admin/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(check.status, 200);
      const report = (await check.json()) as CheckReport;
      assert.deepEqual(report.mismatches, []);
      assert.equal(report.ok, true);
    });
  });
}
