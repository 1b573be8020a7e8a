/**
 * CRAN / Bioconductor (R `package_version`): non-negative integers separated
 * by `.` or `-`, compared numerically component by component; when one is a
 * prefix of the other the longer version is greater (`0.1.0` < `0.1.0.0`).
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareNumericComponents, sign } from './util.js';

const CRAN = /^\d+(?:[.-]\d+)*$/;

function parts(v: string): string[] {
  if (!CRAN.test(v)) throw new VersionParseError('cran', v);
  return v.split(/[.-]/);
}

export const cranComparator: SchemeComparator = {
  isValid: (v) => CRAN.test(v),
  compare: (a, b) => {
    const x = parts(a);
    const y = parts(b);
    return compareNumericComponents(x, y) || sign(x.length - y.length);
  },
};
