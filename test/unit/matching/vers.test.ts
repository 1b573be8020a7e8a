import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  normalizeVers,
  parseVers,
  versContains,
  VersError,
  versFromNative,
  versToString,
} from '../../../services/matching/ranges/index.js';
import { VersionParseError } from '../../../services/matching/versions/index.js';

function contains(vers: string, version: string): boolean {
  return versContains(parseVers(vers), version);
}

describe('parseVers', () => {
  test('parses comparators, implicit "=", and sorts by version', () => {
    const r = parseVers('vers:npm/<2.0.0|>=1.0.0|1.5.0|!=1.2.0');
    assert.equal(r.scheme, 'npm');
    assert.deepEqual(r.constraints, [
      { comparator: '>=', version: '1.0.0' },
      { comparator: '!=', version: '1.2.0' },
      { comparator: '=', version: '1.5.0' },
      { comparator: '<', version: '2.0.0' },
    ]);
  });

  test('sorts with the scheme order, not as strings', () => {
    assert.equal(normalizeVers('vers:maven/<1.10|>=1.9|1.2-SNAPSHOT'), 'vers:maven/1.2-SNAPSHOT|>=1.9|<1.10');
    assert.equal(normalizeVers('vers:deb/<1.0-1|>=1.0~rc1'), 'vers:deb/>=1.0~rc1|<1.0-1');
  });

  test('lenient mode drops spaces and stray pipes and lower-cases the schemes', () => {
    assert.equal(normalizeVers(' VERS:NPM/ >= 1.0.0 | < 2.0.0 |'), 'vers:npm/>=1.0.0|<2.0.0');
    assert.equal(normalizeVers('vers:pypi/|1.0||2.0'), 'vers:pypi/1.0|2.0');
  });

  test('star', () => {
    assert.deepEqual(parseVers('vers:npm/*').constraints, [{ comparator: '*', version: '' }]);
    assert.throws(() => parseVers('vers:npm/*|1.0.0'), VersError);
    assert.throws(() => parseVers('vers:npm/>=1.0.0|*'), VersError);
  });

  test('percent-decoding and encoding', () => {
    const r = parseVers('vers:generic/1.0%7C2');
    assert.deepEqual(r.constraints, [{ comparator: '=', version: '1.0|2' }]);
    assert.equal(versToString(r), 'vers:generic/1.0%7C2');
    assert.throws(() => parseVers('vers:npm/1.0%zz'), VersError);
  });

  test('rejects malformed input', () => {
    for (const bad of ['', 'npm/1.0.0', 'vers:npm', 'vers:/1.0.0', 'vers:npm/', 'vers:npm/>=', 'vers:npm/1.0.0|nope']) {
      assert.throws(() => parseVers(bad), VersError, bad);
    }
  });

  test('strict mode accepts only the canonical form', () => {
    assert.deepEqual(parseVers('vers:npm/>=1.0.0|<2.0.0', { strict: true }).constraints.length, 2);
    const cases: Array<[string, string]> = [
      ['vers:npm/>=1.0.0 |<2.0.0', 'non-canonical VERS: whitespace is not permitted'],
      ['vers:npm/|1.0.0', 'non-canonical VERS: leading pipe is not permitted'],
      ['vers:npm/1.0.0|', 'non-canonical VERS: trailing pipe is not permitted'],
      ['vers:npm/1.0.0||2.0.0', 'non-canonical VERS: consecutive pipes are not permitted'],
      ['vers:npm/<2.0.0|>=1.0.0', 'non-canonical VERS: constraints are not sorted by version'],
      ['vers:npm/1.0%2e0', 'non-canonical VERS: percent-encoding in version is not canonical'],
      ['vers:npm/1.0%2E0', 'non-canonical VERS: percent-encoding in version is not canonical'],
      ['vers:datetime/2024-01-01t00:00:00Z', 'non-canonical VERS: datetime must use uppercase T and Z'],
    ];
    for (const [input, message] of cases) {
      assert.throws(() => parseVers(input, { strict: true }), (e: unknown) => e instanceof VersError && e.message === message, input);
      // the lenient parser accepts all of them (a lower-case t/z is valid RFC 3339)
      assert.doesNotThrow(() => parseVers(input), input);
    }
  });
});

