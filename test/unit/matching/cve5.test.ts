import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { evaluateRule } from '../../../services/matching/evaluate-rule.js';
import { evaluateCve5Affected, type Cve5Product, type RangeVerdict } from '../../../services/matching/ranges/index.js';

function expectStatuses(product: Cve5Product, expected: Record<string, RangeVerdict['status']>, options = {}): void {
  for (const [version, want] of Object.entries(expected)) {
    const verdict = evaluateCve5Affected(version, product, options);
    assert.equal(verdict.status, want, `${version}: ${JSON.stringify(verdict)}`);
    assert.equal(typeof verdict.reason, 'string');
  }
}

describe('CVE 5 version entries', () => {
  test('lessThan range with semver versionType, defaultStatus unaffected', () => {
    expectStatuses(
      {
        versions: [{ version: '2.0.0', versionType: 'semver', lessThan: '2.5.2', status: 'affected' }],
        defaultStatus: 'unaffected',
      },
      { '1.9.9': 'not_affected', '2.0.0': 'affected', '2.5.1': 'affected', '2.5.2': 'not_affected' },
    );
  });

  test('lessThanOrEqual is inclusive; defaultStatus defaults to unknown', () => {
    expectStatuses(
      { versions: [{ version: '2.0.0', versionType: 'semver', lessThanOrEqual: '2.5.1', status: 'affected' }] },
      { '2.5.1': 'affected', '2.5.2': 'unknown', '1.0.0': 'unknown' },
    );
  });

  test('version "0" is no lower bound, lessThan "*" no upper bound, "2.*" the whole 2.x series', () => {
    expectStatuses(
      { versions: [{ version: '0', versionType: 'maven', lessThan: '3.1', status: 'affected' }], defaultStatus: 'unaffected' },
      { '0.0.1': 'affected', '3.1-rc1': 'affected', '3.1': 'not_affected' },
    );
    expectStatuses(
      { versions: [{ version: '1.4', versionType: 'python', lessThan: '*', status: 'affected' }], defaultStatus: 'unaffected' },
      { '1.3': 'not_affected', '1.4': 'affected', '99.0': 'affected' },
    );
    expectStatuses(
      { versions: [{ version: '1.0', versionType: 'semver', lessThan: '2.*', status: 'affected' }], defaultStatus: 'unaffected' },
      { '0.9.0': 'not_affected', '1.0.0': 'affected', '2.9.9': 'affected', '3.0.0': 'not_affected' },
    );
  });

  test('status changes', () => {
    expectStatuses(
      {
        versions: [
          {
            version: '2.0.0',
            versionType: 'semver',
            lessThan: '2.*',
            status: 'affected',
            changes: [
              { at: '2.6.3', status: 'unaffected' },
              { at: '2.5.2', status: 'unaffected' },
              { at: '2.6.0', status: 'affected' },
            ],
          },
        ],
      },
      { '2.1.0': 'affected', '2.5.2': 'not_affected', '2.6.1': 'affected', '2.6.3': 'not_affected', '3.0.0': 'unknown' },
    );
  });

  test('single versions and first-match order', () => {
    expectStatuses(
      {
        versions: [
          { version: '2.4', status: 'affected' },
          { version: '2.5', status: 'affected' },
          { version: '2.6', status: 'unaffected' },
        ],
      },
      { '2.4': 'affected', '2.6': 'not_affected', '2.7': 'unknown' },
    );
  });

  test('GitHub-style range strings in "version"', () => {
    expectStatuses(
      { collectionURL: 'https://registry.npmjs.org', versions: [{ version: '>= 0.10.0, < 0.10.63', status: 'affected' }] },
      { '0.9.0': 'unknown', '0.10.0': 'affected', '0.10.62': 'affected', '0.10.63': 'unknown' },
    );
    expectStatuses(
      { versions: [{ version: '< 1.4.2', status: 'affected' }], defaultStatus: 'unaffected' },
      { '1.4.1': 'affected', '1.4.2': 'not_affected' },
      { ecosystem: 'PyPI' },
    );
  });

  test('the order comes from the package ecosystem, then versionType, then collectionURL', () => {
    const product: Cve5Product = {
      versions: [{ version: '1.0', lessThan: '1.10', status: 'affected', versionType: 'custom' }],
      defaultStatus: 'unaffected',
    };
    assert.equal(evaluateCve5Affected('1.9', product).status, 'unknown');
    assert.equal(evaluateCve5Affected('1.9', product, { scheme: 'maven' }).status, 'affected');
    assert.equal(evaluateCve5Affected('1.9', { ...product, collectionURL: 'https://pypi.org' }).status, 'affected');
    assert.equal(evaluateCve5Affected('1.10', product, { scheme: 'maven' }).status, 'not_affected');
  });

  test('unevaluable entries never produce affected', () => {
    const git: Cve5Product = {
      versions: [{ version: '0', versionType: 'git', lessThan: '*', status: 'affected', changes: [{ at: 'abc', status: 'unaffected' }] }],
      defaultStatus: 'unaffected',
    };
    assert.equal(evaluateCve5Affected('1.0.0', git).status, 'unknown');
    const sha: Cve5Product = { versions: [{ version: '< sha-c595a1f8', status: 'affected' }] };
    assert.equal(evaluateCve5Affected('1.0.0', sha, { scheme: 'semver' }).status, 'unknown');
    const badVersion: Cve5Product = { versions: [{ version: '1.0', versionType: 'semver', lessThan: '2.0', status: 'affected' }] };
    assert.equal(evaluateCve5Affected('not a version', badVersion).status, 'unknown');
    // an evaluable entry that matches still decides
    const mixed: Cve5Product = {
      versions: [
        { version: '0', versionType: 'git', lessThan: '*', status: 'affected' },
        { version: '1.0', versionType: 'semver', lessThan: '2.0', status: 'unaffected' },
      ],
    };
    assert.equal(evaluateCve5Affected('1.5.0', mixed).status, 'not_affected');
  });

  test('no versions: defaultStatus', () => {
    assert.equal(evaluateCve5Affected('1.0', { defaultStatus: 'affected' }).status, 'affected');
    assert.equal(evaluateCve5Affected('1.0', {}).status, 'unknown');
  });
});

