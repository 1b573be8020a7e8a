/**
 * Shared by the advisory and VEX ingestors (OSV, CSAF, CVE 5, OpenVEX,
 * CycloneDX VEX): vulnerability ids and their aliases, the AFFECTS_PACKAGE edge
 * with its rule, VEX statement targets, the severity JSON, and the Document node.
 */
import type { BatchBuilder, NodeRef } from '../../schema/ontology/batch.js';
import type { DocumentKind, DocumentNode, VexStatementNode } from '../../schema/ontology/nodes.js';
import { artifactKey, documentKey, packageNodes, vulnerabilityKey } from '../../schema/identity/keys.js';
import { buildPurl, formatPurl, tryParsePurl, type PackageUrl } from '../../schema/identity/purl.js';
import type { DocumentInput } from '../parser.js';
import { encodeRule, type AffectedRule } from '../../schema/vulnerability/affected-rule.js';

/**
 * Vulnerability ids look like `PREFIX-rest` (CVE-2023-1, GHSA-xxxx-xxxx-xxxx,
 * PYSEC-2023-74, RUSTSEC-2020-0001, RHSA-2024:4546, SNYK-JAVA-…-123, ALAS2-…).
 * Used to tell ids from other "ids" that CSAF and CycloneDX carry (bug numbers, URLs).
 */
export function looksLikeVulnerabilityId(s: string): boolean {
  return s.length <= 128 && /^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(s);
}

/** The Vulnerability node for `id`, listed by the document. Null for an empty id. */
export function addVulnerability(b: BatchBuilder, doc: NodeRef, id: string, ref: string): NodeRef | null {
  const key = vulnerabilityKey(id);
  if (key === '') return null;
  const node = b.node('Vulnerability', { key, id: key });
  b.edge('LISTS', doc, node, { ref, componentType: null, scope: null });
  return node;
}

/** `from` ALIAS_OF each alias (one direction: the record's id → each alias). */
export function addAliases(b: BatchBuilder, doc: NodeRef, from: NodeRef, aliases: Iterable<string>, ref: string): NodeRef[] {
  const out: NodeRef[] = [];
  for (const alias of aliases) {
    const node = addVulnerability(b, doc, alias, ref);
    if (!node || node.key === from.key) continue;
    b.edge('ALIAS_OF', from, node);
    out.push(node);
  }
  return out;
}

/**
 * Advisory → versionless Package with the rule. `pkg` is the package as the
 * advisory named it; its version is ignored. Returns the edge's rule string.
 */
export function addAffectsPackage(b: BatchBuilder, advisory: NodeRef, pkg: PackageUrl, input: { vulnerability: string; ecosystem: string; rule: AffectedRule }): string {
  const { pkg: pkgNode } = packageNodes({ ...pkg, version: null, qualifiers: {}, subpath: null });
  const node = b.node('Package', pkgNode);
  const rule = encodeRule(input.rule);
  b.edge('AFFECTS_PACKAGE', advisory, node, { vulnerability: input.vulnerability, ecosystem: input.ecosystem, rule });
  return rule;
}

/** Canonical purl with qualifiers but without version and subpath: the `purl` of a rule. */
export function rulePurl(p: PackageUrl): string {
  return formatPurl({ ...p, version: null, subpath: null });
}

/** Parses a purl leniently; null (not an exception) when it is not one. */
export function parsePurlOrNull(s: string): PackageUrl | null {
  if (!s.startsWith('pkg:')) return null;
  const r = tryParsePurl(s, { lenient: true });
  return r.ok ? r.purl : null;
}

/** Builds a purl from parts; null when the parts do not make a valid purl. */
export function buildPurlOrNull(parts: { type: string; namespace?: string | null; name: string; qualifiers?: Record<string, string>; subpath?: string | null }): PackageUrl | null {
  try {
    return buildPurl({ type: parts.type, namespace: parts.namespace ?? null, name: parts.name, version: null, qualifiers: parts.qualifiers ?? {}, subpath: parts.subpath ?? null }, { lenient: true });
  } catch {
    return null;
  }
}

/** A PackageVersion (with its Package and HAS_VERSION) for a purl. */
export function addPackageVersion(b: BatchBuilder, p: PackageUrl): NodeRef {
  const nodes = packageNodes(p);
  const pkg = b.node('Package', nodes.pkg);
  const version = b.node('PackageVersion', nodes.version);
  b.edge('HAS_VERSION', pkg, version);
  return version;
}

