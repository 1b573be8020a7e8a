/**
 * CycloneDX XML `<vulnerabilities>` (VEX/VDR) are read like their JSON
 * counterparts: a BOM with an inventory keeps both kinds of facts, a BOM with
 * only VEX becomes a `vex` Document, and the same document in XML and in JSON
 * gives the same batch. Fixtures: the CycloneDX specification's own
 * valid-vulnerability-1.4.xml, and the VEX Apache Commons Text publishes in XML
 * (test/fixtures/PROVENANCE.md).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCycloneDxJson } from '../../../ingestors/cyclonedx/json.js';
import { cycloneDxXmlParser, parseCycloneDxXml } from '../../../ingestors/cyclonedx/xml.js';
import { xmlPosition } from '../../../ingestors/cyclonedx/xml-vulnerabilities.js';
import { cycloneDxVexParser, parseCycloneDxVex } from '../../../ingestors/cyclonedx-vex/vex.js';
import { IngestError } from '../../../ingestors/parser.js';
import { parserFor } from '../../../ingestors/registry.js';
import type { OntologyBatch } from '../../../schema/ontology/batch.js';
import type { VexStatementNode } from '../../../schema/ontology/nodes.js';
import { decodeRule } from '../../../schema/vulnerability/affected-rule.js';
import { fixturePath } from '../../support/fixtures.js';
import { documentInput } from '../../support/parse.js';

const SPEC_XML = readFileSync(fixturePath('cyclonedx-spec', 'valid-vulnerability-1.4.xml'));
const COMMONS_TEXT_XML = readFileSync(fixturePath('advisories', 'cyclonedx-vex', 'commons-text-VEX.cyclonedx.xml'));

const JACKSON = 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.4';
const SNYK_ID = 'SNYK-JAVA-COMFASTERXMLJACKSONCORE-32111';
const NVD_SOURCE = { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2019-9997' };

/**
 * valid-vulnerability-1.4.xml written out as CycloneDX JSON, by hand, element for
 * element: the specification's own valid-vulnerability-1.4.json is an older,
 * different example (another affects ref, versions in the pre-1.4 form), so it is
 * not a twin of the XML.
 */
const SPEC_JSON_TWIN = {
  bomFormat: 'CycloneDX',
  specVersion: '1.4',
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  version: 1,
  components: [{ type: 'library', 'bom-ref': JACKSON, group: 'com.fasterxml.jackson.core', name: 'jackson-databind', version: '2.9.4', purl: JACKSON }],
  vulnerabilities: [{
    'bom-ref': '6eee14da-8f42-4cc4-bb65-203235f02415',
    id: SNYK_ID,
    source: { name: 'Snyk', url: `https://snyk.io/vuln/${SNYK_ID}` },
    references: [{ id: 'CVE-2018-7489', source: NVD_SOURCE }, { id: 'CVE-2018-7489', source: NVD_SOURCE }],
    ratings: [{
      source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln-metrics/cvss/v3-calculator?vector=AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H&version=3.0' },
      score: 9.8,
      severity: 'critical',
      method: 'CVSSv3',
      vector: 'AN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      justification: 'An optional reason for rating the vulnerability as it was',
    }],
    cwes: [184, 502],
    description: 'FasterXML jackson-databind before 2.7.9.3, 2.8.x before 2.8.11.1 and 2.9.x before 2.9.5 allows unauthenticated remote code execution ' +
      'because of an incomplete fix for the CVE-2017-7525 deserialization flaw. This is exploitable by sending maliciously crafted JSON input to the ' +
      'readValue method of the ObjectMapper, bypassing a blacklist that is ineffective if the c3p0 libraries are available in the classpath.',
    detail: '',
    recommendation: 'Upgrade com.fasterxml.jackson.core:jackson-databind to version 2.6.7.5, 2.8.11.1, 2.9.5 or higher.',
    advisories: [
      { title: 'GitHub Commit', url: 'https://github.com/FasterXML/jackson-databind/commit/6799f8f10cc78e9af6d443ed6982d00a13f2e7d2' },
      { title: 'GitHub Issue', url: 'https://github.com/FasterXML/jackson-databind/issues/1931' },
    ],
    created: '2021-01-01T00:00:00.000Z',
    published: '2021-01-01T00:00:00.000Z',
    updated: '2021-01-01T00:00:00.000Z',
    credits: {
      organizations: [{ name: 'Acme, Inc.', url: 'https://example.com' }],
      individuals: [{ name: 'Jane Doe', email: 'jane.doe@example.com' }],
    },
    tools: [{ vendor: 'Snyk', name: 'Snyk CLI (Linux)', version: '1.729.0', hashes: [{ alg: 'SHA-256', content: '2eaf8c62831a1658c95d41fdc683cd177c147733c64a93e59cb2362829e45b7d' }] }],
    analysis: {
      state: 'not_affected',
      justification: 'code_not_reachable',
      response: ['will_not_fix', 'update'],
      detail: 'An optional explanation of why the application is not affected by the vulnerable component.',
    },
    affects: [{
      ref: JACKSON,
      versions: [
        { range: 'vers:semver/<2.6.7.5', status: 'affected' },
        { range: 'vers:semver/2.7.0|<2.8.11.1', status: 'affected' },
        { range: 'vers:semver/2.9.0|<2.9.5', status: 'affected' },
      ],
    }],
    properties: [{ name: 'Foo', value: 'Bar' }, { name: 'Foo', value: 'You' }, { name: 'Foo', value: 'Two' }, { name: 'Bar', value: 'Foo' }],
  }],
};

