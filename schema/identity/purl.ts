/**
 * Package URL (purl) parsing and canonicalization per the package-url
 * specification (ECMA-427) and the per-type definitions (see ./purl-types.ts).
 *
 * Hot path: this runs for every component of every ingested SBOM, so it is
 * written as index scans over the input string (no regular expressions on
 * attacker-controlled input, no backtracking, linear in the input length).
 *
 * Modes
 * -----
 * Default ("strict") follows the `required` conformance group: anything the
 * standard says "shall" not be is rejected. Notably, qualifier keys must already
 * be lowercase (`?Arch=i386` is an error).
 *
 * `{ lenient: true }` additionally applies the remediations of the `recommended`
 * conformance group, for ingesting real-world data: uppercase qualifier keys are
 * lowercased and qualifier parts without "=" are dropped. Everything else
 * (per-type normalization, percent-encoding, etc.) is identical, so the canonical
 * string of a purl never depends on the mode — only whether it is accepted.
 */

import { getPurlTypeRule, type MutablePurlComponents } from './purl-types.js';
import { SupplygraphError } from '../errors/supplygraph-error.js';

export interface PackageUrl {
  type: string;
  namespace: string | null;
  name: string;
  version: string | null;
  /** Decoded qualifier values keyed by lowercase key; keys are in sorted order. */
  qualifiers: Record<string, string>;
  subpath: string | null;
}

/**
 * Loose component input accepted by {@link formatPurl} / {@link buildPurl}
 * (e.g. fields assembled from an SBOM). Every `PackageUrl` is a valid input.
 * Values are decoded (not percent-encoded). Missing/null/empty qualifier values
 * are dropped.
 */
export interface PurlComponents {
  type?: string | null;
  namespace?: string | null;
  name?: string | null;
  version?: string | null;
  qualifiers?: Readonly<Record<string, string | null | undefined>> | null;
  subpath?: string | null;
}

export interface PurlOptions {
  /** Apply the spec's `recommended` remediations instead of rejecting (see module doc). */
  lenient?: boolean;
}

export type PurlErrorCode =
  /** Not a purl at all: missing/incorrect "pkg:" scheme, control characters, not a string. */
  | 'PURL_SYNTAX'
  /** Malformed percent-encoding or invalid UTF-8 / lone surrogate. */
  | 'PURL_INVALID_ENCODING'
  | 'PURL_MISSING_TYPE'
  | 'PURL_INVALID_TYPE'
  | 'PURL_MISSING_NAME'
  /** A namespace or name segment decodes to something containing "/". */
  | 'PURL_INVALID_NAMESPACE'
  /** Invalid key, duplicate key, key=value pair without "=" (strict), non-string value. */
  | 'PURL_INVALID_QUALIFIER'
  /** A subpath segment decodes to something containing "/". */
  | 'PURL_INVALID_SUBPATH'
  /** Violates a per-type rule (required/prohibited namespace, required qualifier, name syntax, ...). */
  | 'PURL_TYPE_RULE';

export type PurlComponentName = 'scheme' | 'type' | 'namespace' | 'name' | 'version' | 'qualifiers' | 'subpath';

export class PurlError extends SupplygraphError<PurlErrorCode> {
  /** The component the error is about, when it is about one. */
  readonly component: PurlComponentName | null;
  /** The purl string being parsed, or null when building from components. */
  readonly input: string | null;

  constructor(
    code: PurlErrorCode,
    detail: string,
    input: string | null,
    component: PurlComponentName | null = null,
  ) {
    super(code, input === null ? `Invalid purl: ${detail}` : `Invalid purl ${quoteInput(input)}: ${detail}`);
    this.component = component;
    this.input = input;
  }
}

const MAX_QUOTED = 200;
function quoteInput(input: string): string {
  return JSON.stringify(input.length > MAX_QUOTED ? `${input.slice(0, MAX_QUOTED)}…` : input);
}

// ---------------------------------------------------------------------------
// Character classes and percent-encoding
// ---------------------------------------------------------------------------

/**
 * Characters never percent-encoded in any component: ALPHA / DIGIT / ". - _ ~"
 * and ":" (ECMA-427: "the colon ':' ... whether used as a separator or otherwise").
 */
