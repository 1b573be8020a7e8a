import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { osvParser, parseOsv } from '../../../ingestors/osv/osv.js';
import { osvPackagePurl } from '../../../ingestors/osv/ecosystems.js';
import { decodeRule } from '../../../schema/vulnerability/affected-rule.js';
import { IngestError } from '../../../ingestors/parser.js';
import { formatPurl } from '../../../schema/identity/purl.js';
import type { EdgeRecord, OntologyBatch } from '../../../schema/ontology/batch.js';
import { documentInput } from '../../support/parse.js';

const parse = (doc: unknown): OntologyBatch => parseOsv(documentInput(doc));
const affects = (b: OntologyBatch): EdgeRecord[] => b.edges.filter((e) => e.type === 'AFFECTS_PACKAGE');
const keys = (b: OntologyBatch, label: string): string[] => b.nodes.filter((n) => n.label === label).map((n) => n.props.key).sort();

function osv(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schema_version: '1.6.0', id, modified: '2024-01-02T00:00:00Z', published: '2024-01-01T00:00:00Z', ...extra };
}

/** Union-find over ALIAS_OF edges from several batches: the id clusters. */
function clusters(batches: OntologyBatch[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    if (!parent.has(x)) parent.set(x, x);
    const p = parent.get(x)!;
    if (p === x) return x;
    const r = find(p);
    parent.set(x, r);
    return r;
  };
  for (const b of batches) {
    for (const n of b.nodes) if (n.label === 'Vulnerability') find(n.props.key);
    for (const e of b.edges) if (e.type === 'ALIAS_OF') parent.set(find(e.from.key), find(e.to.key));
  }
  const groups = new Map<string, string[]>();
  for (const k of parent.keys()) groups.set(find(k), [...(groups.get(find(k)) ?? []), k]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe('OSV ingestor', () => {
  test('id, aliases and upstream: Vulnerability nodes, id ALIAS_OF each, an Advisory that ADVISES the id', () => {
    const b = parse(osv('PYSEC-2023-74', {
      aliases: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'], upstream: ['cve-2023-00001'], related: ['GO-2024-1'],
      summary: 'Proxy-Authorization leak', severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N' }],
    }));
    assert.deepEqual(keys(b, 'Vulnerability'), ['CVE-2023-00001', 'CVE-2023-32681', 'GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74'], 'CVE ids upper-cased; related is not an alias');
    assert.deepEqual(b.edges.filter((e) => e.type === 'ALIAS_OF').map((e) => `${e.from.key}->${e.to.key}`).sort(),
      ['PYSEC-2023-74->CVE-2023-00001', 'PYSEC-2023-74->CVE-2023-32681', 'PYSEC-2023-74->GHSA-j8r2-6x86-q33q']);
    const adv = b.nodes.find((n) => n.label === 'Advisory')!.props as unknown as Record<string, string>;
    assert.equal(adv.key, 'osv:PYSEC-2023-74');
    assert.equal(adv.title, 'Proxy-Authorization leak');
    assert.equal(adv.modified, '2024-01-02T00:00:00Z');
    assert.deepEqual(JSON.parse(adv.severity!), { scores: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N' }] });
    assert.deepEqual(b.edges.filter((e) => e.type === 'ADVISES').map((e) => e.to.key), ['PYSEC-2023-74']);
    assert.equal(b.document.kind, 'advisory');
    assert.equal(b.document.format, 'osv');
    assert.equal(b.document.name, 'PYSEC-2023-74');
    assert.equal(b.document.specVersion, '1.6.0');
    assert.equal(b.document.createdAt, '2024-01-02T00:00:00Z');
  });

  test('records from two databases that alias each other make one vulnerability cluster', () => {
    const pysec = parse(osv('PYSEC-2023-74', { aliases: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'] }));
    const ghsa = parse(osv('GHSA-j8r2-6x86-q33q', { aliases: ['CVE-2023-32681'] }));
    const other = parse(osv('GHSA-aaaa-bbbb-cccc', { aliases: ['CVE-2020-1'] }));
    assert.deepEqual(clusters([pysec, ghsa, other]), [
      ['CVE-2020-1', 'GHSA-aaaa-bbbb-cccc'],
      ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74'],
    ]);
  });

  test('unsorted events are stored exactly as given, GIT ranges and versions kept, database_specific dropped', () => {
    const events = [{ introduced: '12.10.0' }, { fixed: '12.10.2' }, { introduced: '12.0' }, { fixed: '12.6.7' }, { introduced: '11.6.1' }, { fixed: '11.10.13' }];
    const b = parse(osv('GHSA-76mp-659p-rw65', {
      affected: [{
        package: { ecosystem: 'Maven', name: 'org.xwiki.commons:xwiki-commons-core' },
        ranges: [
          { type: 'ECOSYSTEM', events, database_specific: { x: 1 } },
          { type: 'GIT', repo: 'https://github.com/xwiki/xwiki-commons', events: [{ introduced: '0' }, { fixed: 'abc123' }] },
        ],
        versions: ['12.10.1', '11.7'],
        database_specific: { cwes: ['CWE-285'] },
      }],
    }));
    const [edge] = affects(b);
    assert.ok(edge);
    assert.equal(edge.to.key, 'pkg:maven/org.xwiki.commons/xwiki-commons-core');
    assert.equal(edge.props.vulnerability, 'GHSA-76mp-659p-rw65');
    assert.equal(edge.props.ecosystem, 'Maven');
    assert.deepEqual(decodeRule(String(edge.props.rule)), {
      v: 1, kind: 'osv', status: 'affected', purl: 'pkg:maven/org.xwiki.commons/xwiki-commons-core', ecosystem: 'Maven',
      ranges: [
        { type: 'ECOSYSTEM', events },
        { type: 'GIT', repo: 'https://github.com/xwiki/xwiki-commons', events: [{ introduced: '0' }, { fixed: 'abc123' }] },
      ],
      versions: ['12.10.1', '11.7'],
    });
    assert.ok(!String(edge.props.rule).includes('database_specific'));
    assert.equal(b.document.componentCount, 1);
    assert.deepEqual(keys(b, 'Package'), ['pkg:maven/org.xwiki.commons/xwiki-commons-core']);
    assert.deepEqual(keys(b, 'PackageVersion'), [], 'an advisory names packages, not versions');
  });

  test('package.purl wins; qualifiers stay in the rule, the Package is versionless', () => {
    const b = parse(osv('CVE-2018-5407', {
      affected: [
        { package: { ecosystem: 'Alpine:v3.8', name: 'openssl', purl: 'pkg:apk/alpine/openssl?arch=source' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.2q-r0' }] }] },
        { package: { ecosystem: 'Alpine:v3.7', name: 'openssl', purl: 'pkg:apk/alpine/openssl?arch=source' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.2q-r0' }] }] },
        { ranges: [{ type: 'GIT', repo: 'https://github.com/nodejs/node', events: [{ introduced: 'a' }, { fixed: 'b' }] }] },
      ],
    }));
    assert.deepEqual(affects(b).map((e) => [e.to.key, e.props.ecosystem]), [['pkg:apk/alpine/openssl', 'Alpine:v3.8'], ['pkg:apk/alpine/openssl', 'Alpine:v3.7']]);
    assert.equal(decodeRule(String(affects(b)[0]!.props.rule)).purl, 'pkg:apk/alpine/openssl?arch=source');
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [['AFFECTED_WITHOUT_PACKAGE', '/affected/2']]);
    assert.equal(b.document.componentCount, 2);
  });

  test('ecosystem → purl map', () => {
    const cases: Array<[string, string, string]> = [
      ['PyPI', 'Requests', 'pkg:pypi/requests'],
      ['npm', '@babel/core', 'pkg:npm/%40babel/core'],
      ['npm', 'lodash', 'pkg:npm/lodash'],
      ['Maven', 'org.apache.logging.log4j:log4j-core', 'pkg:maven/org.apache.logging.log4j/log4j-core'],
      ['Go', 'github.com/gin-gonic/gin', 'pkg:golang/github.com/gin-gonic/gin'],
      ['Go', 'stdlib', 'pkg:golang/stdlib'],
      ['crates.io', 'tokio', 'pkg:cargo/tokio'],
      ['RubyGems', 'rails', 'pkg:gem/rails'],
      ['NuGet', 'Newtonsoft.Json', 'pkg:nuget/Newtonsoft.Json'],
      ['Packagist', 'symfony/http-kernel', 'pkg:composer/symfony/http-kernel'],
      ['Pub', 'http', 'pkg:pub/http'],
      ['Hex', 'plug', 'pkg:hex/plug'],
      ['Debian:12', 'openssl', 'pkg:deb/debian/openssl?arch=source&distro=debian-12'],
      ['Ubuntu:22.04:LTS', 'openssl', 'pkg:deb/ubuntu/openssl?arch=source&distro=ubuntu-22.04'],
      ['Ubuntu:Pro:18.04:LTS', 'curl', 'pkg:deb/ubuntu/curl?arch=source&distro=ubuntu-18.04'],
      ['Alpine:v3.18', 'musl', 'pkg:apk/alpine/musl?arch=source&distro=alpine-3.18'],
      ['Red Hat:rhel_aus:8.6::appstream', 'git-lfs', 'pkg:rpm/redhat/git-lfs'],
      ['Rocky Linux:8', 'kernel', 'pkg:rpm/rocky-linux/kernel?distro=rocky-linux-8'],
      ['AlmaLinux:9', 'bash', 'pkg:rpm/almalinux/bash?distro=almalinux-9'],
      ['GitHub Actions', 'actions/checkout', 'pkg:github/actions/checkout'],
    ];
    for (const [eco, name, want] of cases) {
      const r = osvPackagePurl(eco, name);
      assert.ok(r.ok, `${eco} ${name}: ${r.ok ? '' : r.message}`);
      assert.equal(formatPurl(r.purl), want, `${eco} ${name}`);
    }
    const maven = osvPackagePurl('Maven', 'no-colon');
    assert.equal(maven.ok === false && maven.code, 'INVALID_PACKAGE_NAME');
  });

  test('an unknown ecosystem is a warning and never a rule; with package.purl the rule is kept under the purl', () => {
    const b = parse(osv('OSV-2024-1', {
      affected: [
        { package: { ecosystem: 'OSS-Fuzz', name: 'libfoo' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] },
        { package: { ecosystem: 'Plan9', name: 'bar', purl: 'pkg:generic/bar' }, versions: ['1.0'] },
      ],
    }));
    assert.deepEqual(b.warnings.map((w) => [w.code, w.at]), [['UNKNOWN_ECOSYSTEM', '/affected/0/package'], ['UNKNOWN_ECOSYSTEM', '/affected/1/package/ecosystem']]);
    assert.deepEqual(affects(b).map((e) => e.to.key), ['pkg:generic/bar']);
    assert.deepEqual(keys(b, 'Package'), ['pkg:generic/bar'], 'nothing was made up for libfoo');
  });

  test('a malformed range is left out and the rule is marked incomplete', () => {
    const b = parse(osv('GHSA-xxxx-yyyy-zzzz', {
      affected: [{
        package: { ecosystem: 'npm', name: 'x' },
        ranges: [
          { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: 2 }] },
          { type: 'SEMVER', events: [{ introduced: '1.0.0', fixed: '1.2.0' }] },
          { type: 'WEIRD', events: [{ introduced: '0' }] },
          { type: 'SEMVER', events: [{ introduced: '3.0.0' }, { fixed: '3.0.1' }] },
        ],
      }],
    }));
    const rule = decodeRule(String(affects(b)[0]!.props.rule));
    assert.equal(rule.kind, 'osv');
    assert.deepEqual(rule.kind === 'osv' && rule.ranges, [{ type: 'SEMVER', events: [{ introduced: '3.0.0' }, { fixed: '3.0.1' }] }]);
    assert.equal(rule.incomplete?.length, 3);
    assert.deepEqual(b.warnings.map((w) => w.at), ['/affected/0/ranges/0', '/affected/0/ranges/1', '/affected/0/ranges/2']);
  });

  test('a withdrawn record keeps its ids but asserts no affected packages', () => {
    const b = parse(osv('GHSA-gone-gone-gone', { withdrawn: '2024-02-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'x' }, versions: ['1.0.0'] }] }));
    assert.equal(affects(b).length, 0);
    assert.equal((b.nodes.find((n) => n.label === 'Advisory')!.props as { withdrawn: string }).withdrawn, '2024-02-01T00:00:00Z');
    assert.deepEqual(b.warnings.map((w) => w.code), ['WITHDRAWN']);
  });

  test('YAML records are read with every scalar as a string (1.10 stays 1.10)', () => {
    const yaml = [
      'id: RUSTSEC-2024-0001',
      'modified: 2024-01-02T00:00:00Z',
      'aliases:',
      '  - CVE-2024-1111',
      'summary: bad crate',
      'affected:',
      '  - package:',
      '      ecosystem: crates.io',
      '      name: foo',
      '    ranges:',
      '      - type: SEMVER',
      '        events:',
      '          - introduced: 0',
      '          - fixed: 1.10',
      '',
    ].join('\n');
    const input = documentInput(yaml);
    assert.equal(input.json, undefined);
    assert.ok(osvParser.detect(input));
    const b = parseOsv(input);
    assert.deepEqual(keys(b, 'Vulnerability'), ['CVE-2024-1111', 'RUSTSEC-2024-0001']);
    const rule = decodeRule(String(affects(b)[0]!.props.rule));
    assert.deepEqual(rule.kind === 'osv' && rule.ranges, [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.10' }] }]);
    assert.equal(rule.purl, 'pkg:cargo/foo');
    assert.throws(() => parseOsv(documentInput('id: X\nmodified: [\n')), (e: unknown) => e instanceof IngestError && e.code === 'PARSE_ERROR' && /line 3/.test(e.at ?? ''));
  });

  test('invalid records fail with INVALID_DOCUMENT and a JSON pointer', () => {
    const cases: Array<[unknown, string]> = [
      [[1, 2], ''],
      [{ modified: '2024-01-01T00:00:00Z', affected: [] }, '/id'],
      [osv('X-1', { aliases: 'CVE-1' }), '/aliases'],
      [osv('X-1', { affected: {} }), '/affected'],
      [osv('X-1', { affected: [{ package: { ecosystem: 'npm', name: 'a' } }, 'nope'] }), '/affected/1'],
      [osv('X-1', { summary: 42 }), '/summary'],
    ];
    for (const [doc, at] of cases) {
      assert.throws(() => parse(doc), (e: unknown) => e instanceof IngestError && e.code === 'INVALID_DOCUMENT' && e.at === at, at);
    }
  });

  test('detection claims OSV records only', () => {
    assert.ok(osvParser.detect(documentInput(osv('GHSA-1'))));
    assert.ok(!osvParser.detect(documentInput({ bomFormat: 'CycloneDX', id: 'x', modified: 'y' })));
    assert.ok(!osvParser.detect(documentInput({ dataType: 'CVE_RECORD', id: 'x', modified: 'y' })));
    assert.ok(!osvParser.detect(documentInput({ id: 'x' })));
    assert.ok(!osvParser.detect(documentInput('name: x\nversion: 1\n')));
  });
});
