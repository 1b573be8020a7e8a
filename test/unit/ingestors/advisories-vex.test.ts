import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openVexParser, parseOpenVex } from '../../../ingestors/openvex/openvex.js';
import { cycloneDxVexParser, parseBomLink, parseCycloneDxVex } from '../../../ingestors/cyclonedx-vex/vex.js';
import { cycloneDxJsonParser } from '../../../ingestors/cyclonedx/json.js';
import { decodeRule } from '../../../schema/vulnerability/affected-rule.js';
import { IngestError } from '../../../ingestors/parser.js';
import type { OntologyBatch } from '../../../schema/ontology/batch.js';
import type { VexStatementNode } from '../../../schema/ontology/nodes.js';
import { cyclonedx, npm } from '../../support/sbom-factory.js';
import { documentInput } from '../../support/parse.js';

type Json = Record<string, unknown>;
const statements = (b: OntologyBatch): VexStatementNode[] => b.nodes.filter((n) => n.label === 'VexStatement').map((n) => n.props as VexStatementNode).sort((x, y) => x.key.localeCompare(y.key));
const edges = (b: OntologyBatch, type: string): string[] => {
  const doc = (k: string): string => (k.startsWith(b.document.key) ? `DOC${k.slice(b.document.key.length)}` : k);
  return b.edges.filter((e) => e.type === type).map((e) => `${doc(e.from.key)} -> ${doc(e.to.key)}`).sort();
};

const IMAGE = 'pkg:oci/alpine@sha256%3A124c7d2707904eea7431fffe91522a01e5a861a624ee31d03372cc1d138a3126';
/** The canonical form does not percent-encode ':' in a version. */
const IMAGE_KEY = 'pkg:oci/alpine@sha256:124c7d2707904eea7431fffe91522a01e5a861a624ee31d03372cc1d138a3126';
const DIGEST = `sha256:${'ab'.repeat(32)}`;

function openvex(statementsIn: Json[]): Json {
  return {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://example.com/vex/1',
    author: 'Example <security@example.com>',
    timestamp: '2024-01-01T00:00:00Z',
    version: 2,
    statements: statementsIn,
  };
}

