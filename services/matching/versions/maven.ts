/**
 * Maven ordering: a port of org.apache.maven.artifact.versioning.ComparableVersion
 * (maven-artifact 3.8.x, the implementation OSV's Maven fixtures were generated with).
 *
 * The version is lower-cased and split into items at `.`, `-` and at every
 * digit/non-digit transition; `-` and transitions open a nested list. Numbers
 * are unbounded integers; words are qualifiers ordered
 * `alpha` < `beta` < `milestone` < `rc` = `cr` < `snapshot` < "" = `ga` = `final` = `release` < `sp`
 * < any other word (lexically); `a1`/`b1`/`m1` abbreviate alpha/beta/milestone
 * when directly followed by a digit. Trailing "null" items (0, "", empty lists)
 * are dropped from every list before comparing.
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareCodeUnits, compareDigits, hasSpaceOrControl } from './util.js';

type Item = IntItem | StringItem | ListItem;
interface IntItem {
  kind: 'int';
  /** Decimal digits without leading zeros ("0" for zero). */
  value: string;
}
interface StringItem {
  kind: 'string';
  value: string;
}
interface ListItem {
  kind: 'list';
  items: Item[];
}

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_VERSION_INDEX = String(QUALIFIERS.indexOf(''));

function intItem(digits: string): IntItem {
  return { kind: 'int', value: digits.replace(/^0+(?=.)/, '') };
}

function stringItem(value: string, followedByDigit: boolean): StringItem {
  let v = value;
  if (followedByDigit && v.length === 1) {
    if (v === 'a') v = 'alpha';
    else if (v === 'b') v = 'beta';
    else if (v === 'm') v = 'milestone';
  }
  return { kind: 'string', value: Object.hasOwn(ALIASES, v) ? ALIASES[v]! : v };
}

function comparableQualifier(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function isNull(item: Item): boolean {
  switch (item.kind) {
    case 'int':
      return item.value === '0';
    case 'string':
      return comparableQualifier(item.value) === RELEASE_VERSION_INDEX;
    case 'list':
      return item.items.length === 0;
  }
}

function normalize(list: ListItem, isRoot: boolean): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const last = list.items[i]!;
    if (isNull(last)) list.items.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
  // Removing a null qualifier must not leave an extra nesting level inside a sub-list:
  // `1-ga-1` = `1-1`, as the Maven version order specification (and OSV) say. maven-artifact
  // 3.8 keeps `[1, [[1]]]` here; Maven 4 flattens the same way. The root list is left alone so
  // `0.0.0-2021…` stays below `20.0.0`.
  const only = list.items[0];
  if (!isRoot && list.items.length === 1 && only !== undefined && only.kind === 'list') list.items = only.items;
}

function isDigitChar(c: string): boolean {
  // Java's Character.isDigit also accepts non-ASCII decimal digits; Maven versions use ASCII ones.
  return c >= '0' && c <= '9';
}

function parseItem(isDigit: boolean, buf: string): Item {
  return isDigit ? intItem(buf) : stringItem(buf, false);
}

export function parseMaven(version: string): ListItem {
  const items: ListItem = { kind: 'list', items: [] };
  const v = version.toLowerCase();
  let list = items;
  const stack: ListItem[] = [list];
  let isDigit = false;
  let startIndex = 0;
  const chars = Array.from(v);
  const push = (): void => {
    const next: ListItem = { kind: 'list', items: [] };
    list.items.push(next);
    list = next;
    stack.push(next);
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '.') {
      list.items.push(i === startIndex ? intItem('0') : parseItem(isDigit, chars.slice(startIndex, i).join('')));
      startIndex = i + 1;
    } else if (c === '-') {
      list.items.push(i === startIndex ? intItem('0') : parseItem(isDigit, chars.slice(startIndex, i).join('')));
      startIndex = i + 1;
      push();
    } else if (isDigitChar(c)) {
      if (!isDigit && i > startIndex) {
        list.items.push(stringItem(chars.slice(startIndex, i).join(''), true));
        startIndex = i;
        push();
      }
      isDigit = true;
    } else {
      if (isDigit && i > startIndex) {
        list.items.push(parseItem(true, chars.slice(startIndex, i).join('')));
        startIndex = i;
        push();
      }
      isDigit = false;
    }
  }
  if (chars.length > startIndex) list.items.push(parseItem(isDigit, chars.slice(startIndex).join('')));
  while (stack.length > 0) {
    const l = stack.pop()!;
    normalize(l, l === items);
  }
  return items;
}

/** Item.compareTo(other), `null` standing for a missing item. */
function compareItem(item: Item, other: Item | null): number {
  switch (item.kind) {
    case 'int':
      if (other === null) return item.value === '0' ? 0 : 1;
      if (other.kind === 'int') return compareDigits(item.value, other.value);
      return 1; // 1.1 > 1-sp, 1.1 > 1-1
    case 'string':
      if (other === null) return Math.sign(compareCodeUnits(comparableQualifier(item.value), RELEASE_VERSION_INDEX));
      if (other.kind === 'string') {
        return Math.sign(compareCodeUnits(comparableQualifier(item.value), comparableQualifier(other.value)));
      }
      return -1; // 1.any < 1.1, 1.any < 1-1
    case 'list': {
      if (other === null) {
        if (item.items.length === 0) return 0;
        return compareItem(item.items[0]!, null);
      }
      if (other.kind === 'int') return -1; // 1-1 < 1.0.x
      if (other.kind === 'string') return 1; // 1-1 > 1-sp
      const n = Math.max(item.items.length, other.items.length);
      for (let i = 0; i < n; i++) {
        const l = item.items[i] ?? null;
        const r = other.items[i] ?? null;
        const result = l === null ? (r === null ? 0 : -1 * compareItem(r, l)) : compareItem(l, r);
        if (result !== 0) return result;
      }
      return 0;
    }
  }
}

function checked(v: string): string {
  if (v.length === 0 || hasSpaceOrControl(v)) throw new VersionParseError('maven', v);
  return v;
}

export const mavenComparator: SchemeComparator = {
  isValid: (v) => v.length > 0 && !hasSpaceOrControl(v),
  compare: (a, b) => compareItem(parseMaven(checked(a)), parseMaven(checked(b))),
};
