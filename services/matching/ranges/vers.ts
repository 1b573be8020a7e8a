/**
 * vers (package-url/vers-spec) version range specifiers:
 * `vers:<scheme>/<constraint>|<constraint>|...`, each constraint a comparator
 * (`=` implied, `!=`, `<`, `<=`, `>`, `>=`) and a percent-encoded version, or
 * the lone `*`.
 *
 *  - parseVers(s) is lenient by default: spaces are dropped, empty constraints
 *    are skipped, and constraints are sorted into canonical order (by version,
 *    then comparator). With `{ strict: true }` only the canonical form is
 *    accepted, with the vers-spec error messages.
 *  - versContains() implements the vers-spec containment algorithm.
 *  - versToString() / normalizeVers() give the canonical string.
 */
import {
  compareVersions,
  isValidVersion,
  schemeForEcosystem,
  type VersionScheme,
} from '../versions/index.js';
import { SupplygraphError } from '../../../schema/errors/supplygraph-error.js';

export type VersComparator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '*';

export interface VersConstraint {
  comparator: VersComparator;
  /** Decoded version; '' for `*`. */
  version: string;
}

export interface VersRange {
  /** The versioning scheme as written after `vers:` (lower-cased). */
  scheme: string;
  constraints: VersConstraint[];
}

export type VersErrorCode = 'INVALID_VERS' | 'UNSUPPORTED_VERS_SCHEME';

export class VersError extends SupplygraphError<VersErrorCode> {}

export interface ParseVersOptions {
  /** Accept only the canonical form (no spaces, sorted, canonical percent-encoding). */
  strict?: boolean;
}

const COMPARATOR_PREFIXES: readonly VersComparator[] = ['>=', '<=', '!=', '<', '>', '='];

/** The version scheme a vers scheme orders with, or null when unsupported. */
export function versionSchemeForVers(versScheme: string): VersionScheme | null {
  return schemeForEcosystem(versScheme);
}

function nonCanonical(detail: string): VersError {
  return new VersError('INVALID_VERS', `non-canonical VERS: ${detail}`);
}

function invalid(detail: string): VersError {
  return new VersError('INVALID_VERS', `invalid VERS: ${detail}`);
}

/** Characters that may appear unencoded in a canonical vers version. */
const SAFE = /^[A-Za-z0-9.\-_~+:!*'(),;=@&$]$/;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeVersion(raw: string, scheme: string, strict: boolean): string {
  if (!raw.includes('%')) return raw;
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '%') {
      bytes.push(...new TextEncoder().encode(c));
      continue;
    }
    const hex = raw.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
      throw strict ? nonCanonical('invalid percent-encoding in version') : invalid('invalid percent-encoding in version');
    }
    const byte = parseInt(hex, 16);
    if (strict) {
      if (hex !== hex.toUpperCase()) throw nonCanonical('percent-encoding in version is not canonical');
      const ch = String.fromCharCode(byte);
      if (scheme === 'datetime' && ch === ':') throw nonCanonical('datetime time colons must be unencoded');
      if (byte < 0x80 && SAFE.test(ch)) throw nonCanonical('percent-encoding in version is not canonical');
    }
    bytes.push(byte);
    i += 2;
  }
  try {
    return UTF8.decode(new Uint8Array(bytes));
  } catch {
    throw strict ? nonCanonical('invalid percent-encoding in version') : invalid('invalid percent-encoding in version');
  }
}

