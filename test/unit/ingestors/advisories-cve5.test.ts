import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cve5Parser, parseCve5 } from '../../../ingestors/cve5/cve5.js';
import { collectionPurl } from '../../../ingestors/cve5/collection-urls.js';
import { decodeRule } from '../../../schema/vulnerability/affected-rule.js';
import { IngestError } from '../../../ingestors/parser.js';
import { formatPurl } from '../../../schema/identity/purl.js';
import type { EdgeRecord, OntologyBatch } from '../../../schema/ontology/batch.js';
import { evaluateCve5Affected } from '../../../services/matching/ranges/index.js';
import { documentInput } from '../../support/parse.js';

type Json = Record<string, unknown>;
const parse = (doc: unknown): OntologyBatch => parseCve5(documentInput(doc));
const affects = (b: OntologyBatch): EdgeRecord[] => b.edges.filter((e) => e.type === 'AFFECTS_PACKAGE');

function record(affected: Json[], extra: { state?: string; cna?: Json; adp?: Json[] } = {}): Json {
  return {
    dataType: 'CVE_RECORD',
    dataVersion: '5.1',
    cveMetadata: {
      cveId: 'CVE-2024-27088', assignerShortName: 'GitHub_M', state: extra.state ?? 'PUBLISHED',
      datePublished: '2024-02-26T16:50:05.714Z', dateUpdated: '2024-03-01T00:00:00.000Z',
      ...(extra.state === 'REJECTED' ? { dateRejected: '2024-04-01T00:00:00.000Z' } : {}),
    },
    containers: {
      cna: {
        providerMetadata: { orgId: 'x', shortName: 'GitHub_M' },
        title: 'es5-ext ReDoS',
        descriptions: [{ lang: 'en', value: 'es5-ext contains ECMAScript 5 extensions.' }],
        affected,
        metrics: [{ cvssV3_1: { version: '3.1', vectorString: 'CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:N/A:N', baseScore: 0, baseSeverity: 'NONE' } }],
        source: { advisory: 'GHSA-4gmj-3p3h-gm8h', discovery: 'UNKNOWN' },
        ...extra.cna,
      },
      ...(extra.adp ? { adp: extra.adp } : {}),
    },
  };
}

