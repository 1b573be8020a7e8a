import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import semver from 'semver';

import {
  compareVersions,
  isValidVersion,
  schemeForEcosystem,
  sortVersions,
  VersionParseError,
  VERSION_SCHEMES,
  type VersionScheme,
} from '../../../services/matching/versions/index.js';

/**
 * Asserts a strictly increasing chain; an inner array is a group of versions
 * that must compare equal to each other.
 */
function assertOrder(scheme: VersionScheme, chain: ReadonlyArray<string | readonly string[]>): void {
  const groups = chain.map((g) => (typeof g === 'string' ? [g] : g));
  for (let i = 0; i < groups.length; i++) {
    for (const a of groups[i]!) {
      for (const b of groups[i]!) assert.equal(compareVersions(scheme, a, b), 0, `${scheme}: ${a} = ${b}`);
      for (let j = i + 1; j < groups.length; j++) {
        for (const b of groups[j]!) {
          assert.equal(compareVersions(scheme, a, b), -1, `${scheme}: ${a} < ${b}`);
          assert.equal(compareVersions(scheme, b, a), 1, `${scheme}: ${b} > ${a}`);
        }
      }
    }
  }
}

function assertInvalid(scheme: VersionScheme, versions: readonly string[]): void {
  for (const v of versions) {
    assert.equal(isValidVersion(scheme, v), false, `${scheme}: ${JSON.stringify(v)} should be invalid`);
    assert.throws(
      () => compareVersions(scheme, v, v),
      (e: unknown) => e instanceof VersionParseError && e.code === 'UNPARSABLE_VERSION' && e.version === v,
      `${scheme}: comparing ${JSON.stringify(v)} should throw UNPARSABLE_VERSION`,
    );
  }
}

describe('schemeForEcosystem', () => {
  const cases: Array<[string, VersionScheme | null]> = [
    ['PyPI', 'pypi'],
    ['pypi', 'pypi'],
    ['npm', 'semver'],
    ['crates.io', 'semver'],
    ['cargo', 'semver'],
    ['Go', 'semver'],
    ['golang', 'semver'],
    ['Hex', 'semver'],
    ['Maven', 'maven'],
    ['maven', 'maven'],
    ['Debian:12', 'debian'],
    ['Debian', 'debian'],
    ['Ubuntu:22.04:LTS', 'debian'],
    ['deb', 'debian'],
    ['Alpine:v3.18', 'alpine'],
    ['apk', 'alpine'],
    ['Wolfi', 'alpine'],
    ['Chainguard', 'alpine'],
    ['Red Hat', 'rpm'],
    ['Red Hat:rhel_aus:8.6::appstream', 'rpm'],
    ['Rocky Linux:9', 'rpm'],
    ['AlmaLinux:8', 'rpm'],
    ['openSUSE:Leap 15.5', 'rpm'],
    ['rpm', 'rpm'],
    ['RubyGems', 'rubygems'],
    ['gem', 'rubygems'],
    ['NuGet', 'nuget'],
    ['nuget', 'nuget'],
    ['Packagist', 'packagist'],
    ['composer', 'packagist'],
    ['Pub', 'pub'],
    ['pub', 'pub'],
    ['CRAN', 'cran'],
    ['Bioconductor', 'cran'],
    ['Hackage', 'hackage'],
    ['ConanCenter', 'conan'],
    ['alpm', 'alpm'],
    ['gentoo', 'gentoo'],
    ['GIT', null],
    ['OSS-Fuzz', null],
    ['Linux', null],
    ['', null],
    ['no-such-ecosystem', null],
  ];
  for (const [ecosystem, scheme] of cases) {
    test(`${JSON.stringify(ecosystem)} -> ${scheme}`, () => assert.equal(schemeForEcosystem(ecosystem), scheme));
  }
});

