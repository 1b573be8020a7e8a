import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AffectedRuleError, decodeRule, encodeRule, type AffectedRule } from '../../../schema/vulnerability/affected-rule.js';
import { evaluateCve5Affected, evaluateOsvAffected } from '../../../services/matching/ranges/index.js';

describe('AffectedRule', () => {
  test('encode → decode is the identity, with a fixed key order', () => {
    const rule: AffectedRule = {
      versions: ['1.0.0'], ranges: [{ events: [{ fixed: '2.0.0' }, { introduced: '0' }], type: 'SEMVER' }],
      ecosystem: 'npm', purl: 'pkg:npm/left-pad', status: 'affected', kind: 'osv', v: 1,
    };
    const s = encodeRule(rule);
    assert.equal(s, '{"v":1,"kind":"osv","status":"affected","purl":"pkg:npm/left-pad","ecosystem":"npm","ranges":[{"type":"SEMVER","events":[{"fixed":"2.0.0"},{"introduced":"0"}]}],"versions":["1.0.0"]}');
    assert.deepEqual(decodeRule(s), JSON.parse(s));
    assert.equal(encodeRule(decodeRule(s)), s, 'stable');
  });

  test('every kind round-trips', () => {
    const rules: AffectedRule[] = [
      { v: 1, kind: 'vers', status: 'affected', purl: 'pkg:npm/a', vers: 'vers:npm/>=1.0.0|<1.2.3' },
      { v: 1, kind: 'cve5', status: 'affected', purl: 'pkg:npm/a', collectionURL: 'https://registry.npmjs.org', packageName: 'a', defaultStatus: 'unaffected', versions: [{ version: '1.0.0', lessThan: '1.2.3', status: 'affected', versionType: 'semver' }] },
      { v: 1, kind: 'exact', status: 'fixed', purl: 'pkg:rpm/redhat/x', versions: ['1-1'], purls: ['pkg:rpm/redhat/x@1-1?arch=src'], sourceStatus: 'first_fixed', platforms: ['cpe:/o:redhat:x'] },
      { v: 1, kind: 'osv', status: 'affected', purl: 'pkg:pypi/r', ecosystem: 'PyPI', ranges: [{ type: 'GIT', repo: 'https://github.com/x/y', events: [{ introduced: '0' }, { fixed: 'abc' }] }], versions: [], incomplete: ['ranges/1: no events'] },
    ];
    for (const r of rules) assert.deepEqual(decodeRule(encodeRule(r)), r, r.kind);
  });

  test('exact rules are sorted and de-duplicated', () => {
    const r = decodeRule(encodeRule({ v: 1, kind: 'exact', status: 'affected', purl: 'pkg:npm/a', versions: ['2', '1', '2'], purls: ['pkg:npm/a@2', 'pkg:npm/a@1'] }));
    assert.equal(r.kind, 'exact');
    assert.deepEqual(r.kind === 'exact' && r.versions, ['1', '2']);
  });

  test('invalid rules are rejected with a path', () => {
    const bad: Array<[string, string]> = [
      ['not json', ''],
      ['{"v":2,"kind":"osv"}', '/v'],
      ['{"v":1,"kind":"nope","status":"affected","purl":"pkg:npm/a"}', '/kind'],
      ['{"v":1,"kind":"vers","status":"maybe","purl":"pkg:npm/a","vers":"vers:npm/1"}', '/status'],
      ['{"v":1,"kind":"vers","status":"affected","purl":"npm/a","vers":"vers:npm/1"}', '/purl'],
      ['{"v":1,"kind":"vers","status":"affected","purl":"pkg:npm/a","vers":">=1"}', '/vers'],
      ['{"v":1,"kind":"osv","status":"affected","purl":"pkg:npm/a","ecosystem":"npm","ranges":[{"type":"SEMVER","events":[{"introduced":"0","fixed":"1"}]}],"versions":[]}', '/ranges/0/events/0'],
      ['{"v":1,"kind":"osv","status":"affected","purl":"pkg:npm/a","ecosystem":"npm","ranges":[{"type":"GIT","events":[{"introduced":"0"}]}],"versions":[]}', '/ranges/0/repo'],
      ['{"v":1,"kind":"cve5","status":"affected","purl":"pkg:npm/a","versions":[{"version":"1","status":"affected","lessThan":"2","lessThanOrEqual":"3"}]}', '/versions/0'],
      ['{"v":1,"kind":"exact","status":"affected","purl":"pkg:npm/a","versions":[],"purls":[]}', '/versions'],
    ];
    for (const [json, path] of bad) {
      assert.throws(() => decodeRule(json), (e: unknown) => e instanceof AffectedRuleError && e.path === path, `${json} → ${path}`);
    }
    assert.throws(() => encodeRule({ v: 1, kind: 'vers', status: 'affected', purl: 'pkg:npm/a', vers: '' }), AffectedRuleError);
  });

  test('a stored rule is enough for matching: the OSV and CVE 5 evaluators take it as it is', () => {
    const osv = decodeRule(encodeRule({
      v: 1, kind: 'osv', status: 'affected', purl: 'pkg:maven/g/a', ecosystem: 'Maven', versions: [],
      // unsorted, as the source had it
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '12.10.0' }, { fixed: '12.10.2' }, { introduced: '11.6.1' }, { fixed: '11.10.13' }] }],
    }));
    assert.equal(osv.kind, 'osv');
    if (osv.kind !== 'osv') return;
    assert.equal(evaluateOsvAffected(osv.ecosystem, '12.10.1', osv).status, 'affected');
    assert.equal(evaluateOsvAffected(osv.ecosystem, '12.0', osv).status, 'not_affected');
    assert.equal(evaluateOsvAffected(osv.ecosystem, '11.7', osv).status, 'affected');

    const cve = decodeRule(encodeRule({ v: 1, kind: 'cve5', status: 'affected', purl: 'pkg:npm/es5-ext', versions: [{ version: '0.10.0', lessThan: '0.10.63', status: 'affected', versionType: 'semver' }], defaultStatus: 'unaffected' }));
    if (cve.kind !== 'cve5') return assert.fail('cve5 rule expected');
    assert.equal(evaluateCve5Affected('0.10.62', cve).status, 'affected');
    assert.equal(evaluateCve5Affected('0.10.63', cve).status, 'not_affected');
  });
});
