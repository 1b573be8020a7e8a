/**
 * A CycloneDX BOM that carries its inventory and its vulnerabilities together
 * (the specification's own example, valid-vulnerability-1.4, in JSON and in
 * XML) keeps both: the components as an SBOM, and the vulnerability, its rating
 * and its VEX statement. A CycloneDX XML document with only vulnerabilities
 * (Apache Commons Text's VEX) is a VEX document. On each engine the graph then
 * checks clean.
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

const RENDERINGS = [
  { syntax: 'JSON', format: 'cyclonedx-json', text: readFileSync(fixturePath('cyclonedx-spec', 'valid-vulnerability-1.4.json'), 'utf8') },
  { syntax: 'XML', format: 'cyclonedx-xml', text: readFileSync(fixturePath('cyclonedx-spec', 'valid-vulnerability-1.4.xml'), 'utf8') },
] as const;
const VULNERABILITY = 'SNYK-JAVA-COMFASTERXMLJACKSONCORE-32111';
const VEX_XML = readFileSync(fixturePath('advisories', 'cyclonedx-vex', 'commons-text-VEX.cyclonedx.xml'), 'utf8');

describe('CycloneDX inventory and VEX in one BOM (parser)', () => {
  for (const r of RENDERINGS) {
    test(`${r.syntax}: one parse gives the components and the vulnerability facts`, async () => {
      const input = documentInput(r.text);
      const parser = parserFor(input);
      assert.equal(parser.format, r.format);
      const batch = await parser.parse(input);
      assert.equal(batch.document.kind, 'sbom');
      const labels = new Set(batch.nodes.map((n) => n.label));
      for (const label of ['Package', 'PackageVersion', 'Vulnerability', 'VexStatement', 'Advisory'] as const) assert.ok(labels.has(label), `a ${label} node`);
      assert.deepEqual(batch.nodes.filter((n) => n.label === 'VexStatement').map((n) => (n.props as { status: string }).status), ['not_affected']);
      // The component is listed once, by the inventory.
      const listed = batch.edges.filter((e) => e.type === 'LISTS' && e.to.key === 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.4');
      assert.equal(listed.length, 1);
    });
  }
});

for (const engine of ENGINES) {
  describe(`CycloneDX inventory and VEX in one BOM: ${engine}`, () => {
    let svc: RunningService;
    before(async () => { svc = await startService(engine); });
    after(async () => { await svc?.stop(); });

    const ingest = async (text: string): Promise<{ documentKey: string; format: string; kind: string }> => {
      const up = await upload(svc.url, text);
      assert.equal(up.status, 202);
      const job = await waitForJob(svc.url, String(up.json.jobId));
      assert.equal(job.state, 'completed', JSON.stringify(job.failure));
      return job.result as { documentKey: string; format: string; kind: string };
    };

    for (const r of RENDERINGS) {
      test(`${r.syntax}: the SBOM lists its component, the vulnerability has its rating and statement`, async () => {
        const result = await ingest(r.text);
        assert.equal(result.format, r.format);
        assert.equal(result.kind, 'sbom');

        const res = await graphql<{
          sbom: { componentCount: number; components: { totalCount: number } } | null;
          vulnerability: {
            aliases: string[];
            advisories: Array<{ severity: string | null }>;
            statements: Array<{ vulnerability: string; statement: { status: string; assertedBy: { id: string } | null } }>;
          } | null;
        }>(svc.url, `query($doc: ID!, $v: String!) {
          sbom(id: $doc) { componentCount components { totalCount } }
          vulnerability(id: $v) { aliases advisories { severity } statements { vulnerability statement { status assertedBy { id } } } }
        }`, { doc: result.documentKey, v: VULNERABILITY });
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        assert.equal(res.data.sbom?.componentCount, 1);
        assert.equal(res.data.sbom?.components.totalCount, 1);
        assert.ok(res.data.vulnerability?.aliases.includes('CVE-2018-7489'));
        assert.equal((JSON.parse(res.data.vulnerability?.advisories[0]?.severity ?? 'null') as { rating: string } | null)?.rating, 'critical');
        // One statement from this document, about the vulnerability and its alias: one row per id it names.
        const statements = (res.data.vulnerability?.statements ?? []).filter((s) => s.statement.assertedBy?.id === result.documentKey);
        assert.deepEqual([...new Set(statements.map((s) => s.statement.status))], ['NOT_AFFECTED']);
        assert.deepEqual(statements.map((s) => s.vulnerability).sort(), ['CVE-2018-7489', VULNERABILITY]);
      });
    }

    test('XML with only vulnerabilities is a VEX document, its statement and range in the graph', async () => {
      const result = await ingest(VEX_XML);
      assert.equal(result.format, 'cyclonedx-xml');
      assert.equal(result.kind, 'vex', 'the job reports the Document\'s kind, not the parser\'s usual one');
      const res = await graphql<{
        document: { kind: string; format: string; name: string | null } | null;
        vulnerability: { aliases: string[]; statements: Array<{ vulnerability: string; statement: { status: string; actionStatement: string | null } }> } | null;
      }>(svc.url, `query($doc: ID!, $v: String!) {
        document(id: $doc) { kind format name }
        vulnerability(id: $v) { aliases statements { vulnerability statement { status actionStatement } } }
      }`, { doc: result.documentKey, v: 'CVE-2025-48924' });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.deepEqual(res.data.document, { kind: 'vex', format: 'cyclonedx-xml', name: 'org.apache.commons commons-text' });
      assert.deepEqual([...(res.data.vulnerability?.aliases ?? [])].sort(), ['CVE-2025-48924', 'GHSA-j288-q9x7-2f5v']);
      const statements = res.data.vulnerability?.statements ?? [];
      assert.deepEqual(statements.map((s) => [s.vulnerability, s.statement.status, s.statement.actionStatement]).sort(), [
        ['CVE-2025-48924', 'AFFECTED', 'response: update'],
        ['GHSA-j288-q9x7-2f5v', 'AFFECTED', 'response: update'],
      ]);
    });

    test('the graph checks clean', async () => {
      const check = await fetch(`${svc.url}/api/v1/admin/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(check.status, 200);
      const report = (await check.json()) as CheckReport;
      assert.deepEqual(report.mismatches, []);
      assert.equal(report.ok, true);
    });
  });
}