describe('compareVersions contract', () => {
  test('returns exactly -1, 0 or 1 for every scheme', () => {
    const samples: Record<VersionScheme, [string, string]> = {
      semver: ['1.0.0', '2.0.0'],
      pypi: ['1.0', '2.0'],
      maven: ['1.0', '2.0'],
      debian: ['1.0-1', '2.0-1'],
      rpm: ['1.0-1', '2.0-1'],
      alpine: ['1.0-r0', '2.0-r0'],
      rubygems: ['1.0', '2.0'],
      nuget: ['1.0.0', '2.0.0'],
      packagist: ['1.0.0', '2.0.0'],
      pub: ['1.0.0', '2.0.0'],
      cran: ['1.0-1', '2.0-1'],
      hackage: ['1.0', '2.0'],
      gentoo: ['1.0', '2.0'],
      alpm: ['1.0-1', '2.0-1'],
      conan: ['1.0', '2.0'],
      openssl: ['1.0.2a', '3.0.1'],
      datetime: ['2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z'],
      lexicographic: ['a', 'b'],
    };
    for (const scheme of VERSION_SCHEMES) {
      const [lo, hi] = samples[scheme];
      assert.equal(compareVersions(scheme, lo, hi), -1, scheme);
      assert.equal(compareVersions(scheme, hi, lo), 1, scheme);
      assert.equal(compareVersions(scheme, lo, lo), 0, scheme);
    }
  });

  test('every scheme rejects the empty string; all but lexicographic reject whitespace', () => {
    for (const scheme of VERSION_SCHEMES) {
      assertInvalid(scheme, scheme === 'lexicographic' ? [''] : ['', ' 1.0', '1.0\n']);
    }
    assert.equal(isValidVersion('lexicographic', 'any string at all'), true);
  });

  test('sortVersions sorts ascending and validates', () => {
    assert.deepEqual(sortVersions('semver', ['1.10.0', '1.2.0', '1.2.0-rc.1']), ['1.2.0-rc.1', '1.2.0', '1.10.0']);
    assert.throws(() => sortVersions('semver', ['1.0.0', 'nope']), VersionParseError);
  });
});

describe('semver', () => {
  test('precedence per semver §11', () => {
    assertOrder('semver', [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      ['1.0.0', 'v1.0.0', '1.0', '1', '1.0.0+build.5', '1.0.0+other'],
      '1.0.1',
      '1.10.0',
      '2.0.0',
    ]);
  });

  test('Go pseudo-versions and +incompatible', () => {
    assertOrder('semver', [
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.0.0-20200101000000-aaaaaaaaaaaa',
      'v0.0.1',
      ['v2.0.0+incompatible', 'v2.0.0'],
    ]);
  });

  test('numbers beyond 2^53 are exact', () => {
    assertOrder('semver', ['9007199254740993.0.0', '9007199254740994.0.0', '999999999999999999999999999999.0.0']);
  });

  test('invalid', () => assertInvalid('semver', ['abc', '1.2.3-', '1..2', '.1', '1.2.3+', 'v', '1.0.0-be ta']));

  test('agrees with the npm semver package on strictly valid versions', () => {
    const versions: string[] = [];
    for (const core of ['0.0.0', '0.0.1', '0.1.0', '1.0.0', '1.0.10', '1.2.3', '10.0.0']) {
      for (const pre of ['', '-0', '-1', '-10', '-alpha', '-alpha.1', '-alpha.beta', '-beta.2', '-rc.1', '-a-b', '-1.a']) {
        versions.push(core + pre);
      }
    }
    for (const a of versions) {
      assert.ok(semver.valid(a), a);
      for (const b of versions) {
        assert.equal(compareVersions('semver', a, b), semver.compare(a, b), `${a} vs ${b}`);
      }
    }
  });
});

describe('pypi (PEP 440 + legacy)', () => {
  test('PEP 440 order', () => {
    assertOrder('pypi', [
      '1.0.dev0',
      '1.0a1.dev1',
      ['1.0a1', '1.0alpha1', '1.0.a1', '1.0-a1'],
      '1.0b1',
      ['1.0rc1', '1.0c1', '1.0pre1', '1.0preview1'],
      ['1.0', '1.0.0', 'v1.0', '1.0.0.0', '1.00'],
      '1.0+local.1',
      '1.0+local.2',
      ['1.0.post1', '1.0-1', '1.0r1', '1.0rev1'],
      '1.0.1',
      '1.10',
      '1!0.1',
    ]);
  });

  test('local versions: alphanumeric segments sort before numeric ones', () => {
    assertOrder('pypi', ['1.0', '1.0+abc', '1.0+abc.5', '1.0+1', '1.0+2']);
  });

  test('legacy (non PEP 440) versions sort before every PEP 440 version', () => {
    assertOrder('pypi', ['0.1-bulbasaur', '0.1-charmander', '0.9-doduo', '0.0.0.0.1']);
    assert.equal(compareVersions('pypi', 'french_toast', '0'), -1);
  });

  test('numeric segments beyond 2^53 are rejected instead of compared inexactly', () => {
    assertInvalid('pypi', ['1.99999999999999999999']);
  });
});

