/**
 * Conversion of native (ecosystem-specific) range syntaxes into vers ranges,
 * following the conventions of the vers-spec test suite (generated with
 * aboutcode's univers): constraints from all alternatives are pooled and
 * sorted, versions are normalized the way the scheme prints them.
 *
 * Supported: npm (node-semver ranges), conan, gem (RubyGems requirements),
 * nuget and maven (interval notation), pypi (PEP 440 specifiers without
 * `~=`, `===` and `.*`), nginx (advisory notation), openssl (version lists).
 */
import { VersError, type VersComparator, type VersConstraint, type VersRange } from './vers.js';

function unsupported(scheme: string, native: string, why: string): VersError {
  return new VersError('INVALID_VERS', `cannot convert ${scheme} range ${JSON.stringify(native)}: ${why}`);
}

// ---------------------------------------------------------------------------
// semver helpers (npm, nginx)
// ---------------------------------------------------------------------------

interface Semver {
  major: bigint;
  minor: bigint;
  patch: bigint;
  prerelease: string;
  build: string;
}

function semverToString(v: Semver): string {
  return `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}${v.build ? `+${v.build}` : ''}`;
}

/**
 * Lenient coercion to a three-part semver (missing minor/patch are 0, a fourth
 * numeric part becomes build metadata, other trailing text the pre-release).
 */
function coerceSemver(input: string): Semver {
  const text = input.replace(/^[vV=]+/, '');
  const m = /^(\d+)(?:\.(\d+)(?:\.(\d+))?)?/.exec(text);
  if (!m) throw new Error(`not a version: ${input}`);
  let rest = text.slice(m[0].length).replace(/[^a-zA-Z0-9+.-]/g, '-');
  let prerelease = '';
  let build = '';
  if (rest.startsWith('+') || rest.startsWith('.')) build = rest.slice(1);
  else {
    if (rest.startsWith('-')) rest = rest.slice(1);
    const plus = rest.indexOf('+');
    if (plus >= 0) {
      prerelease = rest.slice(0, plus);
      build = rest.slice(plus + 1);
    } else prerelease = rest;
  }
  return {
    major: BigInt(m[1]!),
    minor: BigInt(m[2] ?? '0'),
    patch: BigInt(m[3] ?? '0'),
    prerelease,
    build: build.replace(/\+/g, '.'),
  };
}

const sv = (major: bigint, minor: bigint, patch: bigint): Semver => ({ major, minor, patch, prerelease: '', build: '' });

// ---------------------------------------------------------------------------
// npm
// ---------------------------------------------------------------------------

