/**
 * Hackage (Haskell PVP, Cabal's Data.Version): dot-separated non-negative
 * integers compared lexicographically as integer lists, so a prefix is
 * smaller (`1.0` < `1.0.0`).
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareDigits, sign } from './util.js';

const HACKAGE = /^\d+(?:\.\d+)*$/;

function parts(v: string): string[] {
  if (!HACKAGE.test(v)) throw new VersionParseError('hackage', v);
  return v.split('.');
}

export const hackageComparator: SchemeComparator = {
  isValid: (v) => HACKAGE.test(v),
  compare: (a, b) => {
    const x = parts(a);
    const y = parts(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = compareDigits(x[i]!, y[i]!);
      if (c !== 0) return c;
    }
    return sign(x.length - y.length);
  },
};
