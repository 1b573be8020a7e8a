/**
 * Real advisories and VEX documents from other projects (test/fixtures/advisories, the
 * whole advisory corpus of ../shared; sources in test/fixtures/PROVENANCE.md): every file
 * is detected by exactly its own parser, parses, is written on every engine, and the facts
 * each file states are in the graph. The OSV, CSAF and OpenVEX files are also validated
 * against their official JSON schemas (test/fixtures/schemas).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { osvParser } from '../../ingestors/osv/osv.js';
import { csafParser } from '../../ingestors/csaf/csaf.js';
import { cve5Parser } from '../../ingestors/cve5/cve5.js';
import { openVexParser } from '../../ingestors/openvex/openvex.js';
import { cycloneDxVexParser } from '../../ingestors/cyclonedx-vex/vex.js';
import { cycloneDxJsonParser } from '../../ingestors/cyclonedx/json.js';
import { cycloneDxXmlParser } from '../../ingestors/cyclonedx/xml.js';
import { decodeRule, type AffectedRule } from '../../schema/vulnerability/affected-rule.js';
import type { DocumentParser } from '../../ingestors/parser.js';
import type { OntologyBatch } from '../../schema/ontology/batch.js';
import type { GraphStore } from '../../services/graph/store.js';
import { evaluateOsvAffected } from '../../services/matching/ranges/index.js';
import { ENGINES, openTestGraph, type TestGraph } from '../support/engines.js';
import { fixturePath } from '../support/fixtures.js';
import { documentInput } from '../support/parse.js';

type Json = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

const ROOT = (): string => fixturePath('advisories');
/**
 * Detection order as the registry will have it: CycloneDX VEX before the CycloneDX SBOM parser.
 * CycloneDX VEX in XML has one parser, the CycloneDX XML one, which reads VEX-only BOMs as VEX.
 */
const PARSERS: readonly DocumentParser[] = [cycloneDxVexParser, osvParser, csafParser, cve5Parser, openVexParser, cycloneDxXmlParser];
const FORMAT_BY_DIR: Record<string, string> = { osv: 'osv', csaf: 'csaf', cve5: 'cve5', openvex: 'openvex', 'cyclonedx-vex': 'cyclonedx-vex' };
const formatOf = (file: string): string => (file.endsWith('.xml') ? 'cyclonedx-xml' : FORMAT_BY_DIR[file.split('/')[0]!]!);

function corpusFiles(): string[] {
  return readdirSync(ROOT()).flatMap((dir) => readdirSync(path.join(ROOT(), dir)).map((f) => `${dir}/${f}`)).sort();
}

interface Ctx {
  batch: OntologyBatch;
  json: Json;
  store: GraphStore;
}

interface RuleRow {
  pkg: string;
  vuln: string;
  eco: string;
  rule: AffectedRule;
}

/** The AFFECTS_PACKAGE edges the graph holds for the document, rules decoded. */
async function rulesOf(store: GraphStore, doc: string): Promise<RuleRow[]> {
  const rows = await store.read<{ pkg: string; rule: string; eco: string; vuln: string }>(
    'MATCH (a:Advisory)-[r:AFFECTS_PACKAGE]->(p:Package) WHERE r.doc = $doc RETURN p.key AS pkg, r.rule AS rule, r.ecosystem AS eco, r.vulnerability AS vuln', { doc });
  return rows.map((r) => ({ pkg: r.pkg, vuln: r.vuln, eco: r.eco, rule: decodeRule(r.rule) })).sort((x, y) => `${x.pkg} ${x.eco}`.localeCompare(`${y.pkg} ${y.eco}`));
}

async function aliasesOf(store: GraphStore, id: string): Promise<string[]> {
  const rows = await store.read<{ k: string }>('MATCH (a:Vulnerability {key: $id})-[:ALIAS_OF]->(b:Vulnerability) RETURN b.key AS k', { id });
  return rows.map((r) => r.k).sort();
}

interface StatementRow { key: string; status: string; justification: string | null; impact: string | null; action: string | null; vuln: string; target: string | null }