/**
 * CVE-2024-26308 (Apache Commons Compress) as published in cvelistV5: the
 * affected entry declares `versionType: "semver"` for a Maven artifact. The
 * record is reduced to its `affected[]` product; Trustify's test for the Quarkus
 * 3.2.11 SBOM expects the Red Hat builds of 1.26.0 not to be affected.
 */
describe('CVE 5 versionType against the package ecosystem (CVE-2024-26308)', () => {
  const commonsCompress: Cve5Product = {
    vendor: 'Apache Software Foundation',
    product: 'Apache Commons Compress',
    collectionURL: 'https://repo.maven.apache.org/maven2',
    packageName: 'org.apache.commons:commons-compress',
    versions: [{ version: '1.21', lessThan: '1.26.0', status: 'affected', versionType: 'semver' }],
    defaultStatus: 'unaffected',
  };

  test('a Maven package is compared in Maven order whatever versionType says', () => {
    expectStatuses(
      commonsCompress,
      {
        '1.26.0.Final': 'not_affected',
        '1.26.0.redhat-00001': 'not_affected',
        '1.26.0-redhat-00001': 'not_affected',
        '1.26.0': 'not_affected',
        '1.25.0': 'affected',
        '1.21': 'affected',
        '1.20': 'not_affected',
      },
      { ecosystem: 'maven' },
    );
  });

  test('without the package ecosystem, a version that is not strictly in the declared scheme is unknown', () => {
    const { collectionURL: _dropped, ...noCollection } = commonsCompress;
    const verdict = evaluateCve5Affected('1.26.0.Final', noCollection);
    assert.equal(verdict.status, 'unknown', JSON.stringify(verdict));
    assert.match(verdict.reason ?? '', /not a valid semver version/);
    // a strict SemVer pre-release is still a pre-release in the declared order
    assert.equal(evaluateCve5Affected('1.26.0-redhat-00001', noCollection).status, 'affected');
    assert.equal(evaluateCve5Affected('1.26.1', noCollection).status, 'not_affected');
  });

  test('the matcher takes the ecosystem from the purl (Quarkus 3.2.11 ships 1.26.0.redhat-00001)', () => {
    const rule = {
      v: 1 as const, kind: 'cve5' as const, status: 'affected' as const,
      purl: 'pkg:maven/org.apache.commons/commons-compress',
      collectionURL: commonsCompress.collectionURL, packageName: commonsCompress.packageName,
      defaultStatus: 'unaffected' as const, versions: commonsCompress.versions!,
    };
    for (const [version, want] of [['1.26.0.redhat-00001', 'not_affected'], ['1.24.0.redhat-00001', 'affected']] as const) {
      const verdict = evaluateRule(rule, { purl: `pkg:maven/org.apache.commons/commons-compress@${version}`, version, qualifiers: {} });
      assert.equal(verdict.status, want, `${version}: ${JSON.stringify(verdict)}`);
    }
  });
});
