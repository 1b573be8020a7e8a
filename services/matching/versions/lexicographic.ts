/**
 * vers `lexicographic` scheme: plain code-point (UTF-8 byte) order with no
 * normalization, so a decomposed `e\u0301` sorts before the composed `é`.
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareCodePoints } from './util.js';

export const lexicographicComparator: SchemeComparator = {
  isValid: (v) => v.length > 0,
  compare: (a, b) => {
    if (a.length === 0) throw new VersionParseError('lexicographic', a);
    if (b.length === 0) throw new VersionParseError('lexicographic', b);
    return compareCodePoints(a, b);
  },
};