describe('maven (ComparableVersion)', () => {
  test('qualifier order', () => {
    assertOrder('maven', [
      '1-alpha',
      '1-alpha-1',
      '1-beta',
      '1-milestone',
      ['1-rc', '1-cr'],
      '1-snapshot',
      ['1', '1.0', '1-ga', '1-final', '1-release', '1.0.0', '1-0'],
      '1-sp',
      '1-abc',
      '1-xyz',
      '1-1',
      '1.1',
    ]);
  });

  test('shorthand a/b/m only when followed by a digit, case-insensitive', () => {
    assertOrder('maven', [['1a1', '1-alpha-1', '1ALPHA1'], ['1b2', '1-beta-2'], ['1m3', '1-milestone-3', '1MileStone3']]);
    assert.equal(compareVersions('maven', '1a', '1-a'), 0);
    assert.equal(compareVersions('maven', '1-a', '1-alpha'), 1); // "a" alone is an unknown qualifier
  });

  test('dots vs hyphens and unbounded numbers', () => {
    assertOrder('maven', ['1.0-1', '1.0.1', '1.0.1.1']);
    assertOrder('maven', ['20190126.230843', '1234567890.12345', '123456789012345.1', '12345678901234567890.1']);
    assertOrder('maven', [['1-1', '1-ga-1']]);
  });

  test('SNAPSHOT', () => {
    assertOrder('maven', ['1.0-beta-1', '1.0-SNAPSHOT', '1.0', '1.0.1-SNAPSHOT', '1.0.1']);
  });
});

describe('debian', () => {
  test('epoch, upstream, revision and tilde', () => {
    assertOrder('debian', [
      '1.0~~',
      '1.0~rc1',
      ['1.0', '0:1.0', '1.0-0'],
      '1.0-1',
      '1.0-1ubuntu1',
      '1.0-1+deb12u1',
      '1.0a',
      '1.0+b1',
      '1.0.1',
      '1:0.1',
      '2:0.0.1',
    ]);
  });

  test('letters sort before non-letters', () => {
    assertOrder('debian', ['1.0-1a', '1.0-1+', '1.0-1.']);
  });

  test('invalid', () => {
    assertInvalid('debian', ['abc', 'a:1.0', ':1.0', '1.0-', '1.0-rev!', '1.0_1', 'x1.0']);
  });
});

describe('rpm', () => {
  test('rpmvercmp: tilde, caret, numeric vs alpha', () => {
    assertOrder('rpm', [
      '1.0~rc1~git1',
      '1.0~rc1',
      '1.0',
      '1.0^git1',
      '1.0^git2',
      ['1.0a', '1.0.a'],
      '1.0.1',
      '1.1',
    ]);
    assertOrder('rpm', [['1.0', '1_0', '1+0'], '1.1']);
  });

  test('epoch and release', () => {
    assertOrder('rpm', [
      '2.13.3',
      ['2.13.3-3.el8', '0:2.13.3-3.el8'],
      '2.13.3-3.el8_6.1',
      '2.13.3-4.el8',
      '2.14',
      '1:1.0',
    ]);
  });

  test('release compares only after the version', () => {
    assert.equal(compareVersions('rpm', '1.0-10', '1.1-1'), -1);
    assert.equal(compareVersions('rpm', '1-1.ael7b', '1-1.el7'), -1);
  });
});

describe('alpine (apk)', () => {
  test('suffixes, letters, release', () => {
    assertOrder('alpine', [
      '1.2_alpha',
      '1.2_alpha1',
      '1.2_beta',
      '1.2_pre2',
      '1.2_rc1',
      ['1.2', '1.2-r0'],
      '1.2-r1',
      '1.2_cvs1',
      '1.2_svn1',
      '1.2_git1',
      '1.2_hg1',
      '1.2_p1',
      '1.2a',
      '1.2.1',
    ]);
  });

  test('leading zeros after the first component compare as strings', () => {
    assertOrder('alpine', ['1.02', '1.1', '1.2']);
    assertOrder('alpine', ['1.0.2', '1.0.10']);
  });

  test('the commit hash is ignored', () => {
    assert.equal(compareVersions('alpine', '1.0_git20230101~abcdef-r0', '1.0_git20230101-r0'), 0);
  });
});

describe('rubygems', () => {
  test('pre-releases and trailing zeros', () => {
    assertOrder('rubygems', [
      '1.0.0.a',
      '1.0.0.a.2',
      ['1.0.0.b1', '1.0.0.b.1'],
      ['1.0.0-rc1', '1.0.0.pre.rc1'],
      ['1.0', '1', '1.0.0'],
      '1.0.1',
      '1.10',
    ]);
  });

  test('invalid', () => assertInvalid('rubygems', ['abc', '.1', '1.0_0']));
});