describe('OpenVEX ingestor', () => {
  test('statements → VexStatements with status, justification, statements and timestamps; products and subcomponents', () => {
    const b = parseOpenVex(documentInput(openvex([
      {
        vulnerability: { name: 'CVE-2023-3446', aliases: ['GHSA-aaaa-bbbb-cccc'] },
        products: [{ '@id': IMAGE, subcomponents: [{ '@id': 'pkg:apk/alpine/libssl3@3.0.8-r3' }, { '@id': 'pkg:apk/alpine/libcrypto3@3.0.8-r3' }] }],
        status: 'not_affected', justification: 'vulnerable_code_not_present', impact_statement: 'removed before packaging',
      },
      { vulnerability: { name: 'CVE-2023-1255' }, products: [{ '@id': IMAGE }], status: 'fixed', timestamp: '2024-01-05T00:00:00Z' },
      { vulnerability: { name: 'CVE-2023-9999' }, products: [{ '@id': DIGEST }, { '@id': 'https://example.com/product/1' }], status: 'affected', action_statement: 'upgrade to 2.0' },
      { vulnerability: { name: 'CVE-2023-8888' }, products: [{ identifiers: { purl: 'pkg:npm/left-pad@1.3.0' }, hashes: { 'sha-256': 'cd'.repeat(32) } }], status: 'under_investigation' },
    ])));
    assert.equal(b.document.kind, 'vex');
    assert.equal(b.document.format, 'openvex');
    assert.equal(b.document.specVersion, '0.2.0');
    assert.equal(b.document.name, 'https://example.com/vex/1');
    assert.equal(b.document.bomVersion, 2);
    assert.equal(b.document.componentCount, 4);
    const s = statements(b);
    assert.deepEqual(s.map((x) => [x.key.replace(b.document.key, 'DOC'), x.status, x.justification, x.impactStatement, x.actionStatement, x.timestamp]), [
      ['DOC#0', 'not_affected', 'vulnerable_code_not_present', 'removed before packaging', null, '2024-01-01T00:00:00Z'],
      ['DOC#1', 'fixed', null, null, null, '2024-01-05T00:00:00Z'],
      ['DOC#2', 'affected', null, null, 'upgrade to 2.0', '2024-01-01T00:00:00Z'],
      ['DOC#3', 'under_investigation', null, null, null, '2024-01-01T00:00:00Z'],
    ]);
    assert.deepEqual(edges(b, 'VEX_APPLIES_TO'), [
      `DOC#0 -> ${IMAGE_KEY}`,
      `DOC#1 -> ${IMAGE_KEY}`,
      `DOC#2 -> ${DIGEST}`,
      'DOC#3 -> pkg:npm/left-pad@1.3.0',
    ]);
    assert.deepEqual(edges(b, 'VEX_ABOUT'), ['DOC#0 -> CVE-2023-3446', 'DOC#0 -> GHSA-aaaa-bbbb-cccc', 'DOC#1 -> CVE-2023-1255', 'DOC#2 -> CVE-2023-9999', 'DOC#3 -> CVE-2023-8888']);
    assert.deepEqual(edges(b, 'ALIAS_OF'), ['CVE-2023-3446 -> GHSA-aaaa-bbbb-cccc']);
    // The statement applies to the image; the image contains the subcomponents.
    assert.deepEqual(edges(b, 'CONTAINS'), [`${IMAGE_KEY} -> pkg:apk/alpine/libcrypto3@3.0.8-r3`, `${IMAGE_KEY} -> pkg:apk/alpine/libssl3@3.0.8-r3`]);
    assert.deepEqual(edges(b, 'HAS_DIGEST'), [`pkg:npm/left-pad@1.3.0 -> sha256:${'cd'.repeat(32)}`]);
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [['UNSUPPORTED_PRODUCT_ID', '/statements/2/products/1']]);
  });

  test('the 0.0.x string forms are read', () => {
    const b = parseOpenVex(documentInput({ '@context': 'https://openvex.dev/ns', '@id': 'x', statements: [{ vulnerability: 'CVE-2022-1', products: ['pkg:npm/a@1.0.0'], status: 'not_affected', justification: 'component_not_present' }] }));
    assert.equal(b.document.specVersion, '0.0.1');
    assert.deepEqual(edges(b, 'VEX_APPLIES_TO'), ['DOC#0 -> pkg:npm/a@1.0.0']);
  });

  test('invalid documents fail with INVALID_DOCUMENT and a pointer; detection by @context', () => {
    const cases: Array<[Json, string]> = [
      [{ ...openvex([]), statements: {} }, '/statements'],
      [openvex([{ vulnerability: { name: 'CVE-1' }, products: [], status: 'fine' }]), '/statements/0/status'],
      [openvex([{ vulnerability: {}, products: [], status: 'fixed' }]), '/statements/0/vulnerability'],
    ];
    for (const [doc, at] of cases) {
      assert.throws(() => parseOpenVex(documentInput(doc)), (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT' && e.at === at, at);
    }
    assert.ok(openVexParser.detect(documentInput(openvex([]))));
    assert.ok(!openVexParser.detect(documentInput({ '@context': 'https://in-toto.io/Statement/v1', statements: [] })));
  });
});

function cdxVex(vulns: Json[], extra: Json = {}): Json {
  return { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, vulnerabilities: vulns, ...extra };
}

describe('CycloneDX VEX ingestor', () => {
  test('BOM-Links: a purl bom-ref in another BOM resolves; any other ref is recorded and warned about', () => {
    const link = 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar';
    const opaque = 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#component-42';
    const b = parseCycloneDxVex(documentInput(cdxVex([{
      id: 'CVE-2020-25649',
      source: { name: 'NVD' },
      references: [{ id: 'SNYK-JAVA-COMFASTERXMLJACKSONCORE-1048302', source: { name: 'SNYK' } }],
      analysis: { state: 'not_affected', justification: 'code_not_reachable', response: ['will_not_fix', 'update'], detail: 'not reachable' },
      affects: [{ ref: link }, { ref: opaque }],
    }])));
    assert.equal(b.document.kind, 'vex');
    assert.equal(b.document.format, 'cyclonedx-vex');
    const s = statements(b);
    assert.equal(s.length, 2, 'one statement per affects entry');
    assert.deepEqual([s[0]!.status, s[0]!.justification, s[0]!.impactStatement, s[0]!.actionStatement], ['not_affected', 'code_not_reachable', 'not reachable', 'response: will_not_fix, update']);
    assert.deepEqual(edges(b, 'VEX_APPLIES_TO'), ['DOC#0/0 -> pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar']);
    // The link as written is on the document's LISTS edge to each statement.
    const listed = b.edges.filter((e) => e.type === 'LISTS' && e.to.label === 'VexStatement').map((e) => e.props.ref).sort();
    assert.deepEqual(listed, [link, opaque].sort());
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [['UNRESOLVED_BOM_LINK', '/vulnerabilities/0/affects/1']]);
    assert.deepEqual(edges(b, 'ALIAS_OF'), ['CVE-2020-25649 -> SNYK-JAVA-COMFASTERXMLJACKSONCORE-1048302']);
    assert.deepEqual(parseBomLink(link), { serial: '3e671687-395b-41f5-a30f-a58921a69b79', version: 1, ref: 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar' });
  });

  test('local bom-refs and BOM-Links into this BOM resolve to its components; analysis states map to VEX statuses', () => {
    const serial = '11111111-2222-3333-4444-555555555555';
    const b = parseCycloneDxVex(documentInput(cdxVex([
      { id: 'CVE-2021-44228', analysis: { state: 'exploitable', lastUpdated: '2024-03-01T00:00:00Z' }, recommendation: 'upgrade', affects: [{ ref: 'product-ABC' }] },
      { id: 'CVE-2021-45046', analysis: { state: 'resolved' }, affects: [{ ref: `urn:cdx:${serial}/1#product-ABC` }] },
      { id: 'CVE-2021-45105', analysis: { state: 'in_triage' }, affects: [{ ref: 'nope' }] },
      { id: 'CVE-2021-44832', analysis: { state: 'false_positive' }, affects: [{ ref: 'product-ABC' }] },
    ], {
      serialNumber: `urn:uuid:${serial}`,
      metadata: { timestamp: '2024-01-01T00:00:00Z', component: { type: 'application', name: 'ABC', version: '4.2', 'bom-ref': 'product-ABC', purl: 'pkg:generic/acme/abc@4.2' } },
    })));
    assert.deepEqual(statements(b).map((s) => [s.key.replace(b.document.key, 'DOC'), s.status, s.timestamp]), [
      ['DOC#0/0', 'affected', '2024-03-01T00:00:00Z'],
      ['DOC#1/0', 'fixed', '2024-01-01T00:00:00Z'],
      ['DOC#2/0', 'under_investigation', '2024-01-01T00:00:00Z'],
      ['DOC#3/0', 'not_affected', '2024-01-01T00:00:00Z'],
    ]);
    assert.deepEqual(edges(b, 'VEX_APPLIES_TO'), ['DOC#0/0 -> pkg:generic/acme/abc@4.2', 'DOC#1/0 -> pkg:generic/acme/abc@4.2', 'DOC#3/0 -> pkg:generic/acme/abc@4.2']);
    assert.deepEqual(edges(b, 'DESCRIBES'), ['DOC -> pkg:generic/acme/abc@4.2']);
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [['DANGLING_REF', '/vulnerabilities/2/affects/0']]);
    assert.equal(b.document.serialNumber, `urn:uuid:${serial}`);
    assert.equal(b.document.name, 'ABC 4.2');
    assert.equal(b.document.componentCount, 4);
  });

  test('affects[].versions become rules: range → vers, version → exact', () => {
    const b = parseCycloneDxVex(documentInput(cdxVex([{
      id: 'GHSA-xxxx-yyyy-zzzz',
      ratings: [{ method: 'CVSSv31', score: 7.5, severity: 'high', vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', source: { name: 'NVD' } }],
      affects: [{ ref: 'pkg:npm/lodash@4.17.20', versions: [{ range: 'vers:npm/>=4.0.0|<4.17.21', status: 'affected' }, { version: '4.17.21', status: 'unaffected' }] }],
    }])));
    const rules = b.edges.filter((e) => e.type === 'AFFECTS_PACKAGE').map((e) => [e.to.key, e.props.vulnerability, decodeRule(String(e.props.rule))]);
    assert.deepEqual(rules, [
      ['pkg:npm/lodash', 'GHSA-xxxx-yyyy-zzzz', { v: 1, kind: 'vers', status: 'affected', purl: 'pkg:npm/lodash', vers: 'vers:npm/>=4.0.0|<4.17.21' }],
      ['pkg:npm/lodash', 'GHSA-xxxx-yyyy-zzzz', { v: 1, kind: 'exact', status: 'not_affected', purl: 'pkg:npm/lodash', versions: ['4.17.21'], purls: ['pkg:npm/lodash@4.17.21'] }],
    ]);
    const adv = b.nodes.find((n) => n.label === 'Advisory')!.props as unknown as Record<string, string>;
    assert.deepEqual(JSON.parse(adv.severity!).scores, [{ type: 'CVSSv31', vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', baseScore: 7.5, rating: 'high', source: 'NVD' }]);
    assert.deepEqual(edges(b, 'ADVISES'), [`${adv.key} -> GHSA-xxxx-yyyy-zzzz`]);
    assert.deepEqual(statements(b), [], 'no analysis, no statement');
  });

  test('detection: VEX BOMs only, never an SBOM with components', () => {
    const vex = cdxVex([{ id: 'CVE-1', analysis: { state: 'not_affected' }, affects: [{ ref: 'x' }] }]);
    assert.ok(cycloneDxVexParser.detect(documentInput(vex)));
    assert.ok(cycloneDxVexParser.detect(documentInput({ ...vex, components: [] })));
    const sbom = { ...cyclonedx({ components: [npm('a', '1.0.0')] }), vulnerabilities: [{ id: 'CVE-1', analysis: { state: 'exploitable' }, affects: [{ ref: 'pkg:npm/a@1.0.0' }] }] };
    assert.ok(!cycloneDxVexParser.detect(documentInput(sbom)));
    assert.ok(cycloneDxJsonParser.detect(documentInput(sbom)), 'the SBOM parser takes it');
    assert.ok(!cycloneDxVexParser.detect(documentInput(cyclonedx({ components: [] }))), 'no vulnerabilities');
    assert.ok(!cycloneDxVexParser.detect(documentInput(cdxVex([{ id: 'CVE-1' }]))), 'vulnerabilities without analysis or affects');
    assert.throws(() => parseCycloneDxVex(documentInput({ bomFormat: 'CycloneDX', specVersion: '1.5', vulnerabilities: {} })), (e: unknown) => e instanceof IngestError && e.at === '/vulnerabilities');
    assert.throws(() => parseCycloneDxVex(documentInput({ bomFormat: 'CycloneDX', vulnerabilities: [] })), (e: unknown) => e instanceof IngestError && e.at === '/specVersion');
  });
});
