/**
 * Severities end to end, on each engine: real advisories (a Red Hat CSAF with a
 * CVSS 3.1 score and an Important rating, a CVE 5 record scored by its CNA, OSV
 * records that give only vectors) and OSV records built here with CVSS v2, v3.1
 * and v4.0 vectors, a vendor word, no severity and an invalid vector, matched
 * against two SBOMs. Every vector is kept, vector-only scores are computed,
 * findings and affected products filter and sort by severity with correct
 * pages, the CLI shows and filters by severity, a newer advisory version's
 * scores replace the old ones, and `supplygraph check` stays clean.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES } from '../support/engines.js';
import { fixturePath } from '../support/fixtures.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { graphql, startService, upload, waitForJob, type RunningService } from '../support/service.js';
import type { CheckReport } from '../../services/integrity/check.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const osv = (id: string, name: string, fixed: string, extra: Record<string, unknown>, modified = '2099-01-01T00:00:00Z'): Record<string, unknown> => ({
  schema_version: '1.6.0', id, modified, summary: `${name} issue`,
  affected: [{ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] }],
  ...extra,
});

/** django: CVSS 3.1 5.3 MEDIUM (vector only); an alias shared with the flask record. */
const DJANGO = osv('PYSEC-2099-1', 'django', '4.2.2', { aliases: ['CVE-2099-1000'], severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N' }] });
/** flask: CVSS 3.1 9.8 and CVSS 4.0 9.3, same vulnerability as django's record. */
const FLASK = osv('PYSEC-2099-2', 'flask', '2.3.0', {
  aliases: ['CVE-2099-1000'],
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }, { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }],
});
/** requests: CVSS v2 4.3 MEDIUM and the database's word MODERATE. */
const REQUESTS = osv('PYSEC-2099-3', 'requests', '2.32.0', { severity: [{ type: 'CVSS_V2', score: 'AV:N/AC:M/Au:N/C:P/I:N/A:N' }], database_specific: { severity: 'MODERATE' } });
/** urllib3: no severity at all. */
const URLLIB3 = osv('PYSEC-2099-4', 'urllib3', '2.0.0', {});
/** idna: an invalid vector (AV:X) — a warning, never a score. */
const IDNA = osv('PYSEC-2099-5', 'idna', '3.7', { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] });

const SHOP = cyclonedx({
  subject: { name: 'shop', version: '1.0.0', purl: 'pkg:pypi/shop@1.0.0', ref: 'app', type: 'application' },
  components: [
    { name: 'django', version: '4.2.0', purl: 'pkg:pypi/django@4.2.0', ref: 'dj' },
    { name: 'flask', version: '2.2.0', purl: 'pkg:pypi/flask@2.2.0', ref: 'fl' },
    { name: 'requests', version: '2.31.0', purl: 'pkg:pypi/requests@2.31.0', ref: 'rq' },
    { name: 'urllib3', version: '1.26.0', purl: 'pkg:pypi/urllib3@1.26.0', ref: 'u3' },
    { name: 'idna', version: '3.4', purl: 'pkg:pypi/idna@3.4', ref: 'id' },
  ],
  dependencies: [{ ref: 'app', dependsOn: ['dj', 'fl', 'rq', 'u3', 'id'] }],
});
const BLOG = cyclonedx({
  subject: { name: 'blog', version: '1.0.0', purl: 'pkg:pypi/blog@1.0.0', ref: 'app', type: 'application' },
  components: [{ name: 'flask', version: '2.2.0', purl: 'pkg:pypi/flask@2.2.0', ref: 'fl' }],
  dependencies: [{ ref: 'app', dependsOn: ['fl'] }],
});

const REAL = [
  ['advisories', 'csaf', 'rhsa-2024_4546.json'],
  ['advisories', 'cve5', 'CVE-2024-28111.json'],
  ['advisories', 'osv', 'CVE-2018-5407.json'],
] as const;

interface Severity { source: string; version: string; vector: string | null; baseScore: number | null; baseSeverity: string | null; rating: string | null; scoreComputed: boolean; advisory: string; assertedBy: { id: string } | null }
interface Finding { vulnerability: string; packageVersion: { id: string }; advisory: string; maxSeverity: string | null; score: number | null }
const SEVERITY_FIELDS = 'source version vector baseScore baseSeverity rating scoreComputed advisory assertedBy { id }';

async function ingest(svc: RunningService, doc: string): Promise<Record<string, unknown>> {
  const up = await upload(svc.url, doc);
  assert.equal(up.status, 202, JSON.stringify(up.json));
  const job = await waitForJob(svc.url, String(up.json.jobId));
  assert.equal(job.state, 'completed', JSON.stringify(job.failure));
  return job;
}