describe('versContains', () => {
  test('single constraints', () => {
    assert.equal(contains('vers:npm/*', '0.0.1'), true);
    assert.equal(contains('vers:npm/1.2.3', '1.2.3'), true);
    assert.equal(contains('vers:npm/1.2.3', 'v1.2.3'), true);
    assert.equal(contains('vers:npm/1.2.3', '1.2.4'), false);
    assert.equal(contains('vers:npm/!=1.2.3', '1.2.4'), true);
    assert.equal(contains('vers:npm/!=1.2.3', '1.2.3'), false);
    assert.equal(contains('vers:npm/<1.2.3', '1.2.3-rc.1'), true);
    assert.equal(contains('vers:npm/<=1.2.3', '1.2.3'), true);
    assert.equal(contains('vers:npm/>1.2.3', '1.2.3'), false);
  });

  test('intervals, points and exclusions', () => {
    const range = 'vers:npm/>=1.0.0|<1.5.0|!=1.2.0|2.0.0|>=3.0.0|<=3.1.0';
    const expected: Record<string, boolean> = {
      '0.9.0': false,
      '1.0.0': true,
      '1.2.0': false,
      '1.4.9': true,
      '1.5.0': false,
      '2.0.0': true,
      '2.5.0': false,
      '3.1.0': true,
      '3.1.1': false,
    };
    for (const [version, want] of Object.entries(expected)) assert.equal(contains(range, version), want, version);
  });

  test('open-ended first and last intervals', () => {
    assert.equal(contains('vers:pypi/<1.0|>=2.0', '0.5'), true);
    assert.equal(contains('vers:pypi/<1.0|>=2.0', '1.5'), false);
    assert.equal(contains('vers:pypi/<1.0|>=2.0', '2.0'), true);
    assert.equal(contains('vers:pypi/<1.0|>=2.0', '7'), true);
  });

  test('unsorted input is sorted before evaluation', () => {
    assert.equal(contains('vers:maven/<2.0|>=1.0', '1.5'), true);
    assert.equal(contains('vers:gem/<2.0|>=1.0', '2.0.0.pre'), true);
  });

  test('errors: unsupported scheme, invalid version, invalid comparator sequence', () => {
    assert.throws(() => contains('vers:nosuchscheme/1.0', '1.0'), (e: unknown) => e instanceof VersError && e.code === 'UNSUPPORTED_VERS_SCHEME');
    assert.throws(() => contains('vers:npm/>=1.0.0', 'banana'), VersionParseError);
    assert.throws(() => contains('vers:npm/>=1.0.0|>=2.0.0', '3.0.0'), VersError);
  });
});

describe('versFromNative', () => {
  const cases: Array<[string, string, string]> = [
    ['npm', '>=1.0.0 <2.0.0 || 3.0.0', 'vers:npm/>=1.0.0|<2.0.0|3.0.0'],
    ['npm', '^1.2.3', 'vers:npm/>=1.2.3|<2.0.0'],
    ['npm', '^0.2.3', 'vers:npm/>=0.2.3|<0.3.0'],
    ['npm', '^0.0.3', 'vers:npm/>=0.0.3|<0.0.4'],
    ['npm', '~1.2', 'vers:npm/>=1.2.0|<1.3.0'],
    ['npm', '~0.8.0-pre', 'vers:npm/>=0.8.0-pre|<0.9.0'],
    ['npm', '1.2.x', 'vers:npm/>=1.2.0|<1.3.0'],
    ['npm', '1.0.0 - 2.1.x', 'vers:npm/>=1.0.0|<2.2.0'],
    ['npm', '*', 'vers:npm/*'],
    ['conan', '>1 <2.0 || ^3.2', 'vers:conan/>1|<2.0|>=3.2|<4-'],
    ['gem', '~> 2.0.8, != 2.0.9', 'vers:gem/>=2.0.8|!=2.0.9|<2.1'],
    ['maven', '[1.0,2.0),[3.0,)', 'vers:maven/>=1.0|<2.0|>=3.0'],
    ['maven', '(,1.0]', 'vers:maven/<=1.0'],
    ['maven', '[1.5]', 'vers:maven/1.5'],
    ['nuget', '1.0', 'vers:nuget/>=1.0'],
    ['pypi', '>=1.0,!=1.3.4,<2', 'vers:pypi/>=1.0|!=1.3.4|<2'],
    ['nginx', '1.21.0+, 1.20.1+', 'vers:nginx/>=1.20.1|<1.21.0|>=1.21.0'],
    ['openssl', '1.1.1k, 1.0.2u', 'vers:openssl/1.0.2u|1.1.1k'],
  ];
  for (const [scheme, native, expected] of cases) {
    test(`${scheme}: ${native}`, () => assert.equal(versToString(versFromNative(scheme, native)), expected));
  }

  test('refuses what vers cannot express exactly', () => {
    assert.throws(() => versFromNative('pypi', '~=1.4'), VersError);
    assert.throws(() => versFromNative('pypi', '==1.4.*'), VersError);
    assert.throws(() => versFromNative('cargo', '^1'), (e: unknown) => e instanceof VersError && e.code === 'UNSUPPORTED_VERS_SCHEME');
  });
});
