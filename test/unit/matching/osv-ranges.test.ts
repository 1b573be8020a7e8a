import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { evaluateOsvAffected, type OsvAffectedInput, type RangeVerdict } from '../../../services/matching/ranges/index.js';

function status(ecosystem: string, version: string, affected: OsvAffectedInput): RangeVerdict['status'] {
  return evaluateOsvAffected(ecosystem, version, affected).status;
}

function expectStatuses(
  ecosystem: string,
  affected: OsvAffectedInput,
  expected: Record<string, RangeVerdict['status']>,
): void {
  for (const [version, want] of Object.entries(expected)) {
    const verdict = evaluateOsvAffected(ecosystem, version, affected);
    assert.equal(verdict.status, want, `${ecosystem} ${version}: ${JSON.stringify(verdict)}`);
    assert.equal(typeof verdict.reason, 'string', 'every verdict carries a reason');
  }
}

describe('OSV ECOSYSTEM / SEMVER ranges', () => {
  test('introduced 0 + fixed', () => {
    expectStatuses(
      'PyPI',
      { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.31.0' }] }] },
      { '0.1': 'affected', '2.30.0': 'affected', '2.31.0rc1': 'affected', '2.31.0': 'not_affected', '2.31.1': 'not_affected' },
    );
  });

  test('unsorted events with several introduced/fixed pairs (Maven)', () => {
    const affected: OsvAffectedInput = {
      ranges: [
        {
          type: 'ECOSYSTEM',
          events: [
            { introduced: '12.10.0' },
            { fixed: '12.10.2' },
            { introduced: '12.0' },
            { fixed: '12.6.7' },
            { introduced: '11.6.1' },
            { fixed: '11.10.13' },
          ],
        },
      ],
    };
    expectStatuses('Maven', affected, {
      '11.6.0': 'not_affected',
      '11.6.1': 'affected',
      '11.10.12': 'affected',
      '11.10.13': 'not_affected',
      '11.99': 'not_affected',
      '12.0-rc-1': 'not_affected',
      '12.0': 'affected',
      '12.6.6': 'affected',
      '12.6.7': 'not_affected',
      '12.9': 'not_affected',
      '12.10.0': 'affected',
      '12.10.1': 'affected',
      '12.10.2': 'not_affected',
      '13.0': 'not_affected',
    });
  });

  test('introduced 0 sorts first even when listed last', () => {
    expectStatuses(
      'npm',
      { ranges: [{ type: 'SEMVER', events: [{ fixed: '1.2.3' }, { introduced: '0' }] }] },
      { '0.0.1': 'affected', '1.2.2': 'affected', '1.2.3': 'not_affected' },
    );
  });

  test('last_affected is inclusive, fixed is exclusive', () => {
    const lastAffected: OsvAffectedInput = {
      ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { last_affected: '1.4.2' }] }],
    };
    expectStatuses('npm', lastAffected, {
      '0.9.0': 'not_affected',
      '1.0.0': 'affected',
      '1.4.2': 'affected',
      '1.4.3-beta.1': 'not_affected',
      '1.4.3': 'not_affected',
    });
    const fixed: OsvAffectedInput = {
      ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.4.2' }] }],
    };
    expectStatuses('npm', fixed, { '1.4.1': 'affected', '1.4.2-rc.1': 'affected', '1.4.2': 'not_affected' });
  });

  test('introduced without an end affects every later version', () => {
    expectStatuses(
      'crates.io',
      { ranges: [{ type: 'SEMVER', events: [{ introduced: '0.5.0' }] }] },
      { '0.4.9': 'not_affected', '0.5.0': 'affected', '99.0.0': 'affected' },
    );
  });

  test('limit bounds the range; "*" means no limit', () => {
    const limited: OsvAffectedInput = {
      ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '1.5.0' }] }],
    };
    expectStatuses('npm', limited, { '1.2.0': 'affected', '1.5.0': 'not_affected', '2.0.0': 'not_affected' });
    const twoLimits: OsvAffectedInput = {
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { limit: '1.5.0' }, { limit: '2.0.0' }] }],
    };
    expectStatuses('npm', twoLimits, { '1.7.0': 'affected', '2.0.0': 'not_affected' });
    const star: OsvAffectedInput = { ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '*' }] }] };
    expectStatuses('npm', star, { '9.9.9': 'affected' });
  });

  test('multiple ranges: any range containing the version wins', () => {
    const affected: OsvAffectedInput = {
      ranges: [
        { type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.2' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '2.0' }, { fixed: '2.3' }] },
      ],
    };
    expectStatuses('RubyGems', affected, { '1.1': 'affected', '1.5': 'not_affected', '2.2.9': 'affected', '2.3': 'not_affected' });
  });

  test('Go SEMVER ranges match versions with and without the v prefix', () => {
    const affected: OsvAffectedInput = { ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.20.3' }] }] };
    expectStatuses('Go', affected, { 'v1.20.2': 'affected', '1.20.2': 'affected', 'v1.20.3': 'not_affected' });
  });

  test('Debian, Alpine and Red Hat ecosystems with a release suffix', () => {
    expectStatuses(
      'Debian:12',
      { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u1' }] }] },
      { '3.0.9-1': 'affected', '3.0.11-1~deb12u1': 'not_affected', '3.0.11-1': 'not_affected', '1:0.1': 'not_affected' },
    );
    expectStatuses(
      'Alpine:v3.8',
      { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.2q-r0' }] }] },
      { '1.0.2p-r0': 'affected', '1.0.2q-r0': 'not_affected', '1.1.0-r0': 'not_affected' },
    );
    expectStatuses(
      'Red Hat:rhel_aus:8.6::appstream',
      { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '0:2.13.3-3.el8_6.1' }] }] },
      { '2.13.3-3.el8': 'affected', '0:2.13.3-3.el8_6.1': 'not_affected', '2.13.3-4.el8': 'not_affected' },
    );
  });
});

