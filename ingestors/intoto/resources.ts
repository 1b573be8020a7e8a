/**
 * in-toto resource descriptors (statement subjects, SLSA materials and resolved
 * dependencies) → ontology nodes: one Artifact per digest, a PackageVersion when
 * the name or URI is a purl, a SourceRepository for git URIs. Identity comes
 * from schema/identity/keys.ts only.
 */
import type { BatchBuilder, NodeRef } from '../../schema/ontology/batch.js';
import { artifactKey, normalizeDigestAlgorithm, packageNodes, sourceRepositoryKey } from '../../schema/identity/keys.js';
import { tryParsePurl } from '../../schema/identity/purl.js';
import { isObject } from '../common/json.js';

/** Which digest stands for a resource when it has several: sha256 first, then the strongest. */
const PRIMARY_ORDER = [
  'sha256', 'sha512', 'sha384', 'sha3-256', 'sha3-512', 'sha3-384',
  'blake2b-256', 'blake2b-512', 'blake2b-384', 'blake3', 'sha224', 'sha1', 'md5',
];

export interface DigestSet {
  /** The Artifact that stands for the resource (sha256 when given), or null when no digest was usable. */
  primary: NodeRef | null;
  /** Every Artifact made from the digest set, the primary included. */
  all: NodeRef[];
}

/**
 * Digest values as written, minus wrapping quotes and whitespace. Some producers write
 * `"'abc123'"` (the GUAC Kubernetes provenance does, for its git material); the value is
 * still the hex digest, so it is read as one with a warning.
 */
export function cleanDigestValue(b: BatchBuilder, value: string, at: string): string {
  const trimmed = value.trim();
  const unquoted = trimmed.replace(/^(['"])(.*)\1$/s, '$2').trim();
  if (unquoted !== trimmed) b.warn('DIGEST_NORMALIZED', `digest value ${truncate(value)} is wrapped in quotes; read as "${truncate(unquoted)}"`, at);
  return unquoted;
}

/** One Artifact per usable digest; unknown algorithms and non-hex values are warnings. */
export function addDigestSet(b: BatchBuilder, digest: unknown, at: string): DigestSet {
  if (!isObject(digest)) return { primary: null, all: [] };
  const made = new Map<string, NodeRef>();
  for (const [alg, raw] of Object.entries(digest)) {
    const where = `${at}/${escapePointer(alg)}`;
    const value = typeof raw === 'string' ? cleanDigestValue(b, raw, where) : null;
    // normalizeDigestAlgorithm looks names up in a plain object: "constructor" / "__proto__" must not pass.
    const known = typeof normalizeDigestAlgorithm(alg) === 'string';
    const key = value === null || !known ? null : artifactKey(alg, value);
    if (key === null) {
      b.warn('INVALID_HASH', `digest "${truncate(alg)}: ${truncate(String(raw))}" is not a known algorithm with a hex value; ignored`, where);
      continue;
    }
    const [algorithm, hex] = key.split(':') as [string, string];
    if (!made.has(algorithm)) made.set(algorithm, b.node('Artifact', { key, algorithm, digest: hex }));
  }
  const all = [...made.values()];
  const preferred = PRIMARY_ORDER.find((a) => made.has(a));
  return { primary: preferred ? made.get(preferred)! : all[0] ?? null, all };
}

/** A PackageVersion (and its Package) when `value` is a purl; an invalid purl is a warning. */
export function addPurl(b: BatchBuilder, value: string | null, at: string): NodeRef | null {
  if (value === null || !/^pkg:/i.test(value)) return null;
  const r = tryParsePurl(value, { lenient: true });
  if (!r.ok) {
    b.warn('INVALID_PURL', `"${truncate(value)}" looks like a purl but is not valid (${r.error.message}); no package node made`, at);
    return null;
  }
  const nodes = packageNodes(r.purl);
  const pkg = b.node('Package', nodes.pkg);
  const version = b.node('PackageVersion', nodes.version);
  b.edge('HAS_VERSION', pkg, version);
  return version;
}

/**
 * A git URI as SLSA writes it (SPDX VCS form): `git+https://host/org/repo@refs/heads/main`,
 * `git+ssh://…`, `git://…`, `git@host:org/repo.git@v1`. A URI whose digest set is a git
 * commit (`gitCommit`) counts as git too.
 */
export function isGitUri(uri: string, digest: unknown): boolean {
  if (/^git(\+[a-z]+)?:\/\//i.test(uri) || /^git@[\w.-]+:/i.test(uri)) return true;
  return isObject(digest) && Object.keys(digest).some((k) => k.toLowerCase() === 'gitcommit');
}

/** Repository URL and the ref after the last `@` of the path (none when absent). */
export function splitGitUri(uri: string): { repository: string; ref: string | null } {
  const u = uri.trim().replace(/#.*$/, '');
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(u);
  const scp = scheme ? null : /^[\w.-]+@[\w.-]+:/.exec(u);
  const head = scheme ? scheme[0] : scp ? scp[0] : '';
  const path = u.slice(head.length);
  const at = path.lastIndexOf('@');
  if (at < 0) return { repository: u, ref: null };
  const ref = path.slice(at + 1).trim();
  return { repository: head + path.slice(0, at), ref: ref === '' ? null : ref };
}

/** The commit in a git resource's digest set (`gitCommit`, else `sha1`), lowercase hex. */
export function gitCommit(b: BatchBuilder, digest: unknown, at: string): string | null {
  if (!isObject(digest)) return null;
  for (const want of ['gitcommit', 'sha1']) {
    for (const [alg, raw] of Object.entries(digest)) {
      if (alg.toLowerCase() !== want && normalizeDigestAlgorithm(alg) !== want) continue;
      if (typeof raw !== 'string') continue;
      const value = cleanDigestValue(b, raw, `${at}/${escapePointer(alg)}`).toLowerCase();
      if (/^[0-9a-f]{7,64}$/.test(value)) return value;
      b.warn('INVALID_HASH', `git commit "${truncate(raw)}" is not hex; ignored`, `${at}/${escapePointer(alg)}`);
    }
  }
  return null;
}

export interface GitSource {
  repo: NodeRef;
  /** The commit from the digest set (`gitCommit` / `sha1`). */
  commit: string | null;
  /** The ref after `@` in the URI. */
  ref: string | null;
}

/** A SourceRepository for a git URI (the `@ref` is not part of its identity). */
export function addGitSource(b: BatchBuilder, uri: string, digest: unknown, at: string): GitSource {
  const { repository, ref } = splitGitUri(uri);
  const key = sourceRepositoryKey(repository);
  const repo = b.node('SourceRepository', { key, url: key });
  return { repo, commit: gitCommit(b, digest, `${at}/digest`), ref };
}

export function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function truncate(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