const COMMONS_TEXT_DETAIL = [
  'CVE-2025-48924 is exploitable in Apache Commons Text versions 1.5 and later, but only when all the following conditions are met:',
  '',
  '* The consuming project includes a vulnerable version of Commons Text on the classpath.',
  '  As of version `1.14.1`, Commons Text no longer references a vulnerable version of the `commons-lang3` library in its POM file.',
  '* Unvalidated or unsanitized user input is passed to the `StringSubstitutor` or `StringLookup` classes.',
  '* An interpolator lookup created via `StringLookupFactory.interpolatorLookup()` is used.',
  '',
  'If these conditions are satisfied, an attacker may cause an infinite loop by submitting a specially crafted input such as `${const:...}`.',
].join('\n');

/**
 * commons-text-VEX.cyclonedx.xml as CycloneDX JSON, by hand (Apache publishes it
 * in XML only). The manufacturer and the annotation, which neither reading maps,
 * are left out.
 */
const COMMONS_TEXT_JSON_TWIN = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  serialNumber: 'urn:uuid:9d64577b-0376-4ee7-b154-5ec26a1803f4',
  version: 2,
  metadata: {
    timestamp: '2025-07-29T12:26:42Z',
    component: {
      type: 'library', 'bom-ref': 'main_component', group: 'org.apache.commons', name: 'commons-text',
      cpe: 'cpe:2.3:a:apache:commons_text:*:*:*:*:*:*:*:*', purl: 'pkg:maven/org.apache.commons/commons-text?type=jar',
    },
  },
  vulnerabilities: [{
    id: 'CVE-2025-48924',
    source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-48924' },
    references: [{ id: 'GHSA-j288-q9x7-2f5v', source: { url: 'https://github.com/advisories/GHSA-j288-q9x7-2f5v' } }],
    analysis: { state: 'exploitable', response: ['update'], detail: COMMONS_TEXT_DETAIL, firstIssued: '2025-07-29T12:26:42Z', lastUpdated: '2025-07-29T12:26:42Z' },
    affects: [{ ref: 'main_component', versions: [{ range: 'vers:maven/>=1.5|<2', status: 'affected' }] }],
  }],
};