async function statementsOf(store: GraphStore, doc: string): Promise<StatementRow[]> {
  const about = await store.read<{ key: string; status: string; justification: string | null; impact: string | null; action: string | null; vuln: string }>(
    'MATCH (s:VexStatement)-[r:VEX_ABOUT]->(v:Vulnerability) WHERE r.doc = $doc RETURN s.key AS key, s.status AS status, s.justification AS justification, s.impactStatement AS impact, s.actionStatement AS action, v.key AS vuln', { doc });
  const applies = await store.read<{ key: string; target: string }>(
    'MATCH (s:VexStatement)-[r:VEX_APPLIES_TO]->(t:PackageVersion) WHERE r.doc = $doc RETURN s.key AS key, t.key AS target', { doc });
  const targets = new Map(applies.map((a) => [a.key, a.target]));
  return about.map((a) => ({ ...a, justification: a.justification ?? null, impact: a.impact ?? null, action: a.action ?? null, target: targets.get(a.key) ?? null }))
    .sort((x, y) => x.key.localeCompare(y.key) || x.vuln.localeCompare(y.vuln));
}

async function advisory(store: GraphStore, key: string): Promise<Record<string, string | null>> {
  const rows = await store.read<Record<string, string | null>>(
    'MATCH (a:Advisory {key: $key}) RETURN a.title AS title, a.published AS published, a.modified AS modified, a.withdrawn AS withdrawn, a.severity AS severity, a.source AS source', { key });
  assert.equal(rows.length, 1, `advisory ${key} is in the graph`);
  return rows[0]!;
}

const codes = (b: OntologyBatch): string[] => b.warnings.map((w) => w.code).sort();

