/**
 * OpenSSL release ordering (vers scheme `openssl`):
 *
 *  - legacy releases before 3.0: `major.minor.fix` followed by letter patch
 *    levels (`1.0.2`, `1.0.2a` … `1.0.2z`, `1.0.2za` …), compared by the three
 *    numbers then the letters; `-alphaN`/`-betaN` pre-releases sort before the
 *    release with the same numbers;
 *  - 3.0 and later are semantic versions (`3.0.13`, `3.2.0-alpha1`) and sort
 *    after every legacy release.
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareSemverPrecedence, parseSemverLike } from './semver.js';
import { compareCodePoints, compareDigits } from './util.js';

const LEGACY = /^(0\.9\.[1-8]|1\.0\.[0-2]|1\.1\.[01])((?:-(?:alpha|beta)\d*)|[a-z]*)$/;
const MODERN = /^(\d+)\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

type OpensslVersion =
  | { kind: 'legacy'; numbers: string[]; patch: string }
  | { kind: 'modern'; text: string };

function parseOpenssl(v: string): OpensslVersion {
  const legacy = LEGACY.exec(v);
  if (legacy) return { kind: 'legacy', numbers: legacy[1]!.split('.'), patch: legacy[2]! };
  const modern = MODERN.exec(v);
  if (modern && compareDigits(modern[1]!, '3') >= 0) return { kind: 'modern', text: v };
  throw new VersionParseError('openssl', v);
}

function compareOpenssl(a: string, b: string): number {
  const x = parseOpenssl(a);
  const y = parseOpenssl(b);
  if (x.kind === 'modern' && y.kind === 'modern') {
    return compareSemverPrecedence(parseSemverLike(x.text, 'openssl'), parseSemverLike(y.text, 'openssl'));
  }
  if (x.kind !== y.kind) return x.kind === 'legacy' ? -1 : 1;
  if (x.kind !== 'legacy' || y.kind !== 'legacy') return 0;
  for (let i = 0; i < 3; i++) {
    const c = compareDigits(x.numbers[i]!, y.numbers[i]!);
    if (c !== 0) return c;
  }
  const xp = x.patch.startsWith('-');
  const yp = y.patch.startsWith('-');
  if (xp !== yp) return xp ? -1 : 1;
  return compareCodePoints(x.patch, y.patch);
}

export const opensslComparator: SchemeComparator = {
  isValid: (v) => {
    try {
      parseOpenssl(v);
      return true;
    } catch {
      return false;
    }
  },
  compare: compareOpenssl,
};