describe('nuget', () => {
  test('four parts, case-insensitive pre-release, metadata ignored', () => {
    assertOrder('nuget', [
      '1.0.0-alpha',
      ['1.0.0-BETA', '1.0.0-beta', '1.0.0-beta+abc'],
      '1.0.0-beta.2',
      '1.0.0-beta.10',
      ['1.0', '1.0.0', '1.0.0.0', '1.0.0+meta'],
      '1.0.0.1',
      '1.0.1',
    ]);
  });

  test('invalid', () => assertInvalid('nuget', ['v1.0.0', '1.0.0.0.0', '1.0.0-', 'abc']));
});

describe('packagist', () => {
  test('PHP version_compare special forms', () => {
    assertOrder('packagist', [
      '1.0.0-dev',
      ['1.0.0-alpha1', '1.0.0a1'],
      ['1.0.0-beta1', '1.0.0b1'],
      ['1.0.0-RC1', '1.0.0rc1'],
      ['1.0.0', 'v1.0.0', 'V1.0.0'],
      ['1.0.0-p1', '1.0.0-pl1', '1.0.0-patch1'],
      '1.0.1',
    ]);
  });

  test('unknown words rank below dev', () => {
    assert.equal(compareVersions('packagist', '1.0-foo', '1.0-dev'), -1);
  });
});

describe('pub', () => {
  test('build metadata is significant', () => {
    assertOrder('pub', ['1.0.0-dev', '1.0.0', '1.0.0+1', '1.0.0+2', '1.0.0+10', '1.0.0+a', '1.0.1']);
  });
});

describe('cran and hackage', () => {
  test('cran: "." and "-" are equivalent, longer wins on a tie', () => {
    assertOrder('cran', [['0.1-0', '0.1.0', '0.01.0'], '0.1.0.0', '0.1-1', '0.9', '0.75', '1.0-0']);
    assertInvalid('cran', ['1.0a', 'abc']);
  });

  test('hackage: integer lists, prefix is smaller', () => {
    assertOrder('hackage', ['0', '0.0', '0.1', '1.0', '1.0.0', '1.0.0.1', '1.1']);
    assertInvalid('hackage', ['1.0-1', '1.0a']);
  });
});

describe('gentoo, alpm, conan, openssl, datetime, lexicographic', () => {
  test('gentoo', () => {
    assertOrder('gentoo', ['1.0_alpha1', '1.0_beta1', '1.0_pre1', '1.0_rc1', ['1.0', '1.0-r0'], '1.0-r1', '1.0_p1', '1.0a', '1.0.0']);
    assertOrder('gentoo', ['1.01', '1.1']);
    assertInvalid('gentoo', ['1.0-beta', 'abc']);
  });

  test('alpm (pacman vercmp)', () => {
    assertOrder('alpm', ['1.0a', '1.0alpha', '1.0b', '1.0beta', '1.0rc', ['1.0', '1.0-1', '0:1.0'], '1.0.a', '1.0.1', '1:0.1']);
    assert.equal(compareVersions('alpm', '1.5-1', '1.5-2'), -1);
  });

  test('conan', () => {
    assertOrder('conan', ['1.0-alpha', ['1', '1.0', '1.0.0'], '1.0+b1', '1.0+b2', '1.1', '1.1a', '1.a', '2']);
  });

  test('openssl', () => {
    assertOrder('openssl', ['0.9.8', '0.9.8a', '0.9.8za', '1.0.0-beta1', '1.0.0', '1.0.0a', '1.1.1w', '3.0.0-alpha1', '3.0.0', '3.0.10']);
    assertInvalid('openssl', ['2.0.0', '1.0.2-rc1', '1.2.3']);
  });

  test('datetime', () => {
    assertOrder('datetime', [
      '2023-12-31T23:59:59.999999999Z',
      ['2024-01-01T00:00:00Z', '2023-12-31T19:00:00-05:00', '2024-01-01T02:00:00+02:00', '2024-01-01T00:00:00.000Z'],
      '2024-01-01T00:00:00.000000001Z',
    ]);
    assertInvalid('datetime', ['2024-01-01', '2024-02-30T00:00:00Z', '2024-01-01T00:00:00']);
  });

  test('lexicographic uses code points, not UTF-16 units', () => {
    assertOrder('lexicographic', ['A', 'a', 'aa', '\uffff', '😀']);
  });
});
