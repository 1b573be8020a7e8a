/**
 * `supplygraph check` on each engine: a graph built by ingesting real pipeline
 * documents (SBOMs, an advisory and its update, VEX) checks clean; each kind of
 * corruption made through the store itself — a property swapped to another
 * advisory's value (the corruption seen on the embedded engine), an asserted edge
 * lost, a forged derived edge, a document left half-done — is reported precisely;
 * and a half-done document is finished by re-ingesting it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../support/engines.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { startService, upload, waitForJob, type RunningService } from '../support/service.js';
import type { CheckReport } from '../../services/integrity/check.js';

const app = (name: string, django: string) => cyclonedx({
  subject: { name, version: '1.0.0', purl: `pkg:pypi/${name}@1.0.0`, ref: 'app', type: 'application' },
  components: [{ name: 'django', version: django, purl: `pkg:pypi/django@${django}`, ref: 'dj' }, { name: 'requests', version: '2.31.0', purl: 'pkg:pypi/requests@2.31.0', ref: 'rq' }],
  dependencies: [{ ref: 'app', dependsOn: ['dj', 'rq'] }],
});

const osv = (id: string, published: string, modified: string, fixed: string) => ({
  schema_version: '1.6.0', id, aliases: [`CVE-2099-${id.slice(-4)}`], published, modified,
  summary: `advisory ${id}`,
  affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '4.0' }, { fixed }] }] }],
});

const openvex = {
  '@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'https://example.com/vex/app-b-1', author: 'app-b maintainers',
  timestamp: '2099-02-01T00:00:00Z', version: 1,
  statements: [{ vulnerability: { name: 'CVE-2099-0001' }, products: [{ '@id': 'pkg:pypi/app-b@1.0.0' }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }],
};

async function ingest(svc: RunningService, doc: unknown): Promise<Record<string, unknown>> {
  const up = await upload(svc.url, JSON.stringify(doc));
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

const kinds = (r: CheckReport): string[] => r.mismatches.map((m) => m.kind).sort();

for (const engine of ENGINES) {
  describe(`integrity check: ${engine}`, () => {
    let svc: RunningService;
    const sbomA = app('app-a', '4.2.0');
    before(async () => {
      svc = await startService(engine);
      for (const d of [sbomA, app('app-b', '4.2.0'), osv('GHSA-test-0001', '2099-01-01T00:00:00Z', '2099-01-01T00:00:00Z', '4.2.5'),
        osv('GHSA-test-0002', '2099-03-03T00:00:00Z', '2099-03-03T00:00:00Z', '4.1.0'), openvex,
        // The first advisory's update: its properties and matches replace the first version's.
        osv('GHSA-test-0001', '2099-01-01T00:00:00Z', '2099-01-05T00:00:00Z', '4.2.1')]) await ingest(svc, d);
    });
    after(async () => { await svc?.stop(); });

    test('a graph built by ingest checks clean', async () => {
      const r = await check(svc);
      assert.equal(r.ok, true, JSON.stringify(r.mismatches, null, 1));
      assert.equal(r.documents, 6);
      assert.ok(r.nodes > 10 && r.edges > 10, JSON.stringify(r));
    });

    test('a property swapped to another advisory\'s value is reported', async () => {
      const store = svc.runtime.store;
      const [a] = await store.read<{ key: string; published: string }>("MATCH (a:Advisory) WHERE a.advisoryId = 'GHSA-test-0001' RETURN a.key AS key, a.published AS published");
      assert.ok(a);
      await store.write([{ cypher: 'MATCH (a:Advisory {key: $k}) SET a.published = $p', params: { k: a.key, p: '2099-03-03T00:00:00Z' } }]);
      const r = await check(svc);
      assert.equal(r.ok, false);
      assert.deepEqual(kinds(r), ['PROPERTY_MISMATCH']);
      const m = r.mismatches[0]!;
      assert.equal(m.label, 'Advisory');
      assert.equal(m.key, a.key);
      assert.equal(m.property, 'published');
      assert.equal(m.expected, '2099-01-01T00:00:00Z');
      assert.equal(m.actual, '2099-03-03T00:00:00Z');
      await store.write([{ cypher: 'MATCH (a:Advisory {key: $k}) SET a.published = $p', params: { k: a.key, p: a.published } }]);
      assert.equal((await check(svc)).ok, true);
    });

    test('a lost asserted edge and a forged derived edge are reported', async () => {
      const store = svc.runtime.store;
      await store.write([{ cypher: "MATCH (a:PackageVersion {key: 'pkg:pypi/app-a@1.0.0'})-[r:DEPENDS_ON]->(b:PackageVersion {key: 'pkg:pypi/requests@2.31.0'}) DELETE r" }]);
      await store.write([{ cypher: "MATCH (v:Vulnerability), (p:PackageVersion {key: 'pkg:pypi/requests@2.31.0'}) WHERE v.id = 'CVE-2099-0001' CREATE (v)-[:AFFECTS {advisory: 'forged', reason: 'forged', doc: 'sha256:0'}]->(p)" }]);
      const r = await check(svc);
      assert.deepEqual(kinds(r), ['DERIVED_EXTRA', 'MISSING_EDGE']);
      const missing = r.mismatches.find((m) => m.kind === 'MISSING_EDGE')!;
      assert.match(missing.edge!, /\(PackageVersion pkg:pypi\/app-a@1\.0\.0\)-\[DEPENDS_ON .*\]->\(PackageVersion pkg:pypi\/requests@2\.31\.0\)/);
      assert.ok(missing.document?.startsWith('sha256:'));
      await store.write([{ cypher: "MATCH ()-[r:AFFECTS]->() WHERE r.advisory = 'forged' DELETE r" }]);
    });

    test('a document left half-done is reported, and re-ingesting it finishes it', async () => {
      const store = svc.runtime.store;
      // Simulate a crash after the write: the document is written, its matches were never made.
      const docs = await store.read<{ key: string }>("MATCH (d:Document)-[:LISTS]->(p:PackageVersion {key: 'pkg:pypi/app-a@1.0.0'}) RETURN d.key AS key");
      assert.equal(docs.length, 1);
      await store.write([{ cypher: "MATCH (d:Document {key: $k}) SET d.state = 'written'", params: { k: docs[0]!.key } }]);
      let r = await check(svc);
      assert.ok(kinds(r).includes('DOCUMENT_INCOMPLETE'), JSON.stringify(r.mismatches));
      const job = await ingest(svc, sbomA);
      assert.deepEqual([(job.result as { status: string }).status, (job.result as { resumed: boolean }).resumed], ['already-ingested', true], 'a half-done document is finished by the re-ingest');
      const again = await ingest(svc, sbomA);
      assert.deepEqual([(again.result as { status: string }).status, (again.result as { resumed: boolean }).resumed], ['already-ingested', false]);
      r = await check(svc);
      assert.deepEqual(kinds(r), ['MISSING_EDGE'], 'only the edge the previous test removed is still missing');
    });
  });
}
