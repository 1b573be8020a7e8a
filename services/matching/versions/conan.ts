/**
 * Conan (C/C++, ConanCenter) version ordering, following Conan 2's `Version`:
 * `main[-pre][+build]` where the build is what follows the last `+` and the
 * pre-release what follows the last `-` before it; pre-release and build are
 * versions themselves. Main items are dot-separated, integers when they are
 * digit strings, otherwise words; trailing zero items are ignored (`1` = `1.0.0`).
 * Items compare numerically, lexically, or — number against word — by their
 * text. A pre-release sorts before the same main version without one; a
 * version without a build sorts before the same version with one.
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareCodePoints, compareDigits, hasSpaceOrControl, isDigits, sign } from './util.js';

interface ConanVersion {
  items: string[];
  pre: ConanVersion | null;
  build: ConanVersion | null;
}

function parseConanParts(v: string): ConanVersion {
  let value = v;
  let build: ConanVersion | null = null;
  const plus = value.lastIndexOf('+');
  if (plus >= 0) {
    build = parseConanParts(value.slice(plus + 1));
    value = value.slice(0, plus);
  }
  let pre: ConanVersion | null = null;
  const minus = value.lastIndexOf('-');
  if (minus >= 0) {
    pre = parseConanParts(value.slice(minus + 1));
    value = value.slice(0, minus);
  }
  const items = value.split('.').map((i) => (isDigits(i) ? i.replace(/^0+(?=.)/, '') : i));
  while (items.length > 0 && items[items.length - 1] === '0') items.pop();
  return { items, pre, build };
}

function parseConan(v: string): ConanVersion {
  if (v.length === 0 || hasSpaceOrControl(v)) throw new VersionParseError('conan', v);
  return parseConanParts(v);
}

function compareItems(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xn = isDigits(x);
    const yn = isDigits(y);
    const c = xn && yn ? compareDigits(x, y) : compareCodePoints(x, y);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

/** Optional nested versions: absent sorts first. */
function compareOptional(a: ConanVersion | null, b: ConanVersion | null): number {
  if (a === null || b === null) return (a === null ? 0 : 1) - (b === null ? 0 : 1);
  return compareConanVersions(a, b);
}

function compareConanVersions(a: ConanVersion, b: ConanVersion): number {
  const items = compareItems(a.items, b.items);
  if (a.pre !== null && b.pre !== null) return items || compareConanVersions(a.pre, b.pre) || compareOptional(a.build, b.build);
  if (a.pre !== null) return items === 0 ? -1 : items;
  if (b.pre !== null) return items === 0 ? 1 : items;
  return items || compareOptional(a.build, b.build);
}

export const conanComparator: SchemeComparator = {
  isValid: (v) => v.length > 0 && !hasSpaceOrControl(v),
  compare: (a, b) => compareConanVersions(parseConan(a), parseConan(b)),
};