describe('CVE JSON 5 ingestor', () => {
  test('collectionURL + packageName → purl; versions with lessThan become a cve5 rule the matcher can evaluate', () => {
    const b = parse(record([{
      vendor: 'medikoo', product: 'es5-ext', collectionURL: 'https://registry.npmjs.org', packageName: 'es5-ext', defaultStatus: 'unaffected',
      versions: [{ version: '0.10.0', lessThan: '0.10.63', status: 'affected', versionType: 'semver' }],
    }]));
    assert.equal(b.document.kind, 'advisory');
    assert.equal(b.document.format, 'cve5');
    assert.equal(b.document.specVersion, '5.1');
    assert.equal(b.document.componentCount, 1);
    const [edge] = affects(b);
    assert.equal(edge!.to.key, 'pkg:npm/es5-ext');
    assert.equal(edge!.props.vulnerability, 'CVE-2024-27088');
    assert.equal(edge!.props.ecosystem, 'npm');
    const rule = decodeRule(String(edge!.props.rule));
    assert.deepEqual(rule, {
      v: 1, kind: 'cve5', status: 'affected', purl: 'pkg:npm/es5-ext', vendor: 'medikoo', product: 'es5-ext', collectionURL: 'https://registry.npmjs.org', packageName: 'es5-ext',
      defaultStatus: 'unaffected', versions: [{ version: '0.10.0', status: 'affected', versionType: 'semver', lessThan: '0.10.63' }],
    });
    if (rule.kind !== 'cve5') return;
    assert.equal(evaluateCve5Affected('0.10.62', rule).status, 'affected');
    assert.equal(evaluateCve5Affected('0.10.63', rule).status, 'not_affected');
    assert.equal(evaluateCve5Affected('0.9.0', rule).status, 'not_affected');

    const adv = b.nodes.find((n) => n.label === 'Advisory')!.props as unknown as Record<string, string>;
    assert.equal(adv.key, 'cve5:CVE-2024-27088');
    assert.equal(adv.source, 'GitHub_M');
    assert.equal(adv.title, 'es5-ext ReDoS');
    assert.equal(adv.withdrawn, null);
    assert.deepEqual(JSON.parse(adv.severity!).scores, [{ type: 'CVSS_V3', source: 'cna:GitHub_M', vector: 'CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:N/A:N', baseScore: 0, rating: 'NONE' }]);
    assert.deepEqual(b.edges.filter((e) => e.type === 'ALIAS_OF').map((e) => `${e.from.key}->${e.to.key}`), ['CVE-2024-27088->GHSA-4gmj-3p3h-gm8h']);
  });

  test('a product with no derivable purl is a warning and no rule; ADP containers are read too', () => {
    const b = parse(record([{ vendor: 'thinkst', product: 'canarytokens', versions: [{ version: '< sha-c595a1f8', status: 'affected' }] }], {
      adp: [{ providerMetadata: { shortName: 'CISA-ADP' }, affected: [{ collectionURL: 'https://pypi.org', packageName: 'Canary_Tokens', versions: [{ version: '1.0', status: 'affected', lessThanOrEqual: '1.4', versionType: 'python' }] }] }],
    }));
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [['NO_PURL_FOR_PRODUCT', '/containers/cna/affected/0']]);
    assert.deepEqual(affects(b).map((e) => e.to.key), ['pkg:pypi/canary-tokens']);
  });

  test('known registries', () => {
    const cases: Array<[string, string, string]> = [
      ['https://repo.maven.apache.org/maven2', 'org.apache.logging.log4j:log4j-core', 'pkg:maven/org.apache.logging.log4j/log4j-core'],
      ['https://pkg.go.dev', 'golang.org/x/net', 'pkg:golang/golang.org/x/net'],
      ['https://crates.io', 'hyper', 'pkg:cargo/hyper'],
      ['https://rubygems.org/', 'rack', 'pkg:gem/rack'],
      ['https://www.nuget.org', 'System.Text.Json', 'pkg:nuget/System.Text.Json'],
      ['https://packagist.org', 'laravel/framework', 'pkg:composer/laravel/framework'],
      ['https://www.npmjs.com', '@angular/core', 'pkg:npm/%40angular/core'],
      ['https://github.com', 'medikoo/es5-ext', 'pkg:github/medikoo/es5-ext'],
    ];
    for (const [url, name, want] of cases) {
      const p = collectionPurl(url, name);
      assert.ok(p, `${url} ${name}`);
      assert.equal(formatPurl(p), want);
    }
    assert.equal(collectionPurl('https://example.com/downloads', 'x'), null);
    assert.equal(collectionPurl('https://repo.maven.apache.org/maven2', 'no-group'), null);
  });

  test('a REJECTED record is a withdrawn advisory with no rules', () => {
    const b = parse(record([{ collectionURL: 'https://registry.npmjs.org', packageName: 'x', versions: [{ version: '1.0.0', status: 'affected' }] }], { state: 'REJECTED' }));
    assert.equal(affects(b).length, 0);
    const adv = b.nodes.find((n) => n.label === 'Advisory')!.props as unknown as Record<string, string>;
    assert.equal(adv.withdrawn, '2024-04-01T00:00:00.000Z');
  });

  test('bad version entries are left out and the rule is marked incomplete', () => {
    const b = parse(record([{
      collectionURL: 'https://registry.npmjs.org', packageName: 'x',
      versions: [{ version: '1.0.0', status: 'maybe' }, { version: '2.0.0', status: 'affected', lessThan: '2.1.0', lessThanOrEqual: '2.2.0' }, { version: '3.0.0', status: 'affected', lessThan: '3.0.5', versionType: 'semver' }],
    }]));
    const rule = decodeRule(String(affects(b)[0]!.props.rule));
    assert.equal(rule.kind === 'cve5' && rule.versions.length, 1);
    assert.equal(rule.incomplete?.length, 2);
    assert.deepEqual(b.warnings.map((w) => w.at), ['/containers/cna/affected/0/versions/0', '/containers/cna/affected/0/versions/1']);
  });

  test('invalid records fail with INVALID_DOCUMENT and a JSON pointer; detection needs dataType CVE_RECORD', () => {
    const good = record([]);
    const cases: Array<[Json, string]> = [
      [{ ...good, cveMetadata: undefined }, '/cveMetadata'],
      [{ ...good, cveMetadata: { cveId: 'GHSA-1' } }, '/cveMetadata/cveId'],
      [{ ...good, containers: {} }, '/containers/cna'],
      [record([], { cna: { affected: {} } }), '/containers/cna/affected'],
    ];
    for (const [doc, at] of cases) {
      assert.throws(() => parse(doc), (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT' && e.at === at, at);
    }
    assert.ok(cve5Parser.detect(documentInput(good)));
    assert.ok(!cve5Parser.detect(documentInput({ ...good, dataType: 'CVE_RECORD_V4' })));
  });
});