const statements = (b: OntologyBatch): VexStatementNode[] => b.nodes.filter((n) => n.label === 'VexStatement').map((n) => n.props as VexStatementNode);
const edges = (b: OntologyBatch, type: string): string[] => {
  const doc = (k: string): string => k.replaceAll(b.document.key, 'DOC');
  return b.edges.filter((e) => e.type === type).map((e) => `${doc(e.from.key)} -> ${doc(e.to.key)}`).sort();
};
const rules = (b: OntologyBatch): unknown[] => b.edges.filter((e) => e.type === 'AFFECTS_PACKAGE').map((e) => [e.to.key, e.props.vulnerability, decodeRule(String(e.props.rule))]);
const warnings = (b: OntologyBatch): string[][] => b.warnings.map((w) => [w.code, w.at ?? '']);

/** Everything that depends on the bytes (document key and hash, size, syntax) taken out. */
function normalized(b: OntologyBatch): { document: Record<string, unknown>; nodes: string[]; edges: string[]; warnings: string[] } {
  const strip = (s: string): string => s.replaceAll(b.document.key, 'DOC').replaceAll(b.document.sha256, 'SHA');
  const { key: _k, sha256: _s, format: _f, byteSize: _b, ...document } = b.document;
  return {
    document,
    nodes: b.nodes.map((n) => strip(JSON.stringify(n))).sort(),
    edges: b.edges.map((e) => strip(JSON.stringify(e))).sort(),
    // Positions differ by design (JSON pointer / XPath); what was found does not.
    warnings: b.warnings.map((w) => `${w.code}: ${w.message}`).sort(),
  };
}

const bom = (body: string, components = '<components><component type="library" bom-ref="lib"><name>lib</name><version>1.0.0</version><purl>pkg:npm/lib@1.0.0</purl></component></components>'): string =>
  `<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5" serialNumber="urn:uuid:11111111-2222-3333-4444-555555555555" version="1">${components}${body}</bom>`;