const UNRESERVED = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) UNRESERVED[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) UNRESERVED[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) UNRESERVED[c] = 1;
for (const ch of '.-_~:') UNRESERVED[ch.charCodeAt(0)] = 1;

const HEX = '0123456789ABCDEF';
const ASCII_TRIPLET: string[] = [];
for (let c = 0; c < 128; c++) ASCII_TRIPLET.push(`%${HEX[c >> 4]}${HEX[c & 15]}`);

function percentEncode(s: string): string {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 128 || UNRESERVED[c] === 0) break;
    i++;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      out += UNRESERVED[c] === 1 ? s[i] : ASCII_TRIPLET[c];
      i++;
    } else {
      let j = i + 1;
      while (j < n && s.charCodeAt(j) >= 128) j++;
      try {
        out += encodeURIComponent(s.slice(i, j)); // UTF-8, uppercase hex
      } catch {
        throw new PurlError('PURL_INVALID_ENCODING', 'component contains a lone UTF-16 surrogate', null);
      }
      i = j;
    }
  }
  return out;
}

function percentDecode(s: string, input: string, component: PurlComponentName): string {
  if (s.indexOf('%') === -1) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    throw new PurlError(
      'PURL_INVALID_ENCODING',
      `${component} ${JSON.stringify(s)} has malformed percent-encoding or invalid UTF-8`,
      input,
      component,
    );
  }
}

/** type: ASCII letter, then ASCII letters, digits, "." or "-". */
function typeProblem(t: string): string | null {
  if (t.length === 0) return 'type is empty';
  const c0 = t.charCodeAt(0);
  if (!((c0 >= 0x41 && c0 <= 0x5a) || (c0 >= 0x61 && c0 <= 0x7a))) {
    return `type ${JSON.stringify(t)} must start with an ASCII letter`;
  }
  for (let i = 1; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const ok =
      (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d;
    if (!ok) return `type ${JSON.stringify(t)} contains invalid character ${JSON.stringify(t[i])} (allowed: A-Z a-z 0-9 . -)`;
  }
  return null;
}

/**
 * Qualifier key check. Returns the canonical key, or null when invalid.
 * Strict: `[a-z][a-z0-9._-]*`. Lenient: uppercase ASCII letters are accepted and lowercased.
 */
function canonicalKey(k: string, lenient: boolean): string | null {
  const n = k.length;
  if (n === 0) return null;
  let sawUpper = false;
  for (let i = 0; i < n; i++) {
    const c = k.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) continue;
    if (c >= 0x41 && c <= 0x5a) {
      if (!lenient) return null;
      sawUpper = true;
      continue;
    }
    if (i === 0) return null; // must start with a letter
    if ((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x5f) continue;
    return null;
  }
  return sawUpper ? k.toLowerCase() : k;
}

function keyProblem(k: string): string {
  if (k.length === 0) return 'qualifier key is empty';
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return `qualifier key ${JSON.stringify(k)} must be lowercase`;
  }
  return `qualifier key ${JSON.stringify(k)} is invalid (must match [a-z][a-z0-9._-]*, not percent-encoded)`;
}

/** Offset and description of the first raw control character or lone surrogate, or null. */
function rawCharProblem(s: string): { at: number; what: string } | null {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) {
      return { at: i, what: `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}` };
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++; // valid surrogate pair
        continue;
      }
      return { at: i, what: 'lone UTF-16 surrogate' };
    }
  }
  return null;
}

function sortedQualifiers(q: Record<string, string>): Record<string, string> {
  const keys = Object.keys(q);
  if (keys.length < 2) return q;
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1] > keys[i]) {
      sorted = false;
      break;
    }
  }
  if (sorted) return q;
  keys.sort();
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = q[k];
  return out;
}

// ---------------------------------------------------------------------------
// Type rules (normalization + validation), shared by parse and build
// ---------------------------------------------------------------------------