describe('OSV versions list', () => {
  test('an exact listed version is affected; others are not when the list is the only data', () => {
    const affected: OsvAffectedInput = { versions: ['2.10.0', '2.3.0'] };
    expectStatuses('PyPI', affected, { '2.10.0': 'affected', '2.3.0': 'affected', '2.4.0': 'not_affected' });
  });

  test('equality in the scheme counts as listed (PEP 440 normalization)', () => {
    expectStatuses('PyPI', { versions: ['1.0'] }, { '1.0.0': 'affected', 'v1.0': 'affected', '1.0.post1': 'not_affected' });
  });

  test('an exact string match is trusted even without a known ordering', () => {
    expectStatuses('no-such-ecosystem', { versions: ['r42'] }, { r42: 'affected', r43: 'unknown' });
  });
});

describe('OSV: unknown instead of a wrong answer', () => {
  test('GIT ranges alone cannot be evaluated', () => {
    const verdict = evaluateOsvAffected('PyPI', '2.30.0', {
      ranges: [{ type: 'GIT', repo: 'https://github.com/psf/requests', events: [{ introduced: '0' }, { fixed: 'abc123' }] }],
    });
    assert.equal(verdict.status, 'unknown');
    assert.match(verdict.reason ?? '', /GIT ranges cannot be evaluated/);
  });

  test('GIT ranges are ignored next to an ECOSYSTEM range or a versions list', () => {
    const affected: OsvAffectedInput = {
      ranges: [
        { type: 'GIT', repo: 'https://github.com/psf/requests', events: [{ introduced: '0' }, { fixed: '74ea7cf7' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '2.3.0' }, { fixed: '2.31.0' }] },
      ],
      versions: ['2.3.0', '2.30.0'],
    };
    expectStatuses('PyPI', affected, { '2.30.0': 'affected', '2.29.5': 'affected', '2.31.0': 'not_affected', '2.2.0': 'not_affected' });
    expectStatuses(
      'PyPI',
      { ranges: [{ type: 'GIT', repo: 'r', events: [{ introduced: '0' }, { fixed: 'abc' }] }], versions: ['1.0'] },
      { '1.0': 'affected', '1.1': 'not_affected' },
    );
  });

  test('unknown ecosystem', () => {
    const verdict = evaluateOsvAffected('NoSuchEcosystem', '1.0.0', {
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
    });
    assert.equal(verdict.status, 'unknown');
    assert.match(verdict.reason ?? '', /no version ordering known/);
  });

  test('unparsable package version', () => {
    const verdict = evaluateOsvAffected('npm', '1.0.0.final!', {
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
    });
    assert.equal(verdict.status, 'unknown');
    assert.match(verdict.reason ?? '', /not a valid semver version/);
  });

  test('unparsable event version makes that range unknown, never affected', () => {
    const affected: OsvAffectedInput = {
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '<unfixed>' }] }],
    };
    assert.equal(status('Debian:12', '1.0-1', affected), 'unknown');
    // …but another range that certainly contains the version still decides
    affected.ranges!.push({ type: 'ECOSYSTEM', events: [{ introduced: '0.9' }, { fixed: '1.1' }] });
    assert.equal(status('Debian:12', '1.0-1', affected), 'affected');
  });

  test('withdrawn-ish entries: no ranges and no versions, empty events, malformed events', () => {
    assert.equal(status('npm', '1.0.0', {}), 'unknown');
    assert.equal(status('npm', '1.0.0', { ranges: [], versions: [] }), 'unknown');
    assert.equal(status('npm', '1.0.0', { ranges: [{ type: 'SEMVER', events: [] }] }), 'unknown');
    assert.equal(
      status('npm', '1.0.0', { ranges: [{ type: 'SEMVER', events: [{ introduced: '0', fixed: '2.0.0' }] }] }),
      'unknown',
    );
    assert.equal(status('npm', '1.0.0', { ranges: [{ type: 'SEMVER', events: [{ fixed: '0.5.0' }] }] }), 'not_affected');
  });

  test('versions without digits are not guessed into a range (lenient schemes would order them)', () => {
    const allVersions: OsvAffectedInput = { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }] };
    assert.equal(status('Packagist', 'dev-master', allVersions), 'unknown');
    assert.equal(status('Alpine:v3.18', 'latest', allVersions), 'unknown');
    assert.equal(status('Packagist', 'dev-master', { ...allVersions, versions: ['dev-master'] }), 'affected');
  });

  test('unsupported range type', () => {
    assert.equal(status('npm', '1.0.0', { ranges: [{ type: 'CALVER', events: [{ introduced: '0' }] }] }), 'unknown');
  });
});