describe('CycloneDX XML vulnerabilities', () => {
  test('the specification example: inventory and VEX facts from one XML parse', async () => {
    const input = documentInput(SPEC_XML);
    const parser = parserFor(input);
    assert.equal(parser.format, 'cyclonedx-xml');
    const b = await parser.parse(input);
    assert.equal(b.document.kind, 'sbom');
    assert.equal(b.document.format, 'cyclonedx-xml');
    assert.equal(b.document.componentCount, 1);
    assert.deepEqual(b.warnings, []);
    // The component is listed once, by the inventory; the VEX reading adds what it alone lists.
    assert.deepEqual(b.edges.filter((e) => e.type === 'LISTS').map((e) => `${e.to.label} ${e.to.key}`).sort(), [
      `Advisory cyclonedx:3e671687-395b-41f5-a30f-a58921a69b79:${SNYK_ID}`,
      `PackageVersion ${JACKSON}`,
      `VexStatement ${b.document.key}#0/0`,
      'Vulnerability CVE-2018-7489',
      `Vulnerability ${SNYK_ID}`,
    ]);

    const [s, ...more] = statements(b);
    assert.equal(more.length, 0);
    assert.deepEqual([s!.status, s!.justification, s!.impactStatement, s!.actionStatement, s!.timestamp], [
      'not_affected', 'code_not_reachable', 'An optional explanation of why the application is not affected by the vulnerable component.',
      'response: will_not_fix, update\nUpgrade com.fasterxml.jackson.core:jackson-databind to version 2.6.7.5, 2.8.11.1, 2.9.5 or higher.',
      '2021-01-01T00:00:00.000Z',
    ]);
    assert.deepEqual(edges(b, 'VEX_APPLIES_TO'), [`DOC#0/0 -> ${JACKSON}`]);
    assert.deepEqual(edges(b, 'VEX_ABOUT'), ['DOC#0/0 -> CVE-2018-7489', `DOC#0/0 -> ${SNYK_ID}`]);
    assert.deepEqual(edges(b, 'ALIAS_OF'), [`${SNYK_ID} -> CVE-2018-7489`], 'the repeated reference is one alias');

    const adv = b.nodes.find((n) => n.label === 'Advisory')!.props as unknown as Record<string, string | null>;
    assert.equal(adv.source, 'Snyk');
    assert.equal(adv.published, '2021-01-01T00:00:00.000Z');
    assert.deepEqual(JSON.parse(adv.severity!), {
      scores: [{ type: 'CVSSv3', vector: 'AN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, rating: 'critical', source: 'NVD' }],
      rating: 'critical',
    });
    const purl = 'pkg:maven/com.fasterxml.jackson.core/jackson-databind';
    assert.deepEqual(rules(b), ['vers:semver/<2.6.7.5', 'vers:semver/2.7.0|<2.8.11.1', 'vers:semver/2.9.0|<2.9.5']
      .map((vers) => [purl, SNYK_ID, { v: 1, kind: 'vers', status: 'affected', purl, vers }]));
  });

  test('the same BOM in XML and in JSON gives the same batch', () => {
    const fromXml = parseCycloneDxXml(documentInput(SPEC_XML));
    const fromJson = parseCycloneDxJson(documentInput(SPEC_JSON_TWIN));
    assert.equal(fromJson.document.format, 'cyclonedx-json');
    const x = normalized(fromXml);
    const j = normalized(fromJson);
    assert.deepEqual(x.document, j.document);
    assert.deepEqual(x.nodes, j.nodes);
    assert.deepEqual(x.edges, j.edges);
    assert.deepEqual(x.warnings, j.warnings);
    assert.ok(x.nodes.some((n) => n.includes('"VexStatement"')) && x.edges.some((e) => e.includes('"AFFECTS_PACKAGE"')), 'the comparison covers the VEX facts');
  });

  test('a VEX-only XML document (Apache Commons Text) is read as VEX, the same as its JSON rendering', async () => {
    const input = documentInput(COMMONS_TEXT_XML);
    assert.equal(cycloneDxVexParser.detect(input), false, 'cyclonedx-vex reads JSON only');
    const parser = parserFor(input);
    assert.equal(parser, cycloneDxXmlParser, 'one parser for CycloneDX XML, whatever it carries');
    const b = await parser.parse(input);
    assert.equal(b.document.kind, 'vex');
    assert.equal(b.document.format, 'cyclonedx-xml');
    assert.deepEqual([b.document.specVersion, b.document.name, b.document.serialNumber, b.document.bomVersion, b.document.createdAt, b.document.componentCount],
      ['1.6', 'org.apache.commons commons-text', 'urn:uuid:9d64577b-0376-4ee7-b154-5ec26a1803f4', 2, '2025-07-29T12:26:42Z', 1]);
    assert.deepEqual(b.warnings, []);

    const subject = 'pkg:maven/org.apache.commons/commons-text?type=jar';
    const [s] = statements(b);
    assert.deepEqual([s!.status, s!.justification, s!.actionStatement, s!.timestamp], ['affected', null, 'response: update', '2025-07-29T12:26:42Z']);
    assert.equal(s!.impactStatement, COMMONS_TEXT_DETAIL, 'multi-line detail kept, surrounding whitespace trimmed');
    assert.deepEqual(edges(b, 'DESCRIBES'), [`DOC -> ${subject}`]);
    assert.deepEqual(edges(b, 'VEX_APPLIES_TO'), [`DOC#0/0 -> ${subject}`]);
    assert.deepEqual(edges(b, 'ALIAS_OF'), ['CVE-2025-48924 -> GHSA-j288-q9x7-2f5v']);
    // The range is CDATA in the XML.
    assert.deepEqual(rules(b), [['pkg:maven/org.apache.commons/commons-text', 'CVE-2025-48924',
      { v: 1, kind: 'vers', status: 'affected', purl: subject, vers: 'vers:maven/>=1.5|<2' }]]);

    const fromJson = parseCycloneDxVex(documentInput(COMMONS_TEXT_JSON_TWIN));
    assert.equal(fromJson.document.format, 'cyclonedx-vex');
    assert.deepEqual(normalized(b), normalized(fromJson));
  });

  test('VEX-only is decided as for JSON: no inventory, and analysis or affects', () => {
    const vuln = '<vulnerabilities><vulnerability><id>CVE-2024-1</id><analysis><state>in_triage</state></analysis><affects><target><ref>pkg:npm/lib@1.0.0</ref></target></affects></vulnerability></vulnerabilities>';
    assert.equal(parseCycloneDxXml(documentInput(bom(vuln, ''))).document.kind, 'vex');
    assert.equal(parseCycloneDxXml(documentInput(bom(vuln, '<components/>'))).document.kind, 'vex');
    const withInventory = parseCycloneDxXml(documentInput(bom(vuln)));
    assert.equal(withInventory.document.kind, 'sbom');
    assert.deepEqual(statements(withInventory).map((s) => s.status), ['under_investigation']);
    // Only ratings: nothing is asserted about a product, so it stays an SBOM (an empty one), with the rating kept.
    const rated = parseCycloneDxXml(documentInput(bom('<vulnerabilities><vulnerability><id>CVE-2024-2</id><ratings><rating><score>5.0</score><severity>medium</severity><method>CVSSv31</method></rating></ratings></vulnerability></vulnerabilities>', '')));
    assert.equal(rated.document.kind, 'sbom');
    assert.equal(JSON.parse(String(rated.nodes.find((n) => n.label === 'Advisory')!.props.severity)).rating, 'medium');
    // An empty <vulnerabilities/> says nothing.
    assert.deepEqual(parseCycloneDxXml(documentInput(bom('<vulnerabilities/>'))).nodes.filter((n) => n.label === 'Vulnerability'), []);
  });

  test('forcing cyclonedx-vex on XML names the parser that reads it', () => {
    assert.throws(() => parserFor(documentInput(COMMONS_TEXT_XML, { format: 'cyclonedx-vex' })).parse(documentInput(COMMONS_TEXT_XML, { format: 'cyclonedx-vex' })),
      (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT' && /read by cyclonedx-xml/.test(e.message));
  });

  test('malformed <vulnerabilities> fail with INVALID_DOCUMENT and an XPath', () => {
    const fails = (xml: string, at: string, message: RegExp): void => {
      assert.throws(() => parseCycloneDxXml(documentInput(xml)), (e: unknown) => {
        assert.ok(e instanceof IngestError, String(e));
        assert.equal(e.code, 'INVALID_DOCUMENT');
        assert.equal(e.at, at);
        assert.match(e.message, message);
        return true;
      });
    };
    fails(bom('<vulnerabilities>CVE-2024-1</vulnerabilities>'), '/bom/vulnerabilities', /must hold <vulnerability> elements, not text/);
    fails(bom('<vulnerabilities/><vulnerabilities><vulnerability><id>CVE-2024-1</id></vulnerability></vulnerabilities>'), '/bom/vulnerabilities[2]', /more than one <vulnerabilities>/);
    fails(bom('<vulnerabilities><vulnerability><id>CVE-2024-1</id></vulnerability><vulnerability bom-ref="v2">CVE-2024-2</vulnerability></vulnerabilities>'),
      '/bom/vulnerabilities/vulnerability[2]', /a <vulnerability> must hold elements/);
    // The JSON equivalents fail the same way.
    assert.throws(() => parseCycloneDxVex(documentInput({ bomFormat: 'CycloneDX', specVersion: '1.5', vulnerabilities: [{ id: 'CVE-2024-1' }, 'CVE-2024-2'] })),
      (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT' && e.at === '/vulnerabilities/1');
  });

  test('malformed vulnerability entries are warnings placed by XPath, as vex.ts places them by JSON pointer', () => {
    const xml = bom(`<vulnerabilities>
      <vulnerability><source><name>NVD</name></source><analysis><state>exploitable</state></analysis></vulnerability>
      <vuln><id>CVE-2024-0</id></vuln>
      <vulnerability><id>CVE-2024-1</id><analysis><state>maybe</state></analysis><affects><target><ref>lib</ref></target></affects></vulnerability>
      <vulnerability><id>CVE-2024-2</id>
        <ratings><rating><score>high</score><severity>high</severity></rating></ratings>
        <analysis><state>not_affected</state></analysis>
        <affects>
          <target><ref>lib</ref><versions><version><range>1.0 - 2.0</range></version><version><version>1.0.0</version><status>broken</status></version></versions></target>
          <target><versions/></target>
          <target><ref>nowhere</ref></target>
          <ref>lib</ref>
        </affects>
      </vulnerability>
    </vulnerabilities>`);
    const b = parseCycloneDxXml(documentInput(xml));
    const v = (i: number): string => `/bom/vulnerabilities/vulnerability[${i}]`;
    assert.deepEqual(warnings(b), [
      ['INVALID_VULNERABILITY', '/bom/vulnerabilities/vuln[1]'],
      ['INVALID_SCORE', `${v(3)}/ratings/rating[1]/score`],
      ['INVALID_AFFECTS', `${v(3)}/affects/ref[1]`],
      ['VULNERABILITY_WITHOUT_ID', v(1)],
      ['UNKNOWN_ANALYSIS_STATE', `${v(2)}/analysis/state`],
      ['INVALID_RANGE', `${v(3)}/affects/target[1]/versions/version[1]/range`],
      ['INVALID_STATUS', `${v(3)}/affects/target[1]/versions/version[2]/status`],
      ['INVALID_AFFECTS', `${v(3)}/affects/target[2]`],
      ['DANGLING_REF', `${v(3)}/affects/target[3]`],
    ]);
    assert.equal(b.document.warningCount, b.warnings.length);
    // What was well-formed is still read: the statement about lib, the rating without its score.
    assert.deepEqual(edges(b, 'VEX_APPLIES_TO'), ['DOC#2/0 -> pkg:npm/lib@1.0.0']);
    const severity = JSON.parse(String(b.nodes.find((n) => n.label === 'Advisory')!.props.severity)) as { scores: unknown[]; rating: string };
    assert.deepEqual(severity, { scores: [{ type: 'other', rating: 'high' }], rating: 'high' });
  });

  test('hostile XML in a VEX document is refused before parsing, as for any CycloneDX XML', () => {
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n${bom('<vulnerabilities><vulnerability><id>&b;</id><analysis><state>in_triage</state></analysis></vulnerability></vulnerabilities>', '').replace(/^<\?xml[^>]*>\n/, '')}`;
    assert.throws(() => parseCycloneDxXml(documentInput(laughs)), (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT' && /DOCTYPE/.test(e.message));
    let deep = '<id>x</id>';
    for (let i = 0; i < 600; i++) deep = `<detail>${deep}</detail>`;
    assert.throws(() => parseCycloneDxXml(documentInput(bom(`<vulnerabilities><vulnerability>${deep}</vulnerability></vulnerabilities>`, ''))),
      (e: unknown) => e instanceof IngestError && e.code === 'DOCUMENT_TOO_COMPLEX');
  });

  test('xmlPosition: JSON pointers into the JSON view become XPaths into the XML', () => {
    assert.equal(xmlPosition('/vulnerabilities/0/affects/1/versions/2/range'), '/bom/vulnerabilities/vulnerability[1]/affects/target[2]/versions/version[3]/range');
    assert.equal(xmlPosition('/vulnerabilities/3/analysis/response/0'), '/bom/vulnerabilities/vulnerability[4]/analysis/responses/response[1]');
    assert.equal(xmlPosition('/components/0/components/2'), '/bom/components/component[1]/components/component[3]');
    assert.equal(xmlPosition('/metadata/component'), '/bom/metadata/component');
    assert.equal(xmlPosition('/vulnerabilities'), '/bom/vulnerabilities');
  });
});
