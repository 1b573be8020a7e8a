/**
 * CVSS base scores against FIRST's published examples: the v3.1 specification's
 * scoring examples (CVE-2014-0160 Heartbleed, CVE-2014-6271 Shellshock, CVE-2013-0375,
 * CVE-2012-1516, CVE-2009-0658, CVE-2013-1937 as scored in v3.0), the v2 guide's
 * worked examples (CVE-2002-0392, CVE-2003-0818, CVE-2003-0062), and v4.0 vectors
 * from FIRST's calculator. Invalid vectors give a reason, never a score.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreCvss } from '../../../schema/severity/cvss.js';
import { ratingOfWord } from '../../../schema/severity/rating.js';

function scored(vector: string): [number, string, string] {
  const r = scoreCvss(vector);
  assert.ok(r.ok, `${vector}: ${r.ok ? '' : r.reason}`);
  return [r.score.baseScore, r.score.baseSeverity, r.score.version];
}

describe('CVSS v3.x base score (FIRST v3.1 specification, section 7 and the examples document)', () => {
  const examples: Array<[string, number, string]> = [
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5, 'HIGH'], // CVE-2014-0160
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'CRITICAL'], // CVE-2014-6271
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4, 'MEDIUM'], // CVE-2013-0375
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9, 'CRITICAL'], // CVE-2012-1516
    ['CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 7.8, 'HIGH'], // CVE-2009-0658
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'MEDIUM'], // CVE-2013-1937 (v3.0 examples)
    ['CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:N/A:N', 0, 'NONE'], // no impact: 0 whatever the exploitability
  ];
  for (const [vector, score, rating] of examples) {
    test(`${vector} → ${score} ${rating}`, () => {
      const [s, r, version] = scored(vector);
      assert.equal(s, score);
      assert.equal(r, rating);
      assert.equal(version, vector.slice(5, 8));
    });
  }

  test('temporal and environmental metrics are validated but do not change the base score', () => {
    assert.equal(scored('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R/CR:L/MAV:P')[0], 9.8);
  });
});

describe('CVSS v2 base score (FIRST, A Complete Guide to CVSS v2, section 3.3)', () => {
  const examples: Array<[string, number, string]> = [
    ['AV:N/AC:L/Au:N/C:N/I:N/A:C', 7.8, 'HIGH'], // CVE-2002-0392
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C', 10, 'HIGH'], // CVE-2003-0818
    ['AV:L/AC:H/Au:N/C:C/I:C/A:C', 6.2, 'MEDIUM'], // CVE-2003-0062
  ];
  for (const [vector, score, rating] of examples) {
    test(`${vector} → ${score} ${rating}`, () => assert.deepEqual(scored(vector), [score, rating, '2.0']));
  }
  test('the parenthesised and CVSS:2.0/ spellings score the same', () => {
    assert.equal(scored('(AV:N/AC:L/Au:N/C:N/I:N/A:C)')[0], 7.8);
    assert.equal(scored('CVSS:2.0/AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF')[0], 7.8);
  });
});

describe('CVSS v4.0 base score (CVSS-B, FIRST calculator)', () => {
  test('known vectors', () => {
    assert.deepEqual(scored('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), [9.3, 'CRITICAL', '4.0']);
    assert.deepEqual(scored('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H'), [10, 'CRITICAL', '4.0']);
    assert.deepEqual(scored('CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N'), [0, 'NONE', '4.0']);
  });
  test('threat metrics do not change the base score', () => {
    assert.equal(scored('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U')[0], 9.3);
  });
});

describe('invalid vectors', () => {
  const invalid: Array<[string, RegExp]> = [
    ['CVSS:3.1/AV:N/AC:L', /base metric\(s\) PR, UI, S, C, I, A missing/],
    ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /metric AV cannot be "Q"/],
    ['CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /AV is given twice/],
    ['CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /starts with "CVSS:3.0\/" or "CVSS:3.1\/"/],
    ['CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', /AT missing/],
    ['AV:N/AC:L/Au:N/C:N/I:N', /A missing/],
    ['not a vector', /not a CVSS v2, v3 or v4 vector/],
    ['', /not a CVSS v2, v3 or v4 vector/],
  ];
  for (const [vector, reason] of invalid) {
    test(JSON.stringify(vector), () => {
      const r = scoreCvss(vector);
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.reason, reason);
    });
  }
  test('a vector of another version than the entry declares is invalid there', () => {
    const r = scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '4');
    assert.equal(r.ok, false);
  });
});

test('vendor words map onto the CVSS scale; unknown words do not', () => {
  assert.deepEqual(['Important', 'moderate', 'LOW', 'Critical', 'negligible', 'urgent'].map(ratingOfWord), ['HIGH', 'MEDIUM', 'LOW', 'CRITICAL', 'NONE', null]);
});