function applyTypeRules(p: MutablePurlComponents, input: string | null): void {
  const checksum = p.qualifiers['checksum'];
  if (checksum !== undefined) {
    // "lowercase_algorithm:hex_encoded_lowercase_value[,...]"
    const lower = checksum.toLowerCase();
    if (lower !== checksum) p.qualifiers['checksum'] = lower;
  }
  const rule = getPurlTypeRule(p.type);
  if (rule === undefined) return;

  if (rule.multiSegmentName) {
    if (p.namespace !== null) {
      const slash = p.namespace.indexOf('/');
      if (slash >= 0) {
        p.name = `${p.namespace.slice(slash + 1)}/${p.name}`;
        p.namespace = p.namespace.slice(0, slash);
      }
    }
    if (p.name.indexOf('//') !== -1) p.name = splitClean(p.name, false).join('/');
  }
  if (p.namespace !== null) {
    if (rule.lowercaseNamespace) p.namespace = p.namespace.toLowerCase();
    else if (rule.uppercaseNamespace) p.namespace = p.namespace.toUpperCase();
  }
  if (rule.lowercaseName) p.name = p.name.toLowerCase();
  if (rule.lowercaseVersion && p.version !== null) p.version = p.version.toLowerCase();
  if (rule.normalize) rule.normalize(p);

  if (rule.namespace === 'required' && p.namespace === null) {
    throw new PurlError('PURL_TYPE_RULE', `type "${p.type}" requires a namespace`, input, 'namespace');
  }
  if (rule.namespace === 'prohibited' && p.namespace !== null) {
    throw new PurlError(
      'PURL_TYPE_RULE',
      `type "${p.type}" does not allow a namespace (got ${JSON.stringify(p.namespace)})`,
      input,
      'namespace',
    );
  }
  if (rule.version === 'required' && p.version === null) {
    throw new PurlError('PURL_TYPE_RULE', `type "${p.type}" requires a version`, input, 'version');
  }
  if (rule.requiredQualifiers) {
    for (const k of rule.requiredQualifiers) {
      if (p.qualifiers[k] === undefined) {
        throw new PurlError('PURL_TYPE_RULE', `type "${p.type}" requires qualifier "${k}"`, input, 'qualifiers');
      }
    }
  }
  if (rule.validate) {
    const problem = rule.validate(p);
    if (problem !== null) throw new PurlError('PURL_TYPE_RULE', problem, input, 'name');
  }
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

function parseQualifiers(raw: string, input: string, lenient: boolean): Record<string, string> {
  const q: Record<string, string> = {};
  const n = raw.length;
  let start = 0;
  while (start <= n) {
    let end = raw.indexOf('&', start);
    if (end === -1) end = n;
    if (end > start) {
      let eq = -1; // first "=" within this part only (keeps the scan linear)
      for (let i = start; i < end; i++) {
        if (raw.charCodeAt(i) === 0x3d) {
          eq = i;
          break;
        }
      }
      if (eq === -1) {
        if (!lenient) {
          throw new PurlError(
            'PURL_INVALID_QUALIFIER',
            `qualifier ${JSON.stringify(raw.slice(start, end))} is not a key=value pair`,
            input,
            'qualifiers',
          );
        }
      } else {
        const rawKey = raw.slice(start, eq);
        const key = canonicalKey(rawKey, lenient);
        if (key === null) throw new PurlError('PURL_INVALID_QUALIFIER', keyProblem(rawKey), input, 'qualifiers');
        const value = percentDecode(raw.slice(eq + 1, end), input, 'qualifiers');
        if (value.length > 0) {
          if (Object.hasOwn(q, key)) {
            throw new PurlError('PURL_INVALID_QUALIFIER', `duplicate qualifier key "${key}"`, input, 'qualifiers');
          }
          q[key] = value;
        }
      }
    }
    start = end + 1;
  }
  return sortedQualifiers(q);
}

/** Decodes "/"-separated segments, dropping empty ones (and "." / ".." for subpaths). */
function decodeSegments(
  raw: string,
  input: string,
  component: 'namespace' | 'subpath' | 'name',
): string[] {
  const out: string[] = [];
  const n = raw.length;
  let start = 0;
  while (start < n) {
    let end = raw.indexOf('/', start);
    if (end === -1) end = n;
    if (end > start) {
      const seg = percentDecode(raw.slice(start, end), input, component);
      if (component === 'subpath' && (seg === '.' || seg === '..' || seg.length === 0)) {
        // discarded per spec
      } else {
        if (seg.indexOf('/') !== -1) {
          throw new PurlError(
            component === 'subpath' ? 'PURL_INVALID_SUBPATH' : 'PURL_INVALID_NAMESPACE',
            `${component} segment ${JSON.stringify(seg)} must not contain "/" once decoded`,
            input,
            component,
          );
        }
        if (seg.length > 0) out.push(seg);
      }
    }
    start = end + 1;
  }
  return out;
}

function parseInternal(input: string, lenient: boolean): PackageUrl {
  if (typeof input !== 'string') {
    throw new PurlError('PURL_SYNTAX', `expected a string, got ${input === null ? 'null' : typeof input}`, null);
  }
  const bad = rawCharProblem(input);
  if (bad !== null) throw new PurlError('PURL_SYNTAX', `contains ${bad.what} at offset ${bad.at}`, input);

  // subpath: after the first "#" (a "#" cannot appear unencoded anywhere before it)
  let end = input.length;
  const hash = input.indexOf('#');
  let subpath: string | null = null;
  if (hash !== -1) {
    const segs = decodeSegments(input.slice(hash + 1), input, 'subpath');
    subpath = segs.length > 0 ? segs.join('/') : null;
    end = hash;
  }

  // qualifiers: after the first "?"
  const qmark = input.indexOf('?');
  let qualifiers: Record<string, string> = {};
  if (qmark !== -1 && qmark < end) {
    qualifiers = parseQualifiers(input.slice(qmark + 1, end), input, lenient);
    end = qmark;
  }

  // scheme
  const colon = input.indexOf(':');
  if (colon === -1 || colon >= end) {
    throw new PurlError('PURL_SYNTAX', 'missing "pkg:" scheme', input, 'scheme');
  }
  if (colon !== 3 || input.slice(0, 3).toLowerCase() !== 'pkg') {
    throw new PurlError(
      'PURL_SYNTAX',
      `scheme must be "pkg", got ${JSON.stringify(input.slice(0, colon))}`,
      input,
      'scheme',
    );
  }

  // type (leading slashes after the scheme are not significant)
  let pos = colon + 1;
  while (pos < end && input.charCodeAt(pos) === 0x2f) pos++;
  const typeEnd = input.indexOf('/', pos);
  if (typeEnd === -1 || typeEnd >= end) {
    const rest = input.slice(pos, end);
    if (rest.length === 0) throw new PurlError('PURL_MISSING_TYPE', 'missing type', input, 'type');
    if (typeProblem(rest) === null) throw new PurlError('PURL_MISSING_NAME', 'missing name', input, 'name');
    throw new PurlError(
      'PURL_MISSING_TYPE',
      `missing type: expected "pkg:<type>/<name>", found no "/" after ${JSON.stringify(rest)}`,
      input,
      'type',
    );
  }
  const rawType = input.slice(pos, typeEnd);
  const tp = typeProblem(rawType);
  if (tp !== null) {
    throw new PurlError(rawType.length === 0 ? 'PURL_MISSING_TYPE' : 'PURL_INVALID_TYPE', tp, input, 'type');
  }
  const type = rawType.toLowerCase();

  // version: after the last "@" (spec: "split once from right on '@'"), except an "@"
  // that starts a segment followed by more path, which is an unencoded npm-style scope
  // ("pkg:npm/@babel/core") and stays in the namespace.
  const pathStart = typeEnd + 1;
  let pathEnd = end;
  let version: string | null = null;
  const at = input.lastIndexOf('@', end - 1);
  let isVersionSep = false;
  if (at >= pathStart) {
    const startsSegment = at === pathStart || input.charCodeAt(at - 1) === 0x2f;
    const slashAfter = input.indexOf('/', at + 1);
    const isScope = startsSegment && slashAfter !== -1 && slashAfter < end;
    if (!isScope) {
      if (startsSegment) throw new PurlError('PURL_MISSING_NAME', 'missing name before "@version"', input, 'name');
      isVersionSep = true;
    }
  }
  if (isVersionSep) {
    const v = percentDecode(input.slice(at + 1, end), input, 'version');
    version = v.length > 0 ? v : null;
    pathEnd = at;
  } else {
    while (pathEnd > pathStart && input.charCodeAt(pathEnd - 1) === 0x2f) pathEnd--;
  }

  // name: last segment; namespace: the segments before it
  const nameSlash = input.lastIndexOf('/', pathEnd - 1);
  const nameStart = nameSlash >= pathStart ? nameSlash + 1 : pathStart;
  const name = percentDecode(input.slice(nameStart, pathEnd), input, 'name');
  if (name.length === 0) throw new PurlError('PURL_MISSING_NAME', 'missing name', input, 'name');
  let namespace: string | null = null;
  if (nameStart > pathStart) {
    const segs = decodeSegments(input.slice(pathStart, nameStart - 1), input, 'namespace');
    if (segs.length > 0) namespace = segs.join('/');
  }
  if (name.indexOf('/') !== -1 && getPurlTypeRule(type)?.multiSegmentName) {
    throw new PurlError('PURL_INVALID_NAMESPACE', `name segment ${JSON.stringify(name)} must not contain "/" once decoded`, input, 'name');
  }

  const p: PackageUrl = { type, namespace, name, version, qualifiers, subpath };
  applyTypeRules(p, input);
  return p;
}

// ---------------------------------------------------------------------------
// Building / formatting
// ---------------------------------------------------------------------------

function splitClean(s: string, dropDots: boolean): string[] {
  const out: string[] = [];
  let start = 0;
  const n = s.length;
  while (start < n) {
    let end = s.indexOf('/', start);
    if (end === -1) end = n;
    if (end > start) {
      const seg = s.slice(start, end);
      if (!(dropDots && (seg === '.' || seg === '..'))) out.push(seg);
    }
    start = end + 1;
  }
  return out;
}

function optString(v: unknown, component: PurlComponentName): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') {
    throw new PurlError('PURL_SYNTAX', `${component} must be a string or null, got ${typeof v}`, null, component);
  }
  return v;
}

