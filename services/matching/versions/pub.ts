/**
 * Dart pub (pub_semver) ordering: semver precedence, except that build
 * metadata is significant — a version with a build sorts after the same
 * version without one, and builds compare like pre-release identifiers
 * (`1.2.3+1` < `1.2.3+2` < `1.2.3+a`). Parsing is the lenient semver-like
 * form of ./semver.ts (leading `v`, any number of numeric components).
 */
import { type SchemeComparator } from './errors.js';
import { compareSemverPrecedence, parseSemverLike } from './semver.js';
import { compareIdentifierLists } from './util.js';

function comparePub(a: string, b: string): number {
  const x = parseSemverLike(a, 'pub');
  const y = parseSemverLike(b, 'pub');
  const c = compareSemverPrecedence(x, y);
  if (c !== 0) return c;
  if (x.build.length === 0 || y.build.length === 0) {
    return (x.build.length === 0 ? 0 : 1) - (y.build.length === 0 ? 0 : 1);
  }
  return compareIdentifierLists(x.build, y.build);
}

export const pubComparator: SchemeComparator = {
  isValid: (v) => {
    try {
      parseSemverLike(v, 'pub');
      return true;
    } catch {
      return false;
    }
  },
  compare: comparePub,
};
