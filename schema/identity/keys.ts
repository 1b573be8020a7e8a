/**
 * Identity rules: the one place that decides what makes two mentions the same
 * node. docs/ontology.md explains each rule; parsers must use these functions
 * rather than building keys themselves.
 */
import { createHash } from 'node:crypto';
import type { PackageNode, PackageVersionNode } from '../ontology/nodes.js';
import { formatPurl, plainPurl, versionlessPurl, type PackageUrl } from './purl.js';

/** Digest algorithm names as CycloneDX, SPDX, in-toto and OMS spell them → one spelling. */
const ALGORITHM_ALIASES: Record<string, string> = {
  sha1: 'sha1', 'sha-1': 'sha1',
  sha224: 'sha224', 'sha-224': 'sha224',
  sha256: 'sha256', 'sha-256': 'sha256',
  sha384: 'sha384', 'sha-384': 'sha384',
  sha512: 'sha512', 'sha-512': 'sha512',
  'sha3-256': 'sha3-256', sha3_256: 'sha3-256',
  'sha3-384': 'sha3-384', sha3_384: 'sha3-384',
  'sha3-512': 'sha3-512', sha3_512: 'sha3-512',
  md5: 'md5', md2: 'md2', md4: 'md4', md6: 'md6',
  'blake2b-256': 'blake2b-256', blake2b256: 'blake2b-256',
  'blake2b-384': 'blake2b-384', blake2b384: 'blake2b-384',
  'blake2b-512': 'blake2b-512', blake2b512: 'blake2b-512', blake2b: 'blake2b-512',
  blake3: 'blake3',
  gitoid: 'gitoid', adler32: 'adler32',
};

export function normalizeDigestAlgorithm(alg: string): string | null {
  const name = alg.trim().toLowerCase();
  // Own properties only: "constructor" or "__proto__" from a hostile document must not resolve.
  return Object.hasOwn(ALGORITHM_ALIASES, name) ? ALGORITHM_ALIASES[name]! : null;
}

const HEX = /^[0-9a-f]+$/;

/** `sha256:<lowercase hex>`; null when the algorithm is unknown or the value is not hex. */
export function artifactKey(algorithm: string, digest: string): string | null {
  const alg = normalizeDigestAlgorithm(algorithm);
  const hex = digest.trim().toLowerCase();
  if (alg === null || hex.length === 0 || !HEX.test(hex)) return null;
  return `${alg}:${hex}`;
}

export function documentKey(sha256Hex: string): string {
  return `sha256:${sha256Hex}`;
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function packageNodes(p: PackageUrl): { pkg: PackageNode; version: PackageVersionNode } {
  const packageKey = versionlessPurl(p);
  const withoutSubpath: PackageUrl = { ...p, subpath: null };
  const full = formatPurl(withoutSubpath);
  const qualifierKeys = Object.keys(p.qualifiers).sort();
  return {
    pkg: { key: packageKey, purl: packageKey, type: p.type, namespace: p.namespace, name: p.name },
    version: {
      key: full,
      purl: full,
      plainPurl: plainPurl(p),
      packageKey,
      type: p.type,
      namespace: p.namespace,
      name: p.name,
      version: p.version ?? '',
      qualifiers: qualifierKeys.length === 0 ? null : JSON.stringify(Object.fromEntries(qualifierKeys.map((k) => [k, p.qualifiers[k]]))),
      synthetic: false,
    },
  };
}

/**
 * A component with no usable purl still needs a stable identity. With a name and
 * a version it becomes `pkg:generic/[group/]name@version` flagged synthetic, so the
 * same unnamed-ecosystem component in two SBOMs meets in one node. Without a
 * version it cannot be safely merged across documents and is scoped to its
 * document and local reference.
 */
export function syntheticPackage(input: { group?: string | null; name: string; version?: string | null; documentSha256: string; localRef: string }): { pkg: PackageNode; version: PackageVersionNode } {
  const version = input.version?.trim() || null;
  const namespace = input.group?.trim() || null;
  const qualifiers: Record<string, string> = version === null
    ? { 'sg-doc': input.documentSha256.slice(0, 16), 'sg-ref': input.localRef }
    : {};
  const purl: PackageUrl = { type: 'generic', namespace, name: input.name.trim() || 'unnamed', version, qualifiers, subpath: null };
  const nodes = packageNodes(purl);
  nodes.version.synthetic = true;
  return nodes;
}

/** Models and datasets: purl when known, else a name (+version) key, else the document-scoped ref. */
export function modelKey(input: { purl?: string | null; name?: string | null; version?: string | null }): string {
  return namedKey('model', input);
}

export function datasetKey(input: { purl?: string | null; name?: string | null; version?: string | null }): string {
  return namedKey('dataset', input);
}

function namedKey(kind: string, input: { purl?: string | null; name?: string | null; version?: string | null }): string {
  if (input.purl) return input.purl;
  const name = (input.name ?? '').trim() || 'unnamed';
  const version = input.version?.trim();
  return version ? `${kind}:${name}@${version}` : `${kind}:${name}`;
}

/** CVE ids are case-insensitive and conventionally upper case; other ids keep their case. */
export function vulnerabilityKey(id: string): string {
  const trimmed = id.trim();
  return /^cve-/i.test(trimmed) ? trimmed.toUpperCase() : trimmed;
}

export function licenseKey(idOrName: string): string {
  return idOrName.trim();
}

/**
 * Repository URLs in SBOMs come as git+https, scp-like git@host:org/repo, with
 * or without .git; all of them name one repository.
 */
export function sourceRepositoryKey(url: string): string {
  let u = url.trim();
  u = u.replace(/^git\+/, '');
  const scp = /^[\w.-]+@([\w.-]+):(.+)$/.exec(u);
  if (scp) u = `https://${scp[1]}/${scp[2]}`;
  u = u.replace(/^(git|ssh|http):\/\//, 'https://').replace(/^https:\/\/[^@/]+@/, 'https://');
  u = u.replace(/#.*$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  const m = /^([a-z]+:\/\/)([^/]+)(.*)$/i.exec(u);
  return m ? `${m[1]!.toLowerCase()}${m[2]!.toLowerCase()}${m[3]}` : u;
}

export function builderKey(builderId: string): string {
  return builderId.trim();
}

export function signerIdentityKey(identity: { kind: 'key' | 'certificate' | 'oidc'; keyFingerprint?: string | null; subject?: string | null; san?: string | null; issuer?: string | null }): string {
  switch (identity.kind) {
    case 'key':
      return `key:sha256:${identity.keyFingerprint ?? 'unknown'}`;
    case 'certificate':
      return `x509:${identity.subject ?? ''}|${identity.san ?? ''}`;
    case 'oidc':
      return `oidc:${identity.issuer ?? ''}|${identity.san ?? ''}`;
  }
}