/** Validates and normalizes loose components into a canonical PackageUrl (no string round trip). */
function buildInternal(c: PurlComponents, lenient: boolean): PackageUrl {
  if (c === null || typeof c !== 'object') {
    throw new PurlError('PURL_SYNTAX', 'components must be an object', null);
  }
  const rawType = optString(c.type, 'type');
  if (rawType === null || rawType.length === 0) {
    throw new PurlError('PURL_MISSING_TYPE', 'missing type', null, 'type');
  }
  const tp = typeProblem(rawType);
  if (tp !== null) throw new PurlError('PURL_INVALID_TYPE', tp, null, 'type');
  const type = rawType.toLowerCase();

  const rawNs = optString(c.namespace, 'namespace');
  let namespace: string | null = null;
  if (rawNs !== null) {
    const segs = splitClean(rawNs, false);
    if (segs.length > 0) namespace = segs.join('/');
  }

  const rawName = optString(c.name, 'name');
  let name = '';
  if (rawName !== null) {
    let s = 0;
    let e = rawName.length;
    while (s < e && rawName.charCodeAt(s) === 0x2f) s++;
    while (e > s && rawName.charCodeAt(e - 1) === 0x2f) e--;
    name = rawName.slice(s, e);
  }
  if (name.length === 0) throw new PurlError('PURL_MISSING_NAME', 'missing name', null, 'name');

  const rawVersion = optString(c.version, 'version');
  const version = rawVersion !== null && rawVersion.length > 0 ? rawVersion : null;

  let qualifiers: Record<string, string> = {};
  const rawQ = c.qualifiers;
  if (rawQ !== null && rawQ !== undefined) {
    if (typeof rawQ !== 'object') {
      throw new PurlError('PURL_INVALID_QUALIFIER', 'qualifiers must be an object', null, 'qualifiers');
    }
    for (const rawKey of Object.keys(rawQ)) {
      const value = rawQ[rawKey];
      if (value === null || value === undefined) continue;
      if (typeof value !== 'string') {
        throw new PurlError(
          'PURL_INVALID_QUALIFIER',
          `qualifier "${rawKey}" value must be a string, got ${typeof value}`,
          null,
          'qualifiers',
        );
      }
      const key = canonicalKey(rawKey, lenient);
      if (key === null) throw new PurlError('PURL_INVALID_QUALIFIER', keyProblem(rawKey), null, 'qualifiers');
      if (value.length === 0) continue;
      if (Object.hasOwn(qualifiers, key)) {
        throw new PurlError('PURL_INVALID_QUALIFIER', `duplicate qualifier key "${key}"`, null, 'qualifiers');
      }
      qualifiers[key] = value;
    }
    qualifiers = sortedQualifiers(qualifiers);
  }

  const rawSubpath = optString(c.subpath, 'subpath');
  let subpath: string | null = null;
  if (rawSubpath !== null) {
    const segs = splitClean(rawSubpath, true);
    if (segs.length > 0) subpath = segs.join('/');
  }

  const p: PackageUrl = { type, namespace, name, version, qualifiers, subpath };
  applyTypeRules(p, null);
  return p;
}