async function check(svc: RunningService): Promise<CheckReport> {
  const res = await fetch(`${svc.url}/api/v1/admin/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(res.status, 200);
  return (await res.json()) as CheckReport;
}

async function ask<T>(svc: RunningService, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await graphql<T>(svc.url, query, variables);
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return res.data;
}

function cli(svc: RunningService, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'services/cli/main.ts', 'query', ...args, '--server', svc.url], { cwd: REPO, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') reject(err);
      else resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

for (const engine of ENGINES) {
  describe(`severity: ${engine}`, () => {
    let svc: RunningService;
    let shop = '';
    before(async () => {
      svc = await startService(engine);
      for (const a of [DJANGO, FLASK, REQUESTS, URLLIB3]) await ingest(svc, JSON.stringify(a));
      for (const parts of REAL) await ingest(svc, await readFile(fixturePath(...parts), 'utf8'));
      const shopJob = await ingest(svc, JSON.stringify(SHOP));
      shop = String((shopJob.result as { documentKey: string }).documentKey);
      await ingest(svc, JSON.stringify(BLOG));
    });
    after(async () => { await svc?.stop(); });

    test('an invalid vector is a warning on the job, not a failure, and gets no score', async () => {
      const job = await ingest(svc, JSON.stringify(IDNA));
      const warnings = (job.result as { warnings?: Array<{ code: string; message: string }> }).warnings ?? [];
      assert.ok(warnings.some((w) => w.code === 'INVALID_CVSS_VECTOR' && /AV cannot be "X"/.test(w.message)), JSON.stringify(job.result));
      const v = await ask<{ vulnerability: { severities: Severity[]; maxSeverity: string | null; score: number | null } }>(svc,
        `query { vulnerability(id: "PYSEC-2099-5") { severities { ${SEVERITY_FIELDS} } maxSeverity score } }`);
      assert.deepEqual(v.vulnerability.severities.map((s) => [s.version, s.vector, s.baseScore, s.baseSeverity]), [['3.1', 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', null, null]]);
      assert.equal(v.vulnerability.maxSeverity, null);
      assert.equal(v.vulnerability.score, null);
    });

    test('every vector is kept; vector-only scores are computed, given scores kept', async () => {
      const flask = await ask<{ vulnerability: { severities: Severity[]; maxSeverity: string; score: number } }>(svc,
        `query { vulnerability(id: "PYSEC-2099-2") { severities { ${SEVERITY_FIELDS} } maxSeverity score } }`);
      // The alias cluster (CVE-2099-1000) brings django's record too.
      assert.deepEqual(flask.vulnerability.severities.map((s) => [s.advisory, s.source, s.version, s.baseScore, s.baseSeverity, s.scoreComputed]), [
        ['osv:PYSEC-2099-2', 'osv:PYSEC', '3.1', 9.8, 'CRITICAL', true],
        ['osv:PYSEC-2099-2', 'osv:PYSEC', '4.0', 9.3, 'CRITICAL', true],
        ['osv:PYSEC-2099-1', 'osv:PYSEC', '3.1', 5.3, 'MEDIUM', true],
      ]);
      assert.equal(flask.vulnerability.maxSeverity, 'CRITICAL');
      assert.equal(flask.vulnerability.score, 9.8);
      assert.ok(flask.vulnerability.severities.every((s) => /^sha256:[0-9a-f]{64}$/.test(s.assertedBy?.id ?? '')));

      const requests = await ask<{ vulnerability: { severities: Severity[]; maxSeverity: string } }>(svc, `query { vulnerability(id: "PYSEC-2099-3") { severities { ${SEVERITY_FIELDS} } maxSeverity } }`);
      assert.deepEqual(requests.vulnerability.severities.map((s) => [s.version, s.vector, s.baseScore, s.baseSeverity, s.rating]), [
        ['2.0', 'AV:N/AC:M/Au:N/C:P/I:N/A:N', 4.3, 'MEDIUM', null],
        ['vendor', null, null, 'MEDIUM', 'MODERATE'],
      ]);

      const csaf = await ask<{ vulnerability: { advisories: Array<{ id: string; severities: Severity[]; maxSeverity: string; score: number }> } }>(svc,
        `query { vulnerability(id: "CVE-2023-45288") { advisories { id maxSeverity score severities { ${SEVERITY_FIELDS} } } } }`);
      const rhsa = csaf.vulnerability.advisories.find((a) => a.id === 'csaf:https://www.redhat.com:RHSA-2024:4546')!;
      assert.deepEqual(rhsa.severities.map((s) => [s.source, s.version, s.vector, s.baseScore, s.baseSeverity, s.rating, s.scoreComputed]), [
        ['Red Hat Product Security', '3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5, 'HIGH', 'HIGH', false],
        ['Red Hat Product Security', 'vendor', null, null, 'HIGH', 'Important', false],
      ]);
      assert.deepEqual([rhsa.maxSeverity, rhsa.score], ['HIGH', 7.5]);

      const cve5 = await ask<{ vulnerability: { severities: Severity[] } }>(svc, `query { vulnerability(id: "CVE-2024-28111") { severities { ${SEVERITY_FIELDS} } } }`);
      assert.deepEqual(cve5.vulnerability.severities.map((s) => [s.source, s.version, s.baseScore, s.baseSeverity, s.scoreComputed]), [['cna:GitHub_M', '3.1', 6.5, 'MEDIUM', false]]);
      const osvOnly = await ask<{ vulnerability: { severities: Severity[] } }>(svc, `query { vulnerability(id: "CVE-2018-5407") { severities { ${SEVERITY_FIELDS} } } }`);
      assert.deepEqual(osvOnly.vulnerability.severities.map((s) => [s.vector, s.baseScore, s.baseSeverity, s.scoreComputed]), [['CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N', 4.7, 'MEDIUM', true]]);
    });

    test('SBOM findings: rated by the matching advisory, filtered by minSeverity/minScore, most severe first', async () => {
      const q = `query($of: String!, $min: SeverityLevel, $score: Float, $order: ImpactOrder) { vulnerabilities(of: $of, minSeverity: $min, minScore: $score, orderBy: $order) { vulnerability packageVersion { id } advisory maxSeverity score } }`;
      const row = (f: Finding): string => `${f.packageVersion.id} ${f.maxSeverity ?? '-'} ${f.score ?? '-'}`;
      const bySeverity = await ask<{ vulnerabilities: Finding[] }>(svc, q, { of: shop, order: 'SEVERITY' });
      assert.deepEqual(bySeverity.vulnerabilities.map(row), [
        'pkg:pypi/flask@2.2.0 CRITICAL 9.8',
        'pkg:pypi/django@4.2.0 MEDIUM 5.3',
        'pkg:pypi/requests@2.31.0 MEDIUM 4.3',
        // Unrated last, in id order among themselves (PYSEC-2099-4, PYSEC-2099-5).
        'pkg:pypi/urllib3@1.26.0 - -',
        'pkg:pypi/idna@3.4 - -',
      ]);
      const byId = await ask<{ vulnerabilities: Finding[] }>(svc, q, { of: shop });
      assert.deepEqual(byId.vulnerabilities.map((f) => f.vulnerability), ['PYSEC-2099-1', 'PYSEC-2099-2', 'PYSEC-2099-3', 'PYSEC-2099-4', 'PYSEC-2099-5']);
      assert.deepEqual((await ask<{ vulnerabilities: Finding[] }>(svc, q, { of: shop, min: 'HIGH', order: 'SEVERITY' })).vulnerabilities.map(row), ['pkg:pypi/flask@2.2.0 CRITICAL 9.8']);
      assert.deepEqual((await ask<{ vulnerabilities: Finding[] }>(svc, q, { of: shop, min: 'MEDIUM', order: 'SEVERITY' })).vulnerabilities.length, 3);
      assert.deepEqual((await ask<{ vulnerabilities: Finding[] }>(svc, q, { of: shop, score: 5.0, order: 'SEVERITY' })).vulnerabilities.map(row), ['pkg:pypi/flask@2.2.0 CRITICAL 9.8', 'pkg:pypi/django@4.2.0 MEDIUM 5.3']);
      const pv = await ask<{ packageVersion: Array<{ vulnerabilities: Finding[] }> }>(svc, 'query { packageVersion(purl: "pkg:pypi/requests@2.31.0") { vulnerabilities(minSeverity: MEDIUM) { vulnerability maxSeverity score } } }');
      assert.deepEqual(pv.packageVersion[0]!.vulnerabilities.map((f) => [f.vulnerability, f.maxSeverity, f.score]), [['PYSEC-2099-3', 'MEDIUM', 4.3]]);
      const bad = await graphql(svc.url, q, { of: shop, score: 11 });
      assert.equal(bad.errors?.[0]?.extensions.code, 'BAD_USER_INPUT');
    });

    test('affected products: sorted by severity and filtered, page by page', async () => {
      const q = `query($after: String, $order: ImpactOrder, $score: Float) { vulnerability(id: "CVE-2099-1000") { affected(orderBy: $order, minScore: $score, first: 1, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { packageVersion { id } subject { id } score maxSeverity } } } } }`;
      type Page = { vulnerability: { affected: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { packageVersion: { id: string }; subject: { id: string } | null; score: number | null; maxSeverity: string | null } }> } } };
      const all = async (vars: Record<string, unknown>): Promise<{ rows: string[]; total: number }> => {
        const rows: string[] = [];
        let after: string | null = null;
        let total = 0;
        for (let i = 0; i < 10; i++) {
          const page: Page = await ask<Page>(svc, q, { ...vars, after });
          total = page.vulnerability.affected.totalCount;
          rows.push(...page.vulnerability.affected.edges.map((e) => `${e.node.packageVersion.id} ${e.node.subject?.id} ${e.node.maxSeverity} ${e.node.score}`));
          if (!page.vulnerability.affected.pageInfo.hasNextPage) break;
          after = page.vulnerability.affected.pageInfo.endCursor;
        }
        return { rows, total };
      };
      const django = 'pkg:pypi/django@4.2.0 pkg:pypi/shop@1.0.0 MEDIUM 5.3';
      const flask = ['pkg:pypi/flask@2.2.0 pkg:pypi/blog@1.0.0 CRITICAL 9.8', 'pkg:pypi/flask@2.2.0 pkg:pypi/shop@1.0.0 CRITICAL 9.8'];
      // By id: package version first; the two flask rows are ordered by SBOM id, which is a content hash.
      const byId = await all({});
      assert.equal(byId.total, 3);
      assert.equal(byId.rows[0], django);
      assert.deepEqual(byId.rows.slice(1).sort(), flask);
      // By severity: flask (9.8) before django (5.3); equally severe rows keep the id order.
      const bySeverity = await all({ order: 'SEVERITY' });
      assert.deepEqual(bySeverity, { total: 3, rows: [...byId.rows.slice(1), django] });
      assert.deepEqual(await all({ order: 'SEVERITY', score: 9 }), { total: 2, rows: byId.rows.slice(1) });
      assert.deepEqual(await all({ order: 'SEVERITY', score: 9.9 }), { total: 0, rows: [] });
    });

    test('CLI: query vulnerabilities and affected show the severity and filter with --min-severity', async () => {
      const vulns = await cli(svc, ['vulnerabilities', shop, '--min-severity', 'medium']);
      assert.equal(vulns.code, 0, vulns.stderr);
      const lines = vulns.stdout.split('\n').filter((l) => l.startsWith('PYSEC-'));
      assert.deepEqual(lines.map((l) => l.split(/ {2,}/).slice(0, 3)), [
        ['PYSEC-2099-2', 'CRITICAL 9.8', 'pkg:pypi/flask@2.2.0'],
        ['PYSEC-2099-1', 'MEDIUM 5.3', 'pkg:pypi/django@4.2.0'],
        ['PYSEC-2099-3', 'MEDIUM 4.3', 'pkg:pypi/requests@2.31.0'],
      ]);
      const affected = await cli(svc, ['affected', 'CVE-2099-1000', '--min-severity', 'critical']);
      assert.equal(affected.code, 0, affected.stderr);
      assert.match(affected.stdout, /^Severity: CRITICAL 9\.8$/m);
      const rows = affected.stdout.split('\n').filter((l) => l.startsWith('pkg:pypi/'));
      assert.deepEqual(rows.map((l) => l.split(/ {2,}/)[3]), ['CRITICAL 9.8', 'CRITICAL 9.8']);
      const wrong = await cli(svc, ['vulnerabilities', shop, '--min-severity', 'severe']);
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /--min-severity: "severe" is not a severity/);
    });

    test('a newer version of an advisory speaks for it: its scores replace the old ones; check stays clean', async () => {
      const newer = osv('PYSEC-2099-1', 'django', '4.2.2', { aliases: ['CVE-2099-1000'], severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }] }, '2099-02-01T00:00:00Z');
      await ingest(svc, JSON.stringify(newer));
      const v = await ask<{ vulnerability: { severities: Severity[] } }>(svc, `query { vulnerability(id: "PYSEC-2099-1") { severities { ${SEVERITY_FIELDS} } } }`);
      const django = v.vulnerability.severities.filter((s) => s.advisory === 'osv:PYSEC-2099-1');
      assert.deepEqual(django.map((s) => [s.vector, s.baseScore]), [['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5]]);
      const report = await check(svc);
      assert.equal(report.ok, true, JSON.stringify(report.mismatches.slice(0, 5)));
      assert.ok(report.nodes > 0);
    });
  });
}
