/**
 * PyPI ordering: PEP 440 via @renovatebot/pep440 (a port of `packaging`'s
 * Version), plus `packaging`'s pre-22 LegacyVersion for strings that are not
 * PEP 440: OSV PyPI data and pip's history contain such versions
 * (`0.1-bulbasaur`, `0.7.1.fix1`), and they sort before every PEP 440 version.
 *
 * The library parses numbers into JS numbers, so a PEP 440 version with a
 * numeric segment above 2^53 is rejected as unparsable rather than compared
 * inexactly.
 */
import { compare as pep440Compare, parse as pep440Parse } from '@renovatebot/pep440';

import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareCodePoints, hasSpaceOrControl, sign } from './util.js';

type Parsed = { kind: 'pep440'; text: string } | { kind: 'legacy'; key: string[] };

const LEGACY_REPLACEMENTS: Record<string, string> = {
  pre: 'c',
  preview: 'c',
  '-': 'final-',
  rc: 'c',
  dev: '@',
};

/** packaging.version._legacy_cmpkey (setuptools' historical parse_version). */
function legacyKey(version: string): string[] {
  const parts: string[] = [];
  // re.split with a capturing group keeps both the separators and the text between them
  const pieces = version.toLowerCase().split(/(\d+|[a-z]+|\.|-)/);
  const stream: string[] = [];
  for (const raw of pieces) {
    const part = Object.hasOwn(LEGACY_REPLACEMENTS, raw) ? LEGACY_REPLACEMENTS[raw]! : raw;
    if (part === '' || part === '.') continue;
    stream.push(/^[0-9]/.test(part) ? part.padStart(8, '0') : `*${part}`);
  }
  stream.push('*final');
  for (const part of stream) {
    if (part.startsWith('*')) {
      if (compareCodePoints(part, '*final') < 0) {
        while (parts.length > 0 && parts[parts.length - 1] === '*final-') parts.pop();
      }
      while (parts.length > 0 && parts[parts.length - 1] === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

function parsePypi(version: string): Parsed {
  // packaging.version strips surrounding whitespace; like every scheme here we reject it instead
  const text = version;
  if (text.length === 0 || hasSpaceOrControl(text)) throw new VersionParseError('pypi', version);
  const parsed = pep440Parse(text);
  if (parsed) {
    const numbers = [parsed.epoch, ...parsed.release];
    for (const n of numbers) {
      if (!Number.isSafeInteger(n)) throw new VersionParseError('pypi', version, 'numeric segment exceeds 2^53');
    }
    for (const seg of [parsed.pre, parsed.post, parsed.dev]) {
      if (Array.isArray(seg) && typeof seg[1] === 'number' && !Number.isSafeInteger(seg[1])) {
        throw new VersionParseError('pypi', version, 'numeric segment exceeds 2^53');
      }
    }
    return { kind: 'pep440', text };
  }
  return { kind: 'legacy', key: legacyKey(text) };
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareCodePoints(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

function comparePypi(a: string, b: string): number {
  const x = parsePypi(a);
  const y = parsePypi(b);
  if (x.kind === 'legacy' && y.kind === 'legacy') return compareKeys(x.key, y.key);
  if (x.kind === 'legacy') return -1;
  if (y.kind === 'legacy') return 1;
  return sign(pep440Compare(x.text, y.text));
}

/** True when the string is a PEP 440 version (legacy versions are comparable but not PEP 440). */
export function isPep440(version: string): boolean {
  return !hasSpaceOrControl(version) && pep440Parse(version) !== null;
}

export const pypiComparator: SchemeComparator = {
  isValid: (v) => {
    try {
      parsePypi(v);
      return true;
    } catch {
      return false;
    }
  },
  compare: comparePypi,
};
