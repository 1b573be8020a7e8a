import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { csafParser, parseCsaf } from '../../../ingestors/csaf/csaf.js';
import { decodeRule } from '../../../schema/vulnerability/affected-rule.js';
import { IngestError } from '../../../ingestors/parser.js';
import type { EdgeRecord, OntologyBatch } from '../../../schema/ontology/batch.js';
import type { VexStatementNode } from '../../../schema/ontology/nodes.js';
import { documentInput } from '../../support/parse.js';

type Json = Record<string, unknown>;
const parse = (doc: unknown): OntologyBatch => parseCsaf(documentInput(doc));
const affects = (b: OntologyBatch): EdgeRecord[] => b.edges.filter((e) => e.type === 'AFFECTS_PACKAGE');
const statements = (b: OntologyBatch): VexStatementNode[] => b.nodes.filter((n) => n.label === 'VexStatement').map((n) => n.props as VexStatementNode);

function product(id: string, purl?: string, cpe?: string): Json {
  return { name: id, product_id: id, ...(purl || cpe ? { product_identification_helper: { ...(purl ? { purl } : {}), ...(cpe ? { cpe } : {}) } } : {}) };
}

function csaf(opts: { category?: string; branches?: Json[]; relationships?: Json[]; groups?: Json[]; vulnerabilities: Json[] }): Json {
  return {
    document: {
      category: opts.category ?? 'csaf_security_advisory',
      csaf_version: '2.0',
      publisher: { category: 'vendor', name: 'Example PSIRT', namespace: 'https://psirt.example.com' },
      title: 'Example advisory',
      aggregate_severity: { text: 'Important' },
      tracking: {
        id: 'EX-2024-001', status: 'final', version: '1', initial_release_date: '2024-01-01T00:00:00Z', current_release_date: '2024-02-01T00:00:00Z',
        revision_history: [{ date: '2024-01-01T00:00:00Z', number: '1', summary: 'init' }],
      },
    },
    product_tree: { branches: opts.branches ?? [], relationships: opts.relationships ?? [], ...(opts.groups ? { product_groups: opts.groups } : {}) },
    vulnerabilities: opts.vulnerabilities,
  };
}

/** vendor → product_name → product_version → product, plus a platform with a CPE. */
function rpmTree(): Json[] {
  return [{
    category: 'vendor', name: 'Example',
    branches: [
      { category: 'product_family', name: 'Example Linux', branches: [{ category: 'product_name', name: 'Example Linux 9', product: product('EL9', undefined, 'cpe:/o:example:linux:9') }] },
      {
        category: 'architecture', name: 'x86_64',
        branches: [
          { category: 'product_version', name: 'libx-1.0-1.x86_64', product: product('libx-1.0-1.x86_64', 'pkg:rpm/example/libx@1.0-1?arch=x86_64') },
          { category: 'product_version', name: 'libx-1.0-2.x86_64', product: product('libx-1.0-2.x86_64', 'pkg:rpm/example/libx@1.0-2?arch=x86_64&epoch=1') },
          { category: 'product_version', name: 'liby-2.0-1.x86_64', product: product('liby-2.0-1.x86_64', 'pkg:rpm/example/liby@2.0-1?arch=x86_64') },
        ],
      },
      { category: 'architecture', name: 'src', branches: [{ category: 'product_version', name: 'libx-1.0-2.src', product: product('libx-1.0-2.src', 'pkg:rpm/example/libx@1.0-2?arch=src&epoch=1') }] },
    ],
  }];
}

const rel = (component: string, platform = 'EL9'): Json => ({
  category: 'default_component_of',
  full_product_name: { name: `${component} as a component of ${platform}`, product_id: `${platform}:${component}` },
  product_reference: component,
  relates_to_product_reference: platform,
});