/** What each corpus file says, checked in the graph after it was written. */
const FACTS: Record<string, (c: Ctx) => Promise<void>> = {
  'osv/PYSEC-2023-74.json': async ({ batch, store }) => {
    assert.deepEqual(await aliasesOf(store, 'PYSEC-2023-74'), ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q']);
    const [r, ...rest] = await rulesOf(store, batch.document.key);
    assert.equal(rest.length, 0);
    assert.equal(r!.pkg, 'pkg:pypi/requests');
    assert.equal(r!.rule.kind, 'osv');
    if (r!.rule.kind !== 'osv') return;
    assert.deepEqual(r!.rule.ranges.map((x) => x.type), ['GIT', 'ECOSYSTEM']);
    assert.equal(r!.rule.ranges[0]!.repo, 'https://github.com/psf/requests');
    assert.equal(r!.rule.versions.length, 66);
    // The stored rule alone decides matches.
    assert.equal(evaluateOsvAffected(r!.rule.ecosystem, '2.30.0', r!.rule).status, 'affected');
    assert.equal(evaluateOsvAffected(r!.rule.ecosystem, '2.31.0', r!.rule).status, 'not_affected');
    assert.equal(evaluateOsvAffected(r!.rule.ecosystem, '2.2.1', r!.rule).status, 'not_affected');
    assert.equal((await advisory(store, 'osv:PYSEC-2023-74')).published, '2023-05-26T18:15:00Z');
    assert.deepEqual(codes(batch), []);
  },
  'osv/maven_greater_than.osv.json': async ({ batch, store, json }) => {
    const [r] = await rulesOf(store, batch.document.key);
    assert.equal(r!.pkg, 'pkg:maven/org.xwiki.commons/xwiki-commons-core');
    assert.equal(r!.eco, 'Maven');
    assert.equal(r!.vuln, 'GHSA-76mp-659p-rw65');
    if (r!.rule.kind !== 'osv') return assert.fail('osv rule expected');
    const given = ((json.affected as Json[])[0]!.ranges as Json[])[0]!.events;
    assert.deepEqual(r!.rule.ranges[0]!.events, given, 'unsorted events stored exactly as given');
    assert.equal(evaluateOsvAffected('Maven', '12.10.1', r!.rule).status, 'affected');
    assert.equal(evaluateOsvAffected('Maven', '12.7', r!.rule).status, 'not_affected');
    assert.equal(evaluateOsvAffected('Maven', '11.10.13', r!.rule).status, 'not_affected');
    assert.equal(evaluateOsvAffected('Maven', '11.6.1', r!.rule).status, 'affected');
    assert.deepEqual(await aliasesOf(store, 'GHSA-76mp-659p-rw65'), ['CVE-2021-32620']);
    assert.equal((await advisory(store, 'osv:GHSA-76mp-659p-rw65')).title, 'Users registered with email verification can self re-activate their disabled accounts');
  },
  'osv/CVE-2018-5407.json': async ({ batch, store }) => {
    const rules = await rulesOf(store, batch.document.key);
    assert.deepEqual(rules.map((r) => r.eco).sort(), ['Alpine:v3.3', 'Alpine:v3.4', 'Alpine:v3.5', 'Alpine:v3.6', 'Alpine:v3.7', 'Alpine:v3.8']);
    assert.ok(rules.every((r) => r.pkg === 'pkg:apk/alpine/openssl' && r.rule.purl === 'pkg:apk/alpine/openssl?arch=source'));
    assert.equal(evaluateOsvAffected('Alpine:v3.8', '1.0.2p-r0', rules[0]!.rule as never).status, 'affected');
    assert.deepEqual(codes(batch), ['AFFECTED_WITHOUT_PACKAGE'], 'the GIT-only entry for nodejs/node names no package');
    const sev = JSON.parse((await advisory(store, 'osv:CVE-2018-5407')).severity!) as { scores: Json[] };
    assert.deepEqual(sev.scores, [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N' }]);
  },
  'osv/RHSA-2024_4546.json': async ({ batch, store }) => {
    assert.deepEqual(await aliasesOf(store, 'RHSA-2024:4546'), ['CVE-2023-45288'], 'upstream is an alias; related is not');
    const rules = await rulesOf(store, batch.document.key);
    assert.equal(rules.length, 9, '3 packages × 3 RHEL streams');
    assert.deepEqual([...new Set(rules.map((r) => r.pkg))].sort(), ['pkg:rpm/redhat/git-lfs', 'pkg:rpm/redhat/git-lfs-debuginfo', 'pkg:rpm/redhat/git-lfs-debugsource']);
    assert.ok(rules.every((r) => r.rule.kind === 'osv' && r.rule.ranges[0]!.events[1]!.fixed === '0:2.13.3-3.el8_6.1'));
  },
  'csaf/rhsa-2024_4546.json': async ({ batch, store }) => {
    assert.equal(batch.document.kind, 'advisory');
    const rules = await rulesOf(store, batch.document.key);
    assert.deepEqual(rules.map((r) => r.pkg), ['pkg:rpm/redhat/git-lfs', 'pkg:rpm/redhat/git-lfs-debuginfo', 'pkg:rpm/redhat/git-lfs-debugsource']);
    const purls = rules.flatMap((r) => (r.rule.kind === 'exact' ? r.rule.purls : []));
    assert.equal(purls.length, 7, 'the 7 rpm purls of the product tree, src and per-arch');
    assert.ok(purls.every((p) => p.startsWith('pkg:rpm/redhat/git-lfs') && p.includes('@2.13.3-3.el8_6.1?arch=')));
    for (const r of rules) {
      assert.equal(r.rule.status, 'fixed');
      assert.equal(r.vuln, 'CVE-2023-45288');
      assert.deepEqual(r.rule.kind === 'exact' && r.rule.platforms, ['cpe:/a:redhat:rhel_aus:8.6::appstream', 'cpe:/a:redhat:rhel_e4s:8.6::appstream', 'cpe:/a:redhat:rhel_tus:8.6::appstream']);
    }
    const adv = await advisory(store, 'csaf:https://www.redhat.com:RHSA-2024:4546');
    assert.equal(adv.title, 'Red Hat Security Advisory: git-lfs security update');
    assert.equal(adv.source, 'Red Hat Product Security');
    const sev = JSON.parse(adv.severity!) as { rating: string; scores: Json[]; remediations: Json[] };
    assert.equal(sev.rating, 'Important');
    assert.ok(sev.scores.some((s) => s.baseScore === 7.5 && s.vector === 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H'));
    assert.deepEqual(sev.remediations.map((r) => r.category), ['vendor_fix', 'workaround']);
    assert.deepEqual(codes(batch), []);
  },
  'csaf/rhsa-csaf.json': async ({ batch, store }) => {
    assert.equal(batch.document.kind, 'vex', 'category csaf_vex');
    const rules = await rulesOf(store, batch.document.key);
    const affected = rules.filter((r) => r.rule.status === 'affected');
    assert.deepEqual(affected.map((r) => r.rule.kind === 'exact' && r.rule.purls), [['pkg:rpm/redhat/openssl@1.1.1k-7.el8_6?arch=x86_64&epoch=1']]);
    const st = await statementsOf(store, batch.document.key);
    assert.equal(st.length, 36, 'one statement per product in product_status');
    assert.equal(st.filter((s) => s.status === 'affected').length, 1);
    assert.equal(st.filter((s) => s.status === 'fixed').length, 35);
    assert.ok(st.every((s) => s.target !== null), 'every statement applies to a package version (synthetic when no purl)');
    assert.deepEqual(codes(batch), ['NO_PURL_FOR_PRODUCT'], 'most products of this trimmed RHSA have no purl');
  },
  'csaf/2022-evd-uc-01-a-001.json': async ({ batch, store }) => {
    assert.equal(batch.document.kind, 'vex');
    const st = await statementsOf(store, batch.document.key);
    assert.deepEqual(st.map((s) => [s.status, s.vuln, s.target]), [['affected', 'CVE-2021-44228', 'pkg:generic/Example%20Company/DEF@1.0']]);
    assert.match(st[0]!.action ?? '', /^vendor_fix: Customers should update to version 1\.1/);
  },
  'csaf/2022-evd-uc-02-na-001.json': async ({ batch, store, json }) => {
    const st = await statementsOf(store, batch.document.key);
    assert.equal(st.length, (json.vulnerabilities as unknown[]).length);
    assert.ok(st.every((s) => s.status === 'not_affected' && s.impact === 'Linux TCP/IP used and therefore not vulnerable.' && s.target === 'pkg:generic/Example%20Company/ABC@4.2'));
    assert.ok(st.some((s) => s.vuln === 'CVE-2020-11896'));
  },
  'cve5/CVE-2024-27088.json': async ({ batch, store }) => {
    assert.deepEqual(await aliasesOf(store, 'CVE-2024-27088'), ['GHSA-4gmj-3p3h-gm8h']);
    assert.deepEqual(await rulesOf(store, batch.document.key), [], 'vendor/product only: no purl, no rule');
    assert.deepEqual(codes(batch), ['NO_PURL_FOR_PRODUCT']);
    const adv = await advisory(store, 'cve5:CVE-2024-27088');
    assert.equal(adv.source, 'GitHub_M');
    assert.match(adv.title ?? '', /^es5-ext Regular Expression Denial of Service/);
  },
  'cve5/CVE-2024-28111.json': async ({ batch, store }) => {
    assert.deepEqual(codes(batch), ['NO_PURL_FOR_PRODUCT']);
    const sev = JSON.parse((await advisory(store, 'cve5:CVE-2024-28111')).severity!) as { scores: Json[] };
    assert.deepEqual(sev.scores.map((s) => [s.type, s.baseScore, s.rating]), [['CVSS_V3', 6.5, 'MEDIUM']]);
  },
  'openvex/v0.2.0.json': async ({ batch, store }) => {
    const st = await statementsOf(store, batch.document.key);
    assert.deepEqual(st.map((s) => [s.vuln, s.status, s.justification]), [
      ['CVE-2023-1255', 'fixed', null],
      ['CVE-2023-2650', 'fixed', null],
      ['CVE-2023-2975', 'fixed', null],
      ['CVE-2023-3446', 'not_affected', 'vulnerable_code_not_present'],
      ['CVE-2023-3817', 'not_affected', 'vulnerable_code_not_present'],
    ]);
    assert.ok(st.every((s) => s.target === 'pkg:oci/alpine@sha256:124c7d2707904eea7431fffe91522a01e5a861a624ee31d03372cc1d138a3126'));
    const contains = await store.read<{ k: string }>('MATCH (i:PackageVersion)-[r:CONTAINS]->(s:PackageVersion) WHERE r.doc = $doc RETURN s.key AS k', { doc: batch.document.key });
    assert.deepEqual(contains.map((r) => r.k).sort(), ['pkg:apk/alpine/libcrypto3@3.0.8-r3', 'pkg:apk/alpine/libssl3@3.0.8-r3']);
  },
  'cyclonedx-vex/vex.json': async ({ batch, store }) => {
    const st = await statementsOf(store, batch.document.key);
    assert.deepEqual(st.map((s) => [s.vuln, s.status, s.justification, s.target]), [
      ['CVE-2020-25649', 'not_affected', 'code_not_reachable', 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar'],
      ['SNYK-JAVA-COMFASTERXMLJACKSONCORE-1048302', 'not_affected', 'code_not_reachable', 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar'],
    ]);
    const link = await store.read<{ ref: string }>('MATCH (d:Document {key: $doc})-[r:LISTS]->(s:VexStatement) RETURN r.ref AS ref', { doc: batch.document.key });
    assert.deepEqual(link.map((r) => r.ref), ['urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar'], 'the BOM-Link is recorded');
    assert.deepEqual(await aliasesOf(store, 'CVE-2020-25649'), ['SNYK-JAVA-COMFASTERXMLJACKSONCORE-1048302']);
  },
  'cyclonedx-vex/commons-text-VEX.cyclonedx.xml': async ({ batch, store }) => {
    assert.equal(batch.document.kind, 'vex', 'a VEX-only XML BOM is a VEX document');
    const product = 'pkg:maven/org.apache.commons/commons-text?type=jar';
    const st = await statementsOf(store, batch.document.key);
    assert.deepEqual(st.map((s) => [s.vuln, s.status, s.justification, s.action, s.target]), [
      ['CVE-2025-48924', 'affected', null, 'response: update', product],
      ['GHSA-j288-q9x7-2f5v', 'affected', null, 'response: update', product],
    ]);
    assert.match(st[0]!.impact ?? '', /^CVE-2025-48924 is exploitable in Apache Commons Text versions 1\.5 and later/);
    assert.deepEqual(await rulesOf(store, batch.document.key), [{
      pkg: 'pkg:maven/org.apache.commons/commons-text', vuln: 'CVE-2025-48924', eco: 'maven',
      rule: { v: 1, kind: 'vers', status: 'affected', purl: product, vers: 'vers:maven/>=1.5|<2' },
    }]);
    assert.deepEqual(await aliasesOf(store, 'CVE-2025-48924'), ['GHSA-j288-q9x7-2f5v']);
    assert.equal(batch.document.name, 'org.apache.commons commons-text');
  },
  'cyclonedx-vex/vex-not_affected.json': async ({ batch, store }) => {
    const st = await statementsOf(store, batch.document.key);
    assert.deepEqual(st.map((s) => [s.vuln, s.status, s.justification, s.target]), [['CVE-2021-44228', 'not_affected', 'code_not_present', 'pkg:generic/ABC@4.2']]);
    assert.equal(batch.document.name, 'ABC 4.2');
  },
};

describe('advisory corpus: schemas', () => {
  const schemas: Record<string, string> = { osv: 'osv.schema.json', csaf: 'csaf-2.0.schema.json', openvex: 'openvex-0.2.0.schema.json' };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('iri', /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/);
  // The CSAF schema $refs FIRST's CVSS schemas, which are not in the fixtures: minimal stand-ins
  // that keep what the CSAF oneOf needs (the version constant).
  for (const v of ['2.0', '3.0', '3.1']) {
    ajv.addSchema({ $id: `https://www.first.org/cvss/cvss-v${v}.json`, type: 'object', required: ['version', 'vectorString', 'baseScore'], properties: { version: { const: v }, vectorString: { type: 'string' }, baseScore: { type: 'number' } } });
  }
  for (const [dir, file] of Object.entries(schemas)) {
    test(`${dir} files validate against ${file}`, () => {
      const validate = ajv.compile(JSON.parse(readFileSync(fixturePath('schemas', file), 'utf8')) as Json);
      const files = readdirSync(path.join(ROOT(), dir));
      assert.ok(files.length > 0);
      for (const f of files) {
        const doc = JSON.parse(readFileSync(path.join(ROOT(), dir, f), 'utf8')) as Json;
        const ok = validate(doc);
        console.log(`schema ${file}: ${dir}/${f} ${ok ? 'valid' : `INVALID ${ajv.errorsText(validate.errors)}`}`);
        assert.ok(ok, `${dir}/${f}: ${ajv.errorsText(validate.errors)}`);
        // The validator is not vacuous: the same document without its identity is rejected.
        const broken = structuredClone(doc);
        if (dir === 'osv') delete broken.id;
        else if (dir === 'csaf') delete (broken.document as Json).tracking;
        else delete broken.statements;
        assert.equal(validate(broken), false, `${dir}/${f} without its required field must fail`);
      }
    });
  }
});

test('the advisory fixtures are the ones these facts describe', () => {
  assert.deepEqual(corpusFiles(), Object.keys(FACTS).sort());
});

for (const engine of ENGINES) {
  describe(`advisory corpus on ${engine}`, () => {
    let g: TestGraph;
    before(async () => { g = await openTestGraph(engine); });
    after(async () => { await g?.dispose(); });

    for (const file of corpusFiles()) {
      test(file, async () => {
        const input = documentInput(readFileSync(path.join(ROOT(), file)));
        const dir = file.split('/')[0]!;
        const claims = PARSERS.filter((p) => p.detect(input)).map((p) => p.format);
        assert.deepEqual(claims, [formatOf(file)], 'exactly its own parser claims it');
        if (dir === 'cyclonedx-vex' && input.json !== undefined) assert.ok(cycloneDxJsonParser.detect(input), 'the SBOM parser would too: VEX must come first in the registry');
        const parser = PARSERS.find((p) => p.format === claims[0])!;
        const batch = await parser.parse(input);
        assert.equal(batch.document.format, formatOf(file));
        assert.ok(batch.document.componentCount >= 0);
        const r = await g.store.writeBatch(batch);
        assert.equal(r.status, 'written');
        for (const type of ['AFFECTS_PACKAGE', 'VEX_APPLIES_TO', 'ALIAS_OF', 'LISTS'] as const) {
          const rows = await g.store.read<{ c: number }>(`MATCH ()-[r:${type}]->() WHERE r.doc = $doc RETURN count(r) AS c`, { doc: batch.document.key });
          assert.equal(Number(rows[0]!.c), batch.edges.filter((e) => e.type === type).length, `${type} edges in the graph = in the batch`);
        }
        const fact = FACTS[file];
        assert.ok(fact, `facts for ${file}`);
        await fact({ batch, json: input.json as Json, store: g.store });
      });
    }

    test('across formats: the Red Hat advisory in OSV and in CSAF meet at CVE-2023-45288 and git-lfs', async () => {
      const advises = await g.store.read<{ k: string }>('MATCH (a:Advisory)-[:ADVISES]->(v:Vulnerability) WHERE v.key = $v OR v.key = $r RETURN a.key AS k', { v: 'CVE-2023-45288', r: 'RHSA-2024:4546' });
      assert.deepEqual(advises.map((x) => x.k).sort(), ['csaf:https://www.redhat.com:RHSA-2024:4546', 'osv:RHSA-2024:4546']);
      const onGitLfs = await g.store.read<{ k: string }>('MATCH (a:Advisory)-[:AFFECTS_PACKAGE]->(p:Package {key: $p}) RETURN DISTINCT a.key AS k', { p: 'pkg:rpm/redhat/git-lfs' });
      assert.deepEqual(onGitLfs.map((x) => x.k).sort(), ['csaf:https://www.redhat.com:RHSA-2024:4546', 'osv:RHSA-2024:4546']);
      // Log4Shell: one CSAF VEX and one CycloneDX VEX statement about it.
      const log4shell = await g.store.read<{ s: string }>('MATCH (s:VexStatement)-[:VEX_ABOUT]->(v:Vulnerability {key: $v}) RETURN s.status AS s', { v: 'CVE-2021-44228' });
      assert.deepEqual(log4shell.map((x) => x.s).sort(), ['affected', 'not_affected']);
    });
  });
}
