/**
 * The document lifecycle on each engine (issue #15): list with filters, delete
 * exactly what one document asserted (shared facts stay, its matches go), delete
 * an advisory (its matches go), replace an SBOM under both policies, labels at
 * upload and later, download the original bytes, and delete while the worker
 * ingests other documents — `supplygraph check` stays clean throughout.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../support/engines.js';
import { cyclonedx } from '../support/sbom-factory.js';
import { graphql, startService, upload, waitForJob, type RunningService } from '../support/service.js';
import type { CheckReport } from '../../services/integrity/check.js';

const sbom = (name: string, timestamp: string, components: Array<[string, string]>): Record<string, unknown> => {
  const bom = cyclonedx({
    subject: { name, version: '1.0.0', purl: `pkg:pypi/${name}@1.0.0`, ref: 'app', type: 'application' },
    components: components.map(([n, v]) => ({ name: n, version: v, purl: `pkg:pypi/${n}@${v}`, ref: `${n}@${v}` })),
    dependencies: [{ ref: 'app', dependsOn: components.map(([n, v]) => `${n}@${v}`) }],
  });
  return { ...bom, metadata: { ...(bom.metadata as Record<string, unknown>), timestamp } };
};

const osv = (id: string, pkg: string, fixed: string) => ({
  schema_version: '1.6.0', id, aliases: [`CVE-2099-${id.slice(-4)}`], published: '2099-01-01T00:00:00Z', modified: '2099-01-01T00:00:00Z',
  summary: `advisory ${id}`,
  affected: [{ package: { ecosystem: 'PyPI', name: pkg }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] }],
});

async function ingest(svc: RunningService, doc: unknown, query = ''): Promise<string> {
  const up = await upload(svc.url, JSON.stringify(doc), query);
  assert.equal(up.status, 202, JSON.stringify(up.json));
  const job = await waitForJob(svc.url, String(up.json.jobId));
  assert.equal(job.state, 'completed', JSON.stringify(job.failure));
  return String((job.result as Record<string, unknown>).documentKey);
}

async function check(svc: RunningService): Promise<CheckReport> {
  const res = await fetch(`${svc.url}/api/v1/admin/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(res.status, 200);
  return (await res.json()) as CheckReport;
}

async function assertClean(svc: RunningService): Promise<void> {
  const r = await check(svc);
  assert.equal(r.ok, true, JSON.stringify(r.mismatches, null, 1));
}

async function del(svc: RunningService, id: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${svc.url}/api/v1/documents/${id}`, { method: 'DELETE' });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function list(svc: RunningService, query: string): Promise<{ totalCount: number; documents: Array<Record<string, unknown>> }> {
  const res = await fetch(`${svc.url}/api/v1/documents?${query}`);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as { totalCount: number; documents: Array<Record<string, unknown>> };
}

const errorCode = (body: Record<string, unknown>): unknown => (body.error as { code?: string } | undefined)?.code;

async function count(svc: RunningService, cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const rows = await svc.runtime.store.read<{ c: number }>(cypher, params);
  return Number(rows[0]?.c ?? 0);
}

const affects = (svc: RunningService, purl: string): Promise<number> => count(svc, 'MATCH (:Vulnerability)-[r:AFFECTS]->(:PackageVersion {key: $k}) RETURN count(r) AS c', { k: purl });
const versionExists = (svc: RunningService, purl: string): Promise<number> => count(svc, 'MATCH (v:PackageVersion {key: $k}) RETURN count(v) AS c', { k: purl });

for (const engine of ENGINES) {
  describe(`document lifecycle: ${engine}`, () => {
    let svc: RunningService;
    before(async () => { svc = await startService(engine); });
    after(async () => { await svc?.stop(); });

    test('deleting an SBOM removes what only it asserted; deleting an advisory removes its matches', async () => {
      const shopText = JSON.stringify(sbom('shop', '2099-01-01T00:00:00Z', [['django', '4.2.0'], ['requests', '2.31.0']]));
      const shop = await ingest(svc, JSON.parse(shopText), '?label.team=payments&label.env=prod');
      const blog = await ingest(svc, sbom('blog', '2099-01-01T00:00:00Z', [['django', '4.2.0'], ['flask', '2.0.0']]));
      const advisory = await ingest(svc, osv('GHSA-life-0001', 'requests', '2.32.0'));
      const flaskAdvisory = await ingest(svc, osv('GHSA-life-0002', 'flask', '2.1.0'));
      assert.equal(await affects(svc, 'pkg:pypi/requests@2.31.0'), 1);
      await assertClean(svc);

      // Download: the bytes as uploaded.
      const content = await fetch(`${svc.url}/api/v1/documents/${shop}/content`);
      assert.equal(content.status, 200);
      assert.equal(await content.text(), shopText);

      // List with filters; labels given at upload are on the document.
      const sboms = await list(svc, 'kind=sbom');
      assert.deepEqual(sboms.documents.map((d) => d.id).sort(), [shop, blog].sort());
      assert.equal(sboms.totalCount, 2);
      const labelled = await list(svc, 'label=team=payments');
      assert.deepEqual(labelled.documents.map((d) => d.id), [shop]);
      assert.deepEqual(labelled.documents[0]!.labels, { env: 'prod', team: 'payments' });
      assert.equal((await list(svc, 'name=BLO')).documents[0]!.id, blog);
      assert.equal((await list(svc, 'kind=advisory&format=osv')).totalCount, 2);
      assert.equal((await list(svc, 'ingestedAfter=2999-01-01')).totalCount, 0);
      const page = await list(svc, 'first=1');
      assert.equal(page.documents.length, 1);
      assert.equal(page.totalCount, 4);

      // Delete the SBOM: requests (only shop listed it) and its match go; django (shared) stays.
      const gone = await del(svc, shop);
      assert.equal(gone.status, 200, JSON.stringify(gone.json));
      assert.equal(await versionExists(svc, 'pkg:pypi/requests@2.31.0'), 0);
      assert.equal(await count(svc, "MATCH (p:Package {key: 'pkg:pypi/requests'}) RETURN count(p) AS c"), 1, 'the advisory still names the package');
      assert.equal(await versionExists(svc, 'pkg:pypi/shop@1.0.0'), 0);
      assert.equal(await versionExists(svc, 'pkg:pypi/django@4.2.0'), 1);
      assert.equal(await count(svc, 'MATCH (d:Document {key: $k}) RETURN count(d) AS c', { k: shop }), 0);
      assert.equal(await count(svc, 'MATCH ()-[r:DEPENDS_ON]->() WHERE r.doc = $k RETURN count(r) AS c', { k: shop }), 0);
      assert.equal((await fetch(`${svc.url}/api/v1/documents/${shop}/content`)).status, 404);
      await assertClean(svc);

      // Deleting twice: not found, with a code.
      const again = await del(svc, shop);
      assert.equal(again.status, 404);
      assert.equal(errorCode(again.json), 'DOCUMENT_NOT_FOUND');
      assert.equal(errorCode((await del(svc, 'not-a-digest')).json), 'BAD_DOCUMENT_ID');

      // Delete an advisory: its matches go, the SBOM's facts stay.
      assert.equal(await affects(svc, 'pkg:pypi/flask@2.0.0'), 1);
      assert.equal((await del(svc, flaskAdvisory)).status, 200);
      assert.equal(await affects(svc, 'pkg:pypi/flask@2.0.0'), 0);
      assert.equal(await versionExists(svc, 'pkg:pypi/flask@2.0.0'), 1);
      assert.equal(await count(svc, "MATCH (a:Advisory) WHERE a.advisoryId = 'GHSA-life-0002' RETURN count(a) AS c"), 0);
      await assertClean(svc);
      assert.equal((await del(svc, advisory)).status, 200);
      assert.equal((await del(svc, blog)).status, 200);
      await assertClean(svc);
      assert.equal((await list(svc, '')).totalCount, 0);
    });

    test('labels set later filter documents; bad labels are refused with a code', async () => {
      const doc = await ingest(svc, sbom('labelled', '2099-01-01T00:00:00Z', [['six', '1.16.0']]));
      const patch = async (body: unknown): Promise<Response> => fetch(`${svc.url}/api/v1/documents/${doc}/labels`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const ok = await patch({ release: '2.1' });
      assert.equal(ok.status, 200);
      assert.deepEqual(((await ok.json()) as { labels: unknown }).labels, { release: '2.1' });
      assert.deepEqual((await list(svc, 'label=release=2.1')).documents.map((d) => d.id), [doc]);
      assert.equal((await list(svc, 'label=release=2.2')).totalCount, 0);
      const bad = await patch({ 'bad key!': 'x' });
      assert.equal(bad.status, 400);
      assert.equal(errorCode((await bad.json()) as Record<string, unknown>), 'BAD_LABEL');
      const badUpload = await upload(svc.url, JSON.stringify(sbom('x', '2099-01-01T00:00:00Z', [])), '?label.%20=x');
      assert.equal(badUpload.status, 400);
      assert.equal(errorCode(badUpload.json), 'BAD_LABEL');
      await assertClean(svc);
      assert.equal((await del(svc, doc)).status, 200);
    });

    test('a newer version of an SBOM supersedes the older one (keep policy)', async () => {
      const v1 = await ingest(svc, sbom('product', '2099-01-01T00:00:00Z', [['attrs', '23.1.0']]));
      const v2 = await ingest(svc, sbom('product', '2099-02-01T00:00:00Z', [['attrs', '23.2.0']]));
      const all = await list(svc, 'name=product');
      const byId = new Map(all.documents.map((d) => [d.id, d]));
      assert.equal(byId.get(v1)!.supersededBy, v2);
      assert.equal(byId.get(v2)!.supersededBy, null);
      assert.deepEqual((await list(svc, 'name=product&latest=true')).documents.map((d) => d.id), [v2]);
      await assertClean(svc);
      for (const d of [v1, v2]) assert.equal((await del(svc, d)).status, 200);
    });

    test('GraphQL: documents connection, setDocumentLabels and deleteDocument', async () => {
      const a = await ingest(svc, sbom('gql-a', '2099-01-01T00:00:00Z', [['idna', '3.4']]), '?label.team=search');
      const b = await ingest(svc, sbom('gql-b', '2099-01-01T00:00:00Z', [['idna', '3.4'], ['certifi', '2024.2.2']]));
      const docs = `query($f: DocumentFilter, $first: Int, $after: String) { documents(filter: $f, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id kind format name labels { key value } latest supersededBy } } } }`;
      const byLabel = await graphql<{ documents: { totalCount: number; edges: Array<{ node: { id: string; labels: unknown } }> } }>(svc.url, docs, { f: { labels: [{ key: 'team', value: 'search' }] } });
      assert.equal(byLabel.errors, undefined, JSON.stringify(byLabel.errors));
      assert.deepEqual(byLabel.data.documents.edges.map((e) => e.node.id), [a]);
      assert.deepEqual(byLabel.data.documents.edges[0]!.node.labels, [{ key: 'team', value: 'search' }]);
      const first = await graphql<{ documents: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { id: string } }> } }>(svc.url, docs, { f: { kind: 'sbom', name: 'gql-' }, first: 1 });
      assert.equal(first.data.documents.totalCount, 2);
      assert.equal(first.data.documents.pageInfo.hasNextPage, true);
      const second = await graphql<{ documents: { edges: Array<{ node: { id: string } }> } }>(svc.url, docs, { f: { kind: 'sbom', name: 'gql-' }, first: 1, after: first.data.documents.pageInfo.endCursor });
      assert.deepEqual([first.data.documents.edges[0]!.node.id, second.data.documents.edges[0]!.node.id].sort(), [a, b].sort());

      const relabel = await graphql<{ setDocumentLabels: { labels: Array<{ key: string; value: string }> } }>(svc.url,
        'mutation($id: ID!) { setDocumentLabels(id: $id, labels: [{key: "team", value: "search"}, {key: "tier", value: "1"}]) { labels { key value } } }', { id: b });
      assert.equal(relabel.errors, undefined, JSON.stringify(relabel.errors));
      assert.deepEqual(relabel.data.setDocumentLabels.labels, [{ key: 'team', value: 'search' }, { key: 'tier', value: '1' }]);
      assert.equal((await graphql<{ documents: { totalCount: number } }>(svc.url, docs, { f: { labels: [{ key: 'team', value: 'search' }] } })).data.documents.totalCount, 2);

      const remove = 'mutation($id: ID!) { deleteDocument(id: $id) { id kind nodesDeleted edgesDeleted } }';
      const deleted = await graphql<{ deleteDocument: { id: string; kind: string; nodesDeleted: number } }>(svc.url, remove, { id: b });
      assert.equal(deleted.errors, undefined, JSON.stringify(deleted.errors));
      assert.equal(deleted.data.deleteDocument.kind, 'sbom');
      assert.equal(await versionExists(svc, 'pkg:pypi/certifi@2024.2.2'), 0);
      assert.equal(await versionExists(svc, 'pkg:pypi/idna@3.4'), 1);
      const twice = await graphql(svc.url, remove, { id: b });
      assert.equal(twice.errors?.[0]?.extensions.code, 'DOCUMENT_NOT_FOUND');
      await assertClean(svc);
      assert.equal((await del(svc, a)).status, 200);
    });

    test('investigator queries restricted to facts of labelled documents', async () => {
      const mine = await ingest(svc, sbom('mine', '2099-01-01T00:00:00Z', [['jinja2', '3.0.0']]), '?label.owner=me');
      const theirs = await ingest(svc, sbom('theirs', '2099-01-01T00:00:00Z', [['jinja2', '3.0.0'], ['markupsafe', '2.0.0']]), '?label.owner=them');
      const adv = await ingest(svc, osv('GHSA-life-0003', 'jinja2', '3.1.0'));
      const adv2 = await ingest(svc, osv('GHSA-life-0004', 'markupsafe', '2.1.0'));
      const me = [{ key: 'owner', value: 'me' }];
      const vulns = 'query($of: String!, $l: [DocumentLabelInput!]) { vulnerabilities(of: $of, documentLabels: $l) { vulnerability packageVersion { purl } } }';
      type Vulns = { vulnerabilities: Array<{ packageVersion: { purl: string } }> };
      assert.equal((await graphql<Vulns>(svc.url, vulns, { of: 'pkg:pypi/markupsafe@2.0.0' })).data.vulnerabilities.length, 1);
      assert.equal((await graphql<Vulns>(svc.url, vulns, { of: 'pkg:pypi/markupsafe@2.0.0', l: me })).data.vulnerabilities.length, 0);
      assert.equal((await graphql<Vulns>(svc.url, vulns, { of: 'pkg:pypi/jinja2@3.0.0', l: me })).data.vulnerabilities.length, 1);

      const affected = 'query($l: [DocumentLabelInput!]) { vulnerability(id: "GHSA-life-0003") { affected(documentLabels: $l) { totalCount edges { node { sbom { id } } } } } }';
      type Affected = { vulnerability: { affected: { totalCount: number; edges: Array<{ node: { sbom: { id: string } | null } }> } } };
      const all = await graphql<Affected>(svc.url, affected, {});
      assert.equal(all.errors, undefined, JSON.stringify(all.errors));
      assert.deepEqual(new Set(all.data.vulnerability.affected.edges.map((e) => e.node.sbom?.id)), new Set([mine, theirs]));
      const onlyMine = await graphql<Affected>(svc.url, affected, { l: me });
      assert.deepEqual(onlyMine.data.vulnerability.affected.edges.map((e) => e.node.sbom?.id), [mine]);

      const dependents = 'query($l: [DocumentLabelInput!]) { dependents(purl: "pkg:pypi/jinja2@3.0.0", documentLabels: $l) { sboms { edges { node { id } } } components { edges { node { component { purl } } } } } }';
      type Dependents = { dependents: { sboms: { edges: Array<{ node: { id: string } }> }; components: { edges: Array<{ node: { component: { purl: string } } }> } } };
      const deps = await graphql<Dependents>(svc.url, dependents, { l: me });
      assert.equal(deps.errors, undefined, JSON.stringify(deps.errors));
      assert.deepEqual(deps.data.dependents.sboms.edges.map((e) => e.node.id), [mine]);
      assert.deepEqual(deps.data.dependents.components.edges.map((e) => e.node.component.purl), ['pkg:pypi/mine@1.0.0']);
      for (const d of [mine, theirs, adv, adv2]) assert.equal((await del(svc, d)).status, 200);
      await assertClean(svc);
    });

    test('deleting the current version of an advisory makes the older version current again', async () => {
      const version = (modified: string, fixed: string) => ({
        ...osv('GHSA-life-0005', 'pyyaml', fixed), modified, summary: `pyyaml advisory, fixed in ${fixed}`,
      });
      const app = await ingest(svc, sbom('yaml-app', '2099-01-01T00:00:00Z', [['pyyaml', '6.0.0']]));
      const v1 = await ingest(svc, version('2099-01-01T00:00:00Z', '6.0.1'));
      const v2 = await ingest(svc, version('2099-01-05T00:00:00Z', '5.4.0'));
      const title = async (): Promise<string> => String((await svc.runtime.store.read<{ t: string }>("MATCH (a:Advisory) WHERE a.advisoryId = 'GHSA-life-0005' RETURN a.title AS t"))[0]?.t);
      assert.equal(await affects(svc, 'pkg:pypi/pyyaml@6.0.0'), 0, 'the current version says 6.0.0 is fixed');
      assert.equal(await title(), 'pyyaml advisory, fixed in 5.4.0');
      assert.equal((await del(svc, v2)).status, 200);
      assert.equal(await affects(svc, 'pkg:pypi/pyyaml@6.0.0'), 1, 'the older version, current again, says 6.0.0 is affected');
      assert.equal(await title(), 'pyyaml advisory, fixed in 6.0.1');
      await assertClean(svc);
      for (const d of [v1, app]) assert.equal((await del(svc, d)).status, 200);
      await assertClean(svc);
    });

    test('deleting while the worker ingests other documents leaves check clean', async () => {
      const victims = [];
      for (let i = 0; i < 3; i++) victims.push(await ingest(svc, sbom(`victim-${i}`, '2099-01-01T00:00:00Z', [['urllib3', '2.0.0'], [`lib-${i}`, '1.0.0']])));
      const uploads = await Promise.all(Array.from({ length: 6 }, (_, i) => upload(svc.url, JSON.stringify(sbom(`busy-${i}`, '2099-01-01T00:00:00Z', [['urllib3', '2.0.0'], [`lib-${i}`, '1.0.0']])))));
      const deletions = await Promise.all(victims.map((v) => del(svc, v)));
      for (const d of deletions) assert.equal(d.status, 200, JSON.stringify(d.json));
      for (const u of uploads) assert.equal((await waitForJob(svc.url, String(u.json.jobId))).state, 'completed');
      await assertClean(svc);
      assert.equal(await versionExists(svc, 'pkg:pypi/urllib3@2.0.0'), 1);
    });
  });

  describe(`document lifecycle, scopes: ${engine}`, () => {
    let svc: RunningService;
    before(async () => { svc = await startService(engine, { SUPPLYGRAPH_API_TOKENS: 'reader:read:reader-token-0123456789,feeder:ingest:feeder-token-0123456789,boss:admin:admin-token-0123456789' }); });
    after(async () => { await svc?.stop(); });

    test('deleting needs admin, relabelling admin or ingest, listing read', async () => {
      const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
      const up = await fetch(`${svc.url}/api/v1/documents?label.team=x`, { method: 'POST', headers: auth('feeder-token-0123456789'), body: JSON.stringify(sbom('scoped', '2099-01-01T00:00:00Z', [['six', '1.16.0']])) });
      assert.equal(up.status, 202);
      const jobId = String(((await up.json()) as { jobId: string }).jobId);
      let job: { state: string } = { state: 'waiting' };
      while (job.state !== 'completed' && job.state !== 'failed') {
        job = (await (await fetch(`${svc.url}/api/v1/jobs/${jobId}`, { headers: auth('reader-token-0123456789') })).json()) as { state: string };
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(job.state, 'completed');
      const listed = (await (await fetch(`${svc.url}/api/v1/documents?label=team=x`, { headers: auth('reader-token-0123456789') })).json()) as { totalCount: number; documents: Array<{ id: string }> };
      assert.equal(listed.totalCount, 1);
      const id = listed.documents[0]!.id;
      assert.equal((await fetch(`${svc.url}/api/v1/documents/${id}`, { method: 'DELETE', headers: { authorization: 'Bearer feeder-token-0123456789' } })).status, 403);
      const gql = await fetch(`${svc.url}/graphql`, { method: 'POST', headers: auth('reader-token-0123456789'), body: JSON.stringify({ query: 'mutation($id: ID!) { deleteDocument(id: $id) { id } }', variables: { id } }) });
      assert.equal(((await gql.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code, 'FORBIDDEN');
      assert.equal((await fetch(`${svc.url}/api/v1/documents/${id}/labels`, { method: 'PATCH', headers: auth('reader-token-0123456789'), body: '{"a":"b"}' })).status, 403);
      assert.equal((await fetch(`${svc.url}/api/v1/documents/${id}/labels`, { method: 'PATCH', headers: auth('feeder-token-0123456789'), body: '{"a":"b"}' })).status, 200);
      assert.equal((await fetch(`${svc.url}/api/v1/documents/${id}`, { method: 'DELETE', headers: { authorization: 'Bearer admin-token-0123456789' } })).status, 200);
    });
  });

  describe(`document lifecycle, delete policy: ${engine}`, () => {
    let svc: RunningService;
    before(async () => { svc = await startService(engine, { SUPPLYGRAPH_SUPERSEDED_SBOMS: 'delete' }); });
    after(async () => { await svc?.stop(); });

    test('a newer version of an SBOM deletes the older one, whichever arrives first', async () => {
      const v2 = await ingest(svc, sbom('product', '2099-02-01T00:00:00Z', [['attrs', '23.2.0']]));
      const v1 = await ingest(svc, sbom('product', '2099-01-01T00:00:00Z', [['attrs', '23.1.0']]));
      const docs = await list(svc, 'name=product');
      assert.deepEqual(docs.documents.map((d) => d.id), [v2]);
      assert.notEqual(v1, v2);
      assert.equal(await versionExists(svc, 'pkg:pypi/attrs@23.1.0'), 0);
      assert.equal(await versionExists(svc, 'pkg:pypi/attrs@23.2.0'), 1);
      await assertClean(svc);
    });
  });
}