function encodeVersion(version: string): string {
  let out = '';
  for (const ch of version) {
    if (SAFE.test(ch)) out += ch;
    else out += encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return out;
}

function compareConstraints(scheme: VersionScheme, a: VersConstraint, b: VersConstraint): number {
  if (a.comparator === '*' || b.comparator === '*') return 0;
  return compareVersions(scheme, a.version, b.version) || (a.comparator < b.comparator ? -1 : a.comparator > b.comparator ? 1 : 0);
}

/**
 * Sorts constraints into canonical order (stable); throws when a version that
 * has to be compared is invalid for the scheme. A single constraint needs no
 * comparison, so its version is only checked when it is used (versContains).
 */
function sortConstraints(scheme: VersionScheme, constraints: VersConstraint[]): VersConstraint[] {
  if (constraints.length < 2) return [...constraints];
  for (const c of constraints) {
    if (c.comparator !== '*' && !isValidVersion(scheme, c.version)) {
      throw invalid(`${JSON.stringify(c.version)} is not a valid ${scheme} version`);
    }
  }
  return [...constraints].sort((a, b) => compareConstraints(scheme, a, b));
}

export function parseVers(s: string, options: ParseVersOptions = {}): VersRange {
  const strict = options.strict === true;
  if (typeof s !== 'string' || s.trim() === '') throw invalid('empty string');
  if (strict && /\s/.test(s)) throw nonCanonical('whitespace is not permitted');
  const text = s.replace(/\s+/g, '');

  const colon = text.indexOf(':');
  if (colon < 0 || text.slice(0, colon).toLowerCase() !== 'vers') throw invalid('must start with "vers:"');
  if (strict && text.slice(0, colon) !== 'vers') throw nonCanonical('the URI scheme must be lowercase "vers"');
  const rest = text.slice(colon + 1);
  const slash = rest.indexOf('/');
  if (slash <= 0) throw invalid('missing versioning scheme');
  const rawScheme = rest.slice(0, slash);
  if (strict && rawScheme !== rawScheme.toLowerCase()) throw nonCanonical('versioning scheme must be lowercase');
  const scheme = rawScheme.toLowerCase();
  let body = rest.slice(slash + 1);

  if (strict) {
    if (body.startsWith('|')) throw nonCanonical('leading pipe is not permitted');
    if (body.endsWith('|')) throw nonCanonical('trailing pipe is not permitted');
    if (body.includes('||')) throw nonCanonical('consecutive pipes are not permitted');
  } else {
    body = body.replace(/^\|+|\|+$/g, '');
  }
  if (body === '') throw invalid('no version constraints');

  const parts = body.split('|').filter((p) => strict || p !== '');
  if (parts.includes('*')) {
    if (parts.length !== 1) throw invalid('"*" must be the only constraint');
    return { scheme, constraints: [{ comparator: '*', version: '' }] };
  }

  const constraints: VersConstraint[] = parts.map((part) => {
    const prefix = COMPARATOR_PREFIXES.find((p) => part.startsWith(p));
    const comparator: VersComparator = prefix ?? '=';
    const raw = prefix === undefined ? part : part.slice(prefix.length);
    if (raw === '') throw invalid(`empty version in constraint ${JSON.stringify(part)}`);
    if (raw.startsWith('*')) throw invalid(`"*" cannot be combined with other constraints`);
    const version = decodeVersion(raw, scheme, strict);
    if (strict && scheme === 'datetime' && /[tz]/.test(version)) {
      throw nonCanonical('datetime must use uppercase T and Z');
    }
    return { comparator, version };
  });

  const vs = versionSchemeForVers(scheme);
  if (vs === null) {
    if (strict) throw new VersError('UNSUPPORTED_VERS_SCHEME', `unsupported vers scheme ${JSON.stringify(scheme)}`);
    return { scheme, constraints };
  }
  const sorted = sortConstraints(vs, constraints);
  if (strict) {
    for (let i = 1; i < constraints.length; i++) {
      if (compareConstraints(vs, constraints[i - 1]!, constraints[i]!) > 0) {
        throw nonCanonical('constraints are not sorted by version');
      }
    }
  }
  return { scheme, constraints: sorted };
}

/** Canonical string of a range (constraints sorted when the scheme is known). */
export function versToString(range: VersRange): string {
  const vs = versionSchemeForVers(range.scheme);
  const constraints = vs ? sortConstraints(vs, range.constraints) : range.constraints;
  const body = constraints
    .map((c) => (c.comparator === '*' ? '*' : c.comparator === '=' ? encodeVersion(c.version) : c.comparator + encodeVersion(c.version)))
    .join('|');
  return `vers:${range.scheme}/${body}`;
}

/** Parses leniently and returns the canonical string (sorted by version, spaces removed). */
export function normalizeVers(s: string): string {
  return versToString(parseVers(s));
}

/**
 * vers-spec containment: is `version` inside `range`? Throws VersError for an
 * unsupported scheme or an invalid comparator sequence, and VersionParseError
 * when `version` is not valid in the scheme.
 */
export function versContains(range: VersRange, version: string): boolean {
  const scheme = versionSchemeForVers(range.scheme);
  if (scheme === null) throw new VersError('UNSUPPORTED_VERS_SCHEME', `unsupported vers scheme ${JSON.stringify(range.scheme)}`);
  if (range.constraints.length === 0) throw invalid('no version constraints');
  const cmp = (a: string, b: string): number => compareVersions(scheme, a, b);
  // validate the tested version up front (throws VersionParseError)
  cmp(version, version);

  const constraints = sortConstraints(scheme, range.constraints);
  const satisfies = (c: VersConstraint): boolean => {
    if (c.comparator === '*') return true;
    const d = cmp(version, c.version);
    switch (c.comparator) {
      case '=':
        return d === 0;
      case '!=':
        return d !== 0;
      case '<':
        return d < 0;
      case '<=':
        return d <= 0;
      case '>':
        return d > 0;
      case '>=':
        return d >= 0;
    }
  };

  if (constraints.some((c) => c.comparator === '*')) {
    if (constraints.length !== 1) throw invalid('"*" must be the only constraint');
    return true;
  }
  if (constraints.length === 1) return satisfies(constraints[0]!);

  for (const c of constraints) if (c.comparator === '!=' && cmp(version, c.version) === 0) return false;
  for (const c of constraints) {
    if ((c.comparator === '=' || c.comparator === '<=' || c.comparator === '>=') && cmp(version, c.version) === 0) return true;
  }
  const ranges = constraints.filter((c) => c.comparator !== '=' && c.comparator !== '!=');
  if (ranges.length === 0) return false;
  if (ranges.length === 1) return satisfies(ranges[0]!);

  const isLess = (c: VersConstraint): boolean => c.comparator === '<' || c.comparator === '<=';
  const isGreater = (c: VersConstraint): boolean => c.comparator === '>' || c.comparator === '>=';
  for (let i = 0; i + 1 < ranges.length; i++) {
    const cur = ranges[i]!;
    const nxt = ranges[i + 1]!;
    if (i === 0 && isLess(cur) && cmp(version, cur.version) < 0) return true;
    if (isGreater(cur) && isLess(nxt)) {
      if (cmp(version, cur.version) > 0 && cmp(version, nxt.version) < 0) return true;
    } else if (!(isLess(cur) && isGreater(nxt))) {
      throw invalid(`constraint ${cur.comparator}${cur.version} cannot be followed by ${nxt.comparator}${nxt.version}`);
    }
  }
  const last = ranges[ranges.length - 1]!;
  return isGreater(last) && cmp(version, last.version) > 0;
}