const NPM_COMPARATORS: Record<string, VersComparator> = { '==': '=', '<=': '<=', '>=': '>=', '<': '<', '>': '>', '=': '=' };
const NPM_PARTIAL = /^(<=|>=|<|>|=|\^|~|)\s*[vV]?(\*|[xX]|\d+)(?:\.(\*|[xX]|\d+)(?:\.(\*|[xX]|\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?)?)?$/;

/**
 * Expands one node-semver comparator that is an X-range, tilde or caret range
 * (or one side of a hyphen range) into plain constraints, as node-semver does
 * (without its `-0` pre-release floor, which vers cannot express).
 */
function expandNpmPartial(token: string, forcedOp?: '>=' | '<='): VersConstraint[] {
  const m = NPM_PARTIAL.exec(token.trim());
  if (!m) throw new Error(`invalid npm comparator ${JSON.stringify(token)}`);
  const op = forcedOp ?? m[1]!;
  const wild = (s: string | undefined): boolean => s === undefined || s === '*' || s === 'x' || s === 'X';
  const majorWild = wild(m[2]);
  const minorWild = majorWild || wild(m[3]);
  const patchWild = minorWild || wild(m[4]);
  const major = majorWild ? 0n : BigInt(m[2]!);
  const minor = minorWild ? 0n : BigInt(m[3]!);
  const patch = patchWild ? 0n : BigInt(m[4]!);
  const full: Semver = { major, minor, patch, prerelease: patchWild ? '' : (m[5] ?? ''), build: '' };
  const c = (comparator: VersComparator, v: Semver): VersConstraint => ({ comparator, version: semverToString(v) });

  if (majorWild) {
    if (op === '<' || op === '>') return [c('<', sv(0n, 0n, 0n))];
    return [c('>=', sv(0n, 0n, 0n))];
  }
  const nextMajor = sv(major + 1n, 0n, 0n);
  const nextMinor = sv(major, minor + 1n, 0n);
  if (op === '^') {
    let high: Semver;
    if (major !== 0n || minorWild) high = nextMajor;
    else if (minor !== 0n || patchWild) high = nextMinor;
    else high = sv(major, minor, patch + 1n);
    return [c('>=', full), c('<', high)];
  }
  if (op === '~') return [c('>=', full), c('<', minorWild ? nextMajor : nextMinor)];
  if (op === '' || op === '=') {
    if (minorWild) return [c('>=', full), c('<', nextMajor)];
    if (patchWild) return [c('>=', full), c('<', nextMinor)];
    return [c('=', full)];
  }
  if (op === '>') {
    if (minorWild) return [c('>=', nextMajor)];
    if (patchWild) return [c('>=', nextMinor)];
    return [c('>', full)];
  }
  if (op === '>=') return [c('>=', full)];
  if (op === '<') return [c('<', full)];
  // '<='
  if (minorWild) return [c('<', nextMajor)];
  if (patchWild) return [c('<', nextMinor)];
  return [c('<=', full)];
}

function fromNpm(native: string): VersConstraint[] {
  if (native.trim() === '*') return [{ comparator: '*', version: '' }];
  const out: VersConstraint[] = [];
  for (const alternative of native.split('||')) {
    if (alternative.includes(' - ')) {
      const [low, high] = alternative.split(' - ').map((s) => s.trim());
      out.push(...expandNpmPartial(low!, '>='), ...expandNpmPartial(high!, '<='));
      continue;
    }
    let pending = '';
    for (const token of alternative.trim().split(/\s+/).filter((t) => t !== '')) {
      const joined = pending + token;
      if (Object.hasOwn(NPM_COMPARATORS, joined)) {
        pending = joined;
        continue;
      }
      if (pending) {
        // a separated comparator ("<= 1.2.3"); X-ranges keep their own meaning (">= 1.x" is "1.x")
        if (/\.[xX*]$/.test(token)) out.push(...expandNpmPartial(token));
        else out.push({ comparator: NPM_COMPARATORS[pending]!, version: semverToString(coerceSemver(token)) });
      } else if (/(^|\.)[xX*]$/.test(token) || token.startsWith('~') || token.startsWith('^')) {
        out.push(...expandNpmPartial(token));
      } else {
        const op = ['==', '<=', '>=', '<', '>', '='].find((p) => token.startsWith(p));
        const version = op === undefined ? token : token.slice(op.length).replace(/^[<>=]+/, '');
        out.push({ comparator: op === undefined ? '=' : NPM_COMPARATORS[op]!, version: semverToString(coerceSemver(version)) });
      }
      pending = '';
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// conan (Conan 2 version ranges)
// ---------------------------------------------------------------------------

/** The dot-separated main items of a Conan version (`main[-pre][+build]`, split at the last `+` then the last `-`). */
function conanMain(version: string): string[] {
  const plus = version.lastIndexOf('+');
  const noBuild = plus >= 0 ? version.slice(0, plus) : version;
  const minus = noBuild.lastIndexOf('-');
  return (minus >= 0 ? noBuild.slice(0, minus) : noBuild).split('.');
}

function conanUpperBound(version: string, index: number): string {
  const main = conanMain(version);
  const item = main[index];
  if (item === undefined || !/^\d+$/.test(item)) throw new Error(`cannot bump ${version} at ${index}`);
  return [...main.slice(0, index), String(BigInt(item) + 1n)].join('.') + '-';
}

function fromConan(native: string): VersConstraint[] {
  const expression = native.split(',')[0]!;
  const out: VersConstraint[] = [];
  for (const alternative of expression.split('||')) {
    for (let e of alternative.trim().split(/\s+/).filter((t) => t !== '')) {
      if (e.endsWith('-')) e = e.slice(0, -1); // "include pre-releases" marker
      if (e === '' || e === '*') {
        out.push({ comparator: '>=', version: '0.0.0' });
        continue;
      }
      let op = e[0]!;
      let index = 1;
      if (!['>', '<', '^', '~', '='].includes(op)) {
        op = '=';
        index = 0;
      }
      if ((op === '>' || op === '<') && e[1] === '=') {
        op += '=';
        index = 2;
      }
      const version = e.slice(index);
      if (version === '') throw new Error(`empty version in ${e}`);
      const main = conanMain(version);
      if (op === '~') {
        out.push({ comparator: '>=', version }, { comparator: '<', version: conanUpperBound(version, main.length > 1 ? 1 : 0) });
      } else if (op === '^') {
        let first = main.findIndex((m) => !/^0+$/.test(m));
        if (first < 0) first = main.length;
        out.push({ comparator: '>=', version }, { comparator: '<', version: conanUpperBound(version, first) });
      } else {
        out.push({ comparator: op as VersComparator, version });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// gem (RubyGems requirements)
// ---------------------------------------------------------------------------

function gemBump(version: string): string {
  const segments = version.replace(/-/g, '.pre.').match(/[0-9]+|[a-z]+/gi) ?? [];
  const firstString = segments.findIndex((s) => !/^\d+$/.test(s));
  const numeric = firstString < 0 ? segments : segments.slice(0, firstString);
  if (numeric.length > 1) numeric.pop();
  const last = numeric.length - 1;
  numeric[last] = String(BigInt(numeric[last]!) + 1n);
  return numeric.join('.');
}

function fromGem(native: string): VersConstraint[] {
  const out: VersConstraint[] = [];
  for (const part of native.split(',')) {
    const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*([0-9][0-9A-Za-z.-]*)\s*$/.exec(part);
    if (!m) throw new Error(`invalid gem requirement ${JSON.stringify(part)}`);
    const op = m[1] ?? '=';
    if (op === '~>') out.push({ comparator: '>=', version: m[2]! }, { comparator: '<', version: gemBump(m[2]!) });
    else out.push({ comparator: op as VersComparator, version: m[2]! });
  }
  return out;
}

// ---------------------------------------------------------------------------
// maven / nuget interval notation
// ---------------------------------------------------------------------------

function fromIntervals(native: string, bare: '=' | '>='): VersConstraint[] {
  const text = native.replace(/\s+/g, '');
  if (!/^[[(]/.test(text)) return [{ comparator: bare, version: text }];
  const out: VersConstraint[] = [];
  const re = /([[(])([^\])]*)([\])])(?:,|$)/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new Error(`invalid interval notation ${JSON.stringify(native)}`);
    pos = re.lastIndex;
    const [, open, inner, close] = m;
    const bounds = inner!.split(',');
    if (bounds.length === 1) {
      if (open !== '[' || close !== ']' || bounds[0] === '') throw new Error(`invalid exact interval ${m[0]}`);
      out.push({ comparator: '=', version: bounds[0]! });
      continue;
    }
    if (bounds.length !== 2) throw new Error(`invalid interval ${m[0]}`);
    const [low, high] = bounds as [string, string];
    if (low !== '' && low === high) {
      out.push({ comparator: '=', version: low });
      continue;
    }
    if (low !== '') out.push({ comparator: open === '[' ? '>=' : '>', version: low });
    if (high !== '') out.push({ comparator: close === ']' ? '<=' : '<', version: high });
  }
  return out;
}

// ---------------------------------------------------------------------------
// pypi, nginx, openssl
// ---------------------------------------------------------------------------

function fromPypi(native: string): VersConstraint[] {
  if (native.includes(';')) throw new Error('environment markers are not supported');
  const text = native.replace(/\s+/g, '');
  const out: VersConstraint[] = [];
  for (const spec of text.split(',')) {
    const m = /^(===|~=|==|!=|<=|>=|<|>)(.+)$/.exec(spec);
    if (!m) throw new Error(`invalid specifier ${JSON.stringify(spec)}`);
    if (m[1] === '~=' || m[1] === '===') throw new Error(`operator ${m[1]} has no vers equivalent`);
    if (m[2]!.endsWith('.*')) throw new Error(`prefix match ${spec} has no exact vers equivalent`);
    out.push({ comparator: m[1] === '==' ? '=' : (m[1] as VersComparator), version: m[2]! });
  }
  return out;
}

function fromNginx(native: string): VersConstraint[] {
  const cleaned = native.replace(/\s+/g, '').toLowerCase();
  if (cleaned === 'all') return [{ comparator: '*', version: '' }];
  if (cleaned === 'none') throw new Error('"none" denotes no versions');
  const out: VersConstraint[] = [];
  for (const clause of cleaned.split(',')) {
    if (clause.includes('-')) {
      const i = clause.indexOf('-');
      out.push(
        { comparator: '>=', version: semverToString(coerceSemver(clause.slice(0, i))) },
        { comparator: '<=', version: semverToString(coerceSemver(clause.slice(i + 1))) },
      );
    } else if (clause.includes('+')) {
      const v = coerceSemver(clause.replace(/\++$/, ''));
      out.push({ comparator: '>=', version: semverToString(v) });
      // even minor = stable branch: the fix applies up to the next minor only
      if (v.minor % 2n === 0n) out.push({ comparator: '<', version: semverToString(sv(v.major, v.minor + 1n, 0n)) });
    } else {
      out.push({ comparator: '=', version: semverToString(coerceSemver(clause)) });
    }
  }
  return out;
}

function fromOpenssl(native: string): VersConstraint[] {
  return native
    .replace(/\s+/g, '')
    .toLowerCase()
    .split(',')
    .map((version) => ({ comparator: '=' as const, version }));
}

const CONVERTERS: Record<string, (native: string) => VersConstraint[]> = {
  npm: fromNpm,
  conan: fromConan,
  gem: fromGem,
  nuget: (n) => fromIntervals(n, '>='),
  maven: (n) => fromIntervals(n, '='),
  pypi: fromPypi,
  nginx: fromNginx,
  openssl: fromOpenssl,
};

export const NATIVE_RANGE_SCHEMES: readonly string[] = Object.keys(CONVERTERS);

/**
 * Converts a native range of a vers scheme to a VersRange (use versToString
 * for the canonical text). Throws VersError when the scheme has no converter
 * or the range cannot be expressed.
 */
export function versFromNative(scheme: string, native: string): VersRange {
  const key = scheme.toLowerCase();
  const convert = CONVERTERS[key];
  if (!convert) throw new VersError('UNSUPPORTED_VERS_SCHEME', `no native range conversion for vers scheme ${JSON.stringify(scheme)}`);
  try {
    return { scheme: key, constraints: convert(native) };
  } catch (e) {
    if (e instanceof VersError) throw e;
    throw unsupported(scheme, native, (e as Error).message);
  }
}