describe('CSAF ingestor', () => {
  test('product tree nesting + relationships: products resolve to their component purls; one exact rule per package and status', () => {
    const b = parse(csaf({
      branches: rpmTree(),
      relationships: ['libx-1.0-1.x86_64', 'libx-1.0-2.x86_64', 'libx-1.0-2.src', 'liby-2.0-1.x86_64'].map((c) => rel(c)),
      vulnerabilities: [{
        cve: 'cve-2024-0001',
        ids: [{ system_name: 'GHSA', text: 'GHSA-aaaa-bbbb-cccc' }, { system_name: 'Bugzilla', text: '2268273' }],
        product_status: {
          known_affected: ['EL9:libx-1.0-1.x86_64'],
          fixed: ['EL9:libx-1.0-2.x86_64', 'EL9:libx-1.0-2.src'],
          known_not_affected: ['EL9:liby-2.0-1.x86_64'],
        },
        flags: [{ label: 'vulnerable_code_not_present', product_ids: ['EL9:liby-2.0-1.x86_64'], date: '2024-01-15T00:00:00Z' }],
        scores: [{ cvss_v3: { version: '3.1', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', baseScore: 7.5, baseSeverity: 'HIGH' }, products: ['EL9:libx-1.0-1.x86_64'] }],
        remediations: [{ category: 'vendor_fix', details: 'update to 1.0-2', url: 'https://example.com/errata', product_ids: ['EL9:libx-1.0-1.x86_64'] }],
      }],
    }));
    assert.equal(b.document.kind, 'advisory');
    assert.equal(b.document.format, 'csaf');
    const adv = b.nodes.find((n) => n.label === 'Advisory')!.props as unknown as Record<string, string>;
    assert.equal(adv.key, 'csaf:https://psirt.example.com:EX-2024-001');
    assert.equal(adv.source, 'Example PSIRT');
    assert.equal(adv.modified, '2024-02-01T00:00:00Z');
    const sev = JSON.parse(adv.severity!) as { scores: Json[]; rating: string; remediations: Json[] };
    assert.equal(sev.rating, 'Important');
    assert.deepEqual(sev.scores, [{ type: 'CVSS_V3', vulnerability: 'CVE-2024-0001', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', baseScore: 7.5, rating: 'HIGH', source: '1 products' }]);
    assert.deepEqual(sev.remediations, [{ vulnerability: 'CVE-2024-0001', category: 'vendor_fix', productCount: 1, details: 'update to 1.0-2', url: 'https://example.com/errata' }]);
    assert.deepEqual(b.edges.filter((e) => e.type === 'ALIAS_OF').map((e) => `${e.from.key}->${e.to.key}`), ['CVE-2024-0001->GHSA-aaaa-bbbb-cccc'], 'bug numbers are not vulnerability ids');

    const rules = affects(b).map((e) => ({ pkg: e.to.key, vuln: e.props.vulnerability, eco: e.props.ecosystem, rule: decodeRule(String(e.props.rule)) }));
    assert.deepEqual(rules, [
      { pkg: 'pkg:rpm/example/libx', vuln: 'CVE-2024-0001', eco: 'rpm', rule: { v: 1, kind: 'exact', status: 'affected', purl: 'pkg:rpm/example/libx', versions: ['1.0-1'], purls: ['pkg:rpm/example/libx@1.0-1?arch=x86_64'], platforms: ['cpe:/o:example:linux:9'] } },
      { pkg: 'pkg:rpm/example/libx', vuln: 'CVE-2024-0001', eco: 'rpm', rule: { v: 1, kind: 'exact', status: 'fixed', purl: 'pkg:rpm/example/libx', versions: ['1.0-2'], purls: ['pkg:rpm/example/libx@1.0-2?arch=src&epoch=1', 'pkg:rpm/example/libx@1.0-2?arch=x86_64&epoch=1'], platforms: ['cpe:/o:example:linux:9'] } },
      { pkg: 'pkg:rpm/example/liby', vuln: 'CVE-2024-0001', eco: 'rpm', rule: { v: 1, kind: 'exact', status: 'not_affected', purl: 'pkg:rpm/example/liby', versions: ['2.0-1'], purls: ['pkg:rpm/example/liby@2.0-1?arch=x86_64'], platforms: ['cpe:/o:example:linux:9'] } },
    ]);
    assert.equal(b.document.componentCount, 3);

    // known_not_affected is a VEX statement even in a security advisory; with its flag's justification.
    const vex = statements(b);
    assert.equal(vex.length, 1);
    assert.equal(vex[0]!.status, 'not_affected');
    assert.equal(vex[0]!.justification, 'vulnerable_code_not_present');
    assert.equal(vex[0]!.timestamp, '2024-01-15T00:00:00Z');
    assert.deepEqual(b.edges.filter((e) => e.type === 'VEX_APPLIES_TO').map((e) => e.to.key), ['pkg:rpm/example/liby@2.0-1?arch=x86_64']);
    assert.deepEqual(b.edges.filter((e) => e.type === 'VEX_ABOUT').map((e) => e.to.key).sort(), ['CVE-2024-0001', 'GHSA-aaaa-bbbb-cccc']);
    assert.deepEqual(b.warnings, []);
  });

  test('deeply nested branches are walked without recursion', () => {
    // Built as text: JSON.stringify itself would recurse this deep.
    const depth = 20_000;
    const leaf = JSON.stringify({ category: 'product_version', name: '1.0', product: product('DEEP', 'pkg:npm/deep@1.0.0') });
    const tree = '{"category":"product_family","name":"level","branches":['.repeat(depth) + leaf + ']}'.repeat(depth);
    const doc = JSON.stringify(csaf({ vulnerabilities: [{ cve: 'CVE-2024-0002', product_status: { known_affected: ['DEEP'] } }] })).replace('"branches":[]', `"branches":[${tree}]`);
    // Far past SUPPLYGRAPH_MAX_NESTING_DEPTH's default: the walk must not recurse whatever the limit is set to.
    const b = parseCsaf(documentInput(doc, {}, { maxNestingDepth: 100_000 }));
    assert.deepEqual(affects(b).map((e) => e.to.key), ['pkg:npm/deep']);
  });

  test('the VEX profile: every status is a statement; product groups, threats and remediations fill it; products without purl get a synthetic version', () => {
    const b = parse(csaf({
      category: 'csaf_vex',
      branches: [{
        category: 'vendor', name: 'Example Company',
        branches: [{
          category: 'product_name', name: 'ABC',
          branches: [
            { category: 'product_version', name: '4.2', product: product('CSAFPID-0001') },
            { category: 'product_version', name: '4.3', product: product('CSAFPID-0002', 'pkg:generic/example/abc@4.3') },
            { category: 'product_version', name: '5.0', product: product('CSAFPID-0003', 'pkg:generic/example/abc@5.0') },
          ],
        }],
      }],
      groups: [{ group_id: 'CSAFGID-1', product_ids: ['CSAFPID-0001', 'CSAFPID-0002'] }],
      vulnerabilities: [{
        cve: 'CVE-2021-44228',
        product_status: { known_not_affected: ['CSAFPID-0001', 'CSAFPID-0002'], known_affected: ['CSAFPID-0003'], under_investigation: ['CSAFPID-9999'] },
        flags: [{ label: 'component_not_present', group_ids: ['CSAFGID-1'] }],
        threats: [{ category: 'impact', details: 'log4j is not shipped', group_ids: ['CSAFGID-1'] }],
        remediations: [{ category: 'vendor_fix', details: 'update to 5.1', product_ids: ['CSAFPID-0003'] }],
      }],
    }));
    assert.equal(b.document.kind, 'vex');
    const vex = statements(b).sort((x, y) => x.key.localeCompare(y.key));
    assert.deepEqual(vex.map((s) => [s.key.split('#')[1], s.status, s.justification, s.impactStatement, s.actionStatement]), [
      ['0/CSAFPID-0001', 'not_affected', 'component_not_present', 'log4j is not shipped', null],
      ['0/CSAFPID-0002', 'not_affected', 'component_not_present', 'log4j is not shipped', null],
      ['0/CSAFPID-0003', 'affected', null, null, 'vendor_fix: update to 5.1'],
    ]);
    assert.equal(b.document.componentCount, 3, 'a VEX document counts its statements');
    const targets = b.edges.filter((e) => e.type === 'VEX_APPLIES_TO').map((e) => e.to.key).sort();
    assert.deepEqual(targets, ['pkg:generic/Example%20Company/ABC@4.2', 'pkg:generic/example/abc@4.3', 'pkg:generic/example/abc@5.0']);
    const synthetic = b.nodes.find((n) => n.label === 'PackageVersion' && n.props.key === 'pkg:generic/Example%20Company/ABC@4.2')!.props as { synthetic: boolean };
    assert.equal(synthetic.synthetic, true);
    assert.deepEqual(b.warnings.map((w) => w.code).sort(), ['NO_PURL_FOR_PRODUCT', 'UNKNOWN_PRODUCT_ID']);
  });

  test('first_fixed / last_affected / recommended keep the source word', () => {
    const b = parse(csaf({
      branches: [{ category: 'product_version', name: '1', product: product('P1', 'pkg:npm/a@1.0.0') }, { category: 'product_version', name: '2', product: product('P2', 'pkg:npm/a@2.0.0') }],
      vulnerabilities: [{ cve: 'CVE-2024-0003', product_status: { last_affected: ['P1'], first_fixed: ['P2'], recommended: ['P2'] } }],
    }));
    const rules = affects(b).map((e) => decodeRule(String(e.props.rule))).map((r) => [r.status, r.kind === 'exact' ? r.sourceStatus : null, r.kind === 'exact' ? r.versions : null]);
    assert.deepEqual(rules, [['affected', 'last_affected', ['1.0.0']], ['fixed', 'first_fixed', ['2.0.0']], ['not_affected', 'recommended', ['2.0.0']]]);
  });

  test('a versionless purl under a product_version_range branch becomes a vers rule; a versionless purl elsewhere is no rule', () => {
    const b = parse(csaf({
      branches: [{
        category: 'vendor', name: 'Acme',
        branches: [{
          category: 'product_name', name: 'widget',
          branches: [
            { category: 'product_version_range', name: 'vers:npm/>=1.0.0|<1.4.2', product: product('R1', 'pkg:npm/widget') },
            { category: 'product_version', name: 'any', product: product('R2', 'pkg:npm/gadget') },
          ],
        }],
      }],
      vulnerabilities: [{ cve: 'CVE-2024-0004', product_status: { known_affected: ['R1', 'R2'] } }],
    }));
    assert.deepEqual(affects(b).map((e) => [e.to.key, decodeRule(String(e.props.rule))]), [
      ['pkg:npm/widget', { v: 1, kind: 'vers', status: 'affected', purl: 'pkg:npm/widget', vers: 'vers:npm/>=1.0.0|<1.4.2' }],
    ]);
    assert.deepEqual(b.warnings.map((w) => w.code), ['NO_PURL_FOR_PRODUCT']);
  });

  test('invalid documents fail with INVALID_DOCUMENT and a JSON pointer', () => {
    const good = csaf({ vulnerabilities: [] }) as { document: Json };
    const without = (path: string[]): Json => {
      const copy = structuredClone(good) as Json;
      let o = copy;
      for (const p of path.slice(0, -1)) o = o[p] as Json;
      delete o[path[path.length - 1]!];
      return copy;
    };
    const cases: Array<[Json, string]> = [
      [without(['document']), '/document'],
      [without(['document', 'category']), '/document/category'],
      [without(['document', 'publisher', 'namespace']), '/document/publisher/namespace'],
      [without(['document', 'tracking', 'id']), '/document/tracking/id'],
      [{ ...good, vulnerabilities: {} }, '/vulnerabilities'],
      [{ ...good, vulnerabilities: [1] }, '/vulnerabilities/0'],
    ];
    for (const [doc, at] of cases) {
      assert.throws(() => parse(doc), (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT' && e.at === at, at);
    }
    assert.ok(csafParser.detect(documentInput(good)));
    assert.ok(!csafParser.detect(documentInput({ document: { title: 'x' } })));
  });
});