/** `sha256:<hex>`-style digests (also `sha-256:`), as VEX product identifiers. */
export function parseDigest(s: string): { algorithm: string; hex: string } | null {
  const m = /^([A-Za-z0-9-]+):([0-9A-Fa-f]{16,})$/.exec(s.trim());
  if (!m) return null;
  const key = artifactKey(m[1]!, m[2]!);
  if (!key) return null;
  const i = key.indexOf(':');
  return { algorithm: key.slice(0, i), hex: key.slice(i + 1) };
}

export function addArtifact(b: BatchBuilder, algorithm: string, hex: string): NodeRef | null {
  const key = artifactKey(algorithm, hex);
  if (!key) return null;
  const i = key.indexOf(':');
  return b.node('Artifact', { key, algorithm: key.slice(0, i), digest: key.slice(i + 1) });
}

/**
 * What a VEX product identifier names: a purl → PackageVersion, a digest →
 * Artifact, anything else → null (the caller warns).
 */
export function addVexProduct(b: BatchBuilder, identifier: string): NodeRef | null {
  const purl = parsePurlOrNull(identifier);
  if (purl) return addPackageVersion(b, purl);
  const digest = parseDigest(identifier);
  if (digest) return addArtifact(b, digest.algorithm, digest.hex);
  return null;
}

/** A VexStatement, listed by the document, about each vulnerability, applying to each target. */
export function addVexStatement(b: BatchBuilder, doc: NodeRef, s: VexStatementNode, ref: string, about: readonly NodeRef[], targets: readonly NodeRef[]): NodeRef {
  const node = b.node('VexStatement', { ...s });
  b.edge('LISTS', doc, node, { ref, componentType: null, scope: null });
  for (const v of about) b.edge('VEX_ABOUT', node, v);
  for (const t of targets) {
    if (t.label === 'PackageVersion' || t.label === 'Model' || t.label === 'Dataset' || t.label === 'Artifact') b.edge('VEX_APPLIES_TO', node, t);
  }
  return node;
}

/**
 * The Advisory's `severity` property: one JSON shape for every format.
 * `scores`: CVSS and other ratings (vector and/or base score and/or rating word);
 * `rating`: an overall rating word (CSAF aggregate_severity, GHSA database severity);
 * `remediations`: CSAF remediations (category, details, url, how many products).
 */
export interface SeverityScore {
  type: string;
  vector?: string;
  baseScore?: number;
  rating?: string;
  /** Who scored (CVE 5 container, CycloneDX rating source). */
  source?: string;
  /** The vulnerability scored, when a document covers several. */
  vulnerability?: string;
  /** The package scored (OSV per-affected severity). */
  package?: string;
}

export interface SeverityRemediation {
  vulnerability?: string;
  category: string;
  details?: string;
  url?: string;
  productCount: number;
}

export interface SeverityInfo {
  scores: SeverityScore[];
  rating?: string;
  remediations?: SeverityRemediation[];
}

export function severityJson(info: SeverityInfo): string | null {
  const out: SeverityInfo = { scores: info.scores };
  if (info.rating) out.rating = info.rating;
  if (info.remediations && info.remediations.length > 0) out.remediations = info.remediations;
  if (out.scores.length === 0 && !out.rating && !out.remediations) return null;
  return JSON.stringify(out);
}

/** The Document node of an advisory or VEX document. */
export function documentNode(input: DocumentInput, fields: {
  kind: DocumentKind;
  format: string;
  specVersion: string | null;
  name: string | null;
  createdAt: string | null;
  componentCount: number;
  serialNumber?: string | null;
  bomVersion?: number | null;
}): DocumentNode {
  return {
    key: documentKey(input.sha256),
    sha256: input.sha256,
    kind: fields.kind,
    format: fields.format,
    specVersion: fields.specVersion,
    name: fields.name,
    serialNumber: fields.serialNumber ?? null,
    bomVersion: fields.bomVersion ?? null,
    createdAt: fields.createdAt,
    ingestedAt: input.ingestedAt,
    byteSize: input.bytes.byteLength,
    componentCount: fields.componentCount,
    warningCount: 0,
    state: 'complete',
  };
}

/** First line of a free text, cut to `max` characters: a title when the format has none. */
export function firstLine(text: string | null, max = 200): string | null {
  if (!text) return null;
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '');
  if (!line) return null;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function truncate(s: string, max = 120): string {
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}