function encodeSegments(s: string): string {
  return s.indexOf('/') === -1 ? percentEncode(s) : s.split('/').map(percentEncode).join('/');
}

/** pkg:type/namespace/name — from already-normalized components. */
function formatBase(p: PackageUrl): string {
  let out = `pkg:${p.type}/`;
  if (p.namespace !== null) out += `${encodeSegments(p.namespace)}/`;
  out += getPurlTypeRule(p.type)?.multiSegmentName ? encodeSegments(p.name) : percentEncode(p.name);
  return out;
}

function formatNormalized(p: PackageUrl): string {
  let out = formatBase(p);
  if (p.version !== null) out += `@${percentEncode(p.version)}`;
  const keys = Object.keys(p.qualifiers);
  if (keys.length > 0) {
    let sep = '?';
    for (const k of keys) {
      out += `${sep}${k}=${percentEncode(p.qualifiers[k])}`;
      sep = '&';
    }
  }
  if (p.subpath !== null) out += `#${encodeSegments(p.subpath)}`;
  return out;
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/**
 * Parses a purl string into decoded, normalized components. Throws {@link PurlError}.
 * Returned qualifiers are `{}` when there are none; namespace/version/subpath are null when absent.
 */
export function parsePurl(input: string, options?: PurlOptions): PackageUrl {
  return parseInternal(input, options?.lenient === true);
}

export function tryParsePurl(
  input: string,
  options?: PurlOptions,
): { ok: true; purl: PackageUrl } | { ok: false; error: PurlError } {
  try {
    return { ok: true, purl: parseInternal(input, options?.lenient === true) };
  } catch (err) {
    if (err instanceof PurlError) return { ok: false, error: err };
    throw err;
  }
}

/**
 * Validates and normalizes decoded components (e.g. assembled from SBOM fields)
 * into a canonical PackageUrl. Throws {@link PurlError}.
 */
export function buildPurl(components: PurlComponents, options?: PurlOptions): PackageUrl {
  return buildInternal(components, options?.lenient === true);
}

/**
 * Canonical string form of decoded components: per-type normalization, sorted
 * qualifiers, empty qualifier values dropped, canonical percent-encoding,
 * normalized subpath. Throws {@link PurlError} on invalid components.
 */
export function formatPurl(p: PurlComponents, options?: PurlOptions): string {
  return formatNormalized(buildInternal(p, options?.lenient === true));
}

/** parse + format: the canonical string for a purl string. Throws {@link PurlError}. */
export function canonicalizePurl(input: string, options?: PurlOptions): string {
  return formatNormalized(parseInternal(input, options?.lenient === true));
}

/**
 * `pkg:type/namespace/name` (no version, qualifiers or subpath), canonical.
 * Normalizes `p` first (so hand-built objects are fine); throws {@link PurlError} if invalid.
 */
export function versionlessPurl(p: PackageUrl): string {
  return formatBase(buildInternal(p, true));
}

/**
 * `pkg:type/namespace/name@version` (no qualifiers or subpath), canonical.
 * Normalizes `p` first; throws {@link PurlError} if invalid.
 */
export function plainPurl(p: PackageUrl): string {
  const n = buildInternal(p, true);
  const base = formatBase(n);
  return n.version === null ? base : `${base}@${percentEncode(n.version)}`;
}

/** True when `input` is a purl string already in canonical form (strict mode). */
export function isCanonicalPurl(input: string): boolean {
  const r = tryParsePurl(input);
  return r.ok && formatNormalized(r.purl) === input;
}
