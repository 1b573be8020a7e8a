/**
 * SPDX 2.x intermediate model (./model.ts) → one OntologyBatch. Both syntaxes
 * (./json.ts, ./tag-value.ts) end here, so the same content gives the same batch.
 *
 * Mapping (docs/ontology.md for the node/edge vocabulary):
 *   document                     → Document {kind sbom, specVersion "2.3", name, serialNumber =
 *                                  documentNamespace, createdAt = creationInfo.created,
 *                                  componentCount = number of packages (files are not components)}
 *   packages[]                   → PackageVersion (purl from externalRefs type purl, category
 *                                  PACKAGE-MANAGER/PACKAGE_MANAGER; else a synthetic identity),
 *                                  LISTS {ref: SPDXID, componentType: primaryPackagePurpose in kebab case}
 *   package checksums            → Artifact via HAS_DIGEST (all-zero placeholders skipped)
 *   licenseConcluded/Declared    → License via DECLARES_LICENSE {kind concluded|declared}; NONE/NOASSERTION skipped
 *   externalRefs cpe22Type/cpe23Type → Cpe via IDENTIFIED_BY (every one: syft writes several guesses)
 *   git downloadLocation,
 *   externalRefs of a VCS type   → SourceRepository via HAS_SOURCE {revision from `@rev`}
 *   files[] with a checksum      → Artifact (sha256, else sha1, else strongest known), LISTS {componentType: file};
 *                                  files without a usable checksum have no node (one aggregated warning)
 *   hasFiles, CONTAINS pkg→file  → CONTAINS + HAS_FILE {path: fileName}
 *   relationships                → see RELATIONSHIPS below and ../common/spdx.ts
 *   no DESCRIBES at all          → a derived subject (DESCRIBES {derived: true}), see deriveSubjects
 *   supplier / originator        → read, not mapped: the ontology has no supplier property
 */
import { BatchBuilder, type NodeRef, type OntologyBatch } from '../../schema/ontology/batch.js';
import { artifactKey, documentKey, packageNodes, sourceRepositoryKey, syntheticPackage } from '../../schema/identity/keys.js';
import { tryParsePurl } from '../../schema/identity/purl.js';
import type { DocumentInput } from '../parser.js';
import { addComponent, addCpe, addDigest, addLicense, addSourceRepository } from '../common/components.js';
import {
  RelationshipSink, chooseFileDigest, isNoAssertion, isPlaceholderDigest, kebabPurpose, licenseFacts,
  type BuildMaterial, type Endpoint, type RelationMapping, type RelationshipStats,
} from '../common/spdx.js';
import { gitLocation, repositoryLocation } from '../common/vcs.js';
import { specVersionOf, type Spdx2Document, type Spdx2Package } from './model.js';

export type Spdx2Format = 'spdx2-json' | 'spdx2-tag-value';

/**
 * SPDX 2 relationship type → ontology relation. `A X_DEPENDENCY_OF B` means A is
 * an X dependency of B, hence reversed; `A GENERATED_FROM B` keeps A as the built
 * thing. Types not listed (OTHER, DESCENDANT tools, PATCH_FOR, …) are ignored and
 * counted in one IGNORED_RELATIONSHIPS warning.
 */
export const SPDX2_RELATIONSHIPS: Readonly<Record<string, RelationMapping>> = {
  DESCRIBES: { relation: { kind: 'describes' }, reverse: false },
  DESCRIBED_BY: { relation: { kind: 'describes' }, reverse: true },
  CONTAINS: { relation: { kind: 'contains' }, reverse: false },
  CONTAINED_BY: { relation: { kind: 'contains' }, reverse: true },
  DEPENDS_ON: { relation: { kind: 'depends', scope: null }, reverse: false },
  DEPENDENCY_OF: { relation: { kind: 'depends', scope: null }, reverse: true },
  DEV_DEPENDENCY_OF: { relation: { kind: 'depends', scope: 'dev' }, reverse: true },
  BUILD_DEPENDENCY_OF: { relation: { kind: 'depends', scope: 'build' }, reverse: true },
  RUNTIME_DEPENDENCY_OF: { relation: { kind: 'depends', scope: 'runtime' }, reverse: true },
  OPTIONAL_DEPENDENCY_OF: { relation: { kind: 'depends', scope: 'optional' }, reverse: true },
  PROVIDED_DEPENDENCY_OF: { relation: { kind: 'depends', scope: 'provided' }, reverse: true },
  TEST_DEPENDENCY_OF: { relation: { kind: 'depends', scope: 'test' }, reverse: true },
  GENERATED_FROM: { relation: { kind: 'generated' }, reverse: false },
  GENERATES: { relation: { kind: 'generated' }, reverse: true },
  ANCESTOR_OF: { relation: { kind: 'derived', relation: 'descendant-of' }, reverse: true },
  DESCENDANT_OF: { relation: { kind: 'derived', relation: 'descendant-of' }, reverse: false },
  VARIANT_OF: { relation: { kind: 'derived', relation: 'variant-of' }, reverse: false },
};

/** Pseudo relationship types for containment and subjects stated outside `relationships`. */
export const HAS_FILES = 'hasFiles';
export const DOCUMENT_DESCRIBES = 'documentDescribes';

const VCS_REF_TYPES = new Set(['vcs', 'git', 'scm', 'repository', 'source-repository']);

export interface Spdx2Stats {
  packages: number;
  files: number;
  /** Files that became an Artifact (they have a usable checksum). */
  filesWithDigest: number;
  /** Files whose only checksum is an all-zero placeholder. */
  filesWithPlaceholderDigest: number;
  /** Keyed by SPDX type, plus `hasFiles` and `documentDescribes`. */
  relationships: RelationshipStats;
}

export interface Spdx2MapResult {
  batch: OntologyBatch;
  stats: Spdx2Stats;
}

export function mapSpdx2(model: Spdx2Document, input: DocumentInput, format: Spdx2Format): Spdx2MapResult {
  const docKey = documentKey(input.sha256);
  const b = new BatchBuilder(docKey);
  const doc: NodeRef = { label: 'Document', key: docKey };
  for (const w of model.warnings) b.warn(w.code, w.message, w.at);
  if (!/^SPDX-2\.[0-3]$/.test(model.spdxVersion)) {
    b.warn('UNSUPPORTED_SPEC_VERSION', `${model.spdxVersion} is read leniently as SPDX-2.3`, format === 'spdx2-json' ? '/spdxVersion' : undefined);
  }

  const byId = new Map<string, Endpoint>();
  byId.set(model.spdxId, { kind: 'document' });
  const materials = new Map<string, BuildMaterial>();
  const claim = (id: string, at: string): boolean => {
    if (!byId.has(id)) return true;
    b.warn('DUPLICATE_SPDXID', `SPDXID "${id}" is declared more than once; the first declaration is kept`, at);
    return false;
  };

  let componentCount = 0;
  const packageNodes: Array<{ pkg: Spdx2Package; node: NodeRef }> = [];
  for (const p of model.packages) {
    if (!claim(p.spdxId, p.at)) continue;
    const node = addComponent(b, input.sha256, {
      kind: 'package', name: p.name, group: null, version: isNoAssertion(p.version) ? null : p.version,
      purl: purlOf(p), localRef: p.spdxId, at: p.at,
    });
    componentCount += 1;
    if (node.label === 'PackageVersion') addAliasPurls(b, node, p);
    for (const r of p.externalRefs) {
      const type = r.type.toLowerCase();
      if (type === 'cpe22type' || type === 'cpe23type') addCpe(b, node, r.locator, p.at);
    }
    byId.set(p.spdxId, { kind: 'node', node, path: null });
    packageNodes.push({ pkg: p, node });
    b.edge('LISTS', doc, node, { ref: p.spdxId, componentType: kebabPurpose(p.primaryPackagePurpose), scope: null });
    let placeholder = 0;
    for (const c of p.checksums) {
      if (isPlaceholderDigest(c.value)) placeholder += 1;
      else addDigest(b, node, c.algorithm, c.value, p.at);
    }
    if (placeholder > 0) b.warn('PLACEHOLDER_DIGEST', `package "${p.name ?? p.spdxId}" has an all-zero checksum; ignored`, p.at);
    const primary = chooseFileDigest(p.checksums);
    if (primary.ok) {
      const key = artifactKey(primary.algorithm, primary.value);
      if (key) materials.set(refId(node), { node: { label: 'Artifact', key }, uri: null, revision: null });
    }
    const concluded = licenseFacts(p.licenseConcluded);
    if (concluded) addLicense(b, node, concluded, 'concluded');
    const declared = licenseFacts(p.licenseDeclared);
    if (declared) addLicense(b, node, declared, 'declared');
    const repos: Array<{ url: string; revision: string | null }> = [];
    for (const r of p.externalRefs) {
      if (!VCS_REF_TYPES.has(r.type.toLowerCase())) continue;
      const loc = repositoryLocation(r.locator);
      if (loc) repos.push(loc);
    }
    if (p.downloadLocation && !isNoAssertion(p.downloadLocation)) {
      const loc = gitLocation(p.downloadLocation);
      if (loc) repos.push(loc);
    }
    for (const loc of repos) {
      addSourceRepository(b, node, loc.url, loc.revision);
      const repo = b.getNode('SourceRepository', sourceRepositoryKey(loc.url));
      if (repo && !materials.has(refId(node))) materials.set(refId(node), { node: { label: 'SourceRepository', key: repo.key }, uri: repo.url, revision: loc.revision });
    }
  }

  let filesWithDigest = 0;
  let filesWithPlaceholder = 0;
  let filesWithout = 0;
  for (const f of model.files) {
    if (!claim(f.spdxId, f.at)) continue;
    const choice = chooseFileDigest(f.checksums);
    const key = choice.ok ? artifactKey(choice.algorithm, choice.value) : null;
    if (!key) {
      if (!choice.ok && choice.reason === 'placeholder') filesWithPlaceholder += 1;
      else filesWithout += 1;
      byId.set(f.spdxId, { kind: 'no-node' });
      continue;
    }
    const [algorithm, digest] = key.split(':') as [string, string];
    const node = b.node('Artifact', { key, algorithm, digest });
    filesWithDigest += 1;
    byId.set(f.spdxId, { kind: 'node', node, path: f.fileName });
    b.edge('LISTS', doc, node, { ref: f.spdxId, componentType: 'file', scope: null });
  }
  if (filesWithout + filesWithPlaceholder > 0) {
    const parts = [filesWithout > 0 ? `${filesWithout} have no checksum of a known algorithm` : '', filesWithPlaceholder > 0 ? `${filesWithPlaceholder} have only an all-zero placeholder checksum` : ''].filter(Boolean);
    b.warn('FILES_WITHOUT_DIGEST', `${filesWithout + filesWithPlaceholder} of ${model.files.length} files have no Artifact node (${parts.join('; ')}); relationships to them are not drawn`);
  }
  for (const id of model.otherElementIds) if (!byId.has(id)) byId.set(id, { kind: 'no-node' });

  const sink = new RelationshipSink(b, doc, (n) => materials.get(refId(n)) ?? null);
  const externalByDoc = new Map<string, number>();
  const resolve = (id: string, type: string, at: string, role: string): Endpoint | null => {
    const e = byId.get(id);
    if (e) return e;
    if (id.startsWith('DocumentRef-') && id.includes(':')) {
      const docRef = id.slice(0, id.indexOf(':'));
      externalByDoc.set(docRef, (externalByDoc.get(docRef) ?? 0) + 1);
      sink.count('external', type);
      return null;
    }
    sink.count('dangling', type);
    b.warn('DANGLING_REF', `${type} ${role} "${id}" is not declared in the document; ignored`, at);
    return null;
  };

  const containsMapping = SPDX2_RELATIONSHIPS.CONTAINS!;
  for (const { pkg, node } of packageNodes) {
    for (const hf of pkg.hasFiles) {
      sink.declare(HAS_FILES);
      const file = resolve(hf.ref, HAS_FILES, hf.at, 'file');
      if (file) sink.emit(HAS_FILES, containsMapping, { kind: 'node', node, path: null }, file);
    }
  }
  const describesMapping = SPDX2_RELATIONSHIPS.DESCRIBES!;
  for (const d of model.describes) {
    sink.declare(DOCUMENT_DESCRIBES);
    const target = resolve(d.ref, DOCUMENT_DESCRIBES, d.at, 'element');
    if (target) sink.emit(DOCUMENT_DESCRIBES, describesMapping, { kind: 'document' }, target);
  }
  for (const r of model.relationships) {
    sink.declare(r.type);
    const mapping = SPDX2_RELATIONSHIPS[r.type];
    if (!mapping) {
      sink.count('ignored', r.type);
      continue;
    }
    if (isNoAssertion(r.to) || isNoAssertion(r.from)) {
      sink.count('none', r.type);
      continue;
    }
    const from = resolve(r.from, r.type, r.at, 'source');
    if (!from) continue;
    const to = resolve(r.to, r.type, r.at, 'target');
    if (!to) continue;
    sink.emit(r.type, mapping, from, to);
  }
  const namespaces = new Map(model.externalDocumentRefs.map((d) => [d.id, d.namespace]));
  for (const [docRef, n] of externalByDoc) {
    const ns = namespaces.get(docRef);
    b.warn('EXTERNAL_DOCUMENT_REF', `${n} relationship(s) refer to elements of external document ${docRef}${ns ? ` (${ns})` : ' (not declared in externalDocumentRefs)'}; cross-document references are recorded, not resolved`);
  }
  sink.finish();
  const described = ['DESCRIBES', 'DESCRIBED_BY', DOCUMENT_DESCRIBES].some((t) => (sink.stats.mapped[t] ?? 0) > 0);
  if (!described && packageNodes.length > 0) deriveSubjects(b, doc, model, input.sha256, packageNodes.map((p) => p.node), byId);

  const batch = b.build({
    key: docKey,
    sha256: input.sha256,
    kind: 'sbom',
    format,
    specVersion: specVersionOf(model.spdxVersion),
    name: model.name,
    serialNumber: model.namespace,
    bomVersion: null,
    createdAt: model.created,
    ingestedAt: input.ingestedAt,
    byteSize: input.bytes.byteLength,
    componentCount,
    warningCount: 0,
    state: 'complete',
  });
  return {
    batch,
    stats: { packages: componentCount, files: model.files.length, filesWithDigest, filesWithPlaceholderDigest: filesWithPlaceholder, relationships: sink.stats },
  };
}

/**
 * An SPDX 2 document that names no subject (no documentDescribes, no DESCRIBES or
 * DESCRIBED_BY to a package; syft's image SBOMs) still has one to a user: the thing
 * that was scanned. The rule (docs/formats.md):
 * 1. the root packages of the package graph: packages that contain or depend on
 *    another package (CONTAINS / DEPENDS_ON and their reverse forms, package to
 *    package) and that no package contains or depends on;
 * 2. when packages have no such relationships among them (a flat list), the document
 *    itself, as a synthetic package named after the document (document-scoped
 *    identity: two documents never share it) that CONTAINS every package.
 * Either way the DESCRIBES edge carries `derived: true`.
 */
function deriveSubjects(b: BatchBuilder, doc: NodeRef, model: Spdx2Document, documentSha256: string, packages: NodeRef[], byId: Map<string, Endpoint>): void {
  // Endpoints in byId are the very NodeRef objects of `packages`: identity lookups, no key strings.
  const idOf = new Map<NodeRef, string>();
  for (const p of packages) idOf.set(p, refId(p));
  const parents = new Set<string>();
  const children = new Set<string>();
  for (const r of model.relationships) {
    const mapping = SPDX2_RELATIONSHIPS[r.type];
    if (mapping?.relation.kind !== 'contains' && mapping?.relation.kind !== 'depends') continue;
    const a = byId.get(r.from);
    const c = byId.get(r.to);
    if (a?.kind !== 'node' || c?.kind !== 'node') continue;
    const [from, to] = mapping.reverse ? [idOf.get(c.node), idOf.get(a.node)] : [idOf.get(a.node), idOf.get(c.node)];
    if (from === undefined || to === undefined || from === to) continue;
    parents.add(from);
    children.add(to);
  }
  const roots = packages.filter((p) => parents.has(idOf.get(p)!) && !children.has(idOf.get(p)!));
  if (roots.length > 0) {
    for (const root of roots) b.edge('DESCRIBES', doc, root, { derived: true });
    return;
  }
  const fullName = model.name?.trim() || model.namespace?.trim() || 'document';
  const slash = fullName.lastIndexOf('/');
  const nodes = syntheticPackage({
    group: slash > 0 ? fullName.slice(0, slash) : null, name: slash > 0 ? fullName.slice(slash + 1) : fullName,
    version: null, documentSha256, localRef: model.spdxId,
  });
  const pkg = b.node('Package', nodes.pkg);
  const subject = b.node('PackageVersion', nodes.version);
  b.edge('HAS_VERSION', pkg, subject);
  b.edge('DESCRIBES', doc, subject, { derived: true });
  for (const p of packages) if (!children.has(idOf.get(p)!) && idOf.get(p) !== refId(subject)) b.edge('CONTAINS', subject, p);
}

/**
 * Every purl of a package after the first (purlOf) names the same component: each
 * becomes its own PackageVersion linked to the identity node by SAME_AS, so a lookup
 * by either purl finds the component (docs/ontology.md, "Identity").
 */
function addAliasPurls(b: BatchBuilder, node: NodeRef, p: Spdx2Package): void {
  const primary = purlOf(p);
  for (const r of p.externalRefs) {
    if (r.type.toLowerCase() !== 'purl' || r.locator === primary) continue;
    const parsed = tryParsePurl(r.locator, { lenient: true });
    if (!parsed.ok) {
      b.warn('INVALID_PURL', `package "${p.name ?? p.spdxId}" has an invalid further purl "${r.locator.slice(0, 120)}": ${parsed.error.message}; ignored`, p.at);
      continue;
    }
    const nodes = packageNodes(parsed.purl);
    if (nodes.version.key === node.key) continue;
    const pkg = b.node('Package', nodes.pkg);
    const alias = b.node('PackageVersion', nodes.version);
    b.edge('HAS_VERSION', pkg, alias);
    b.edge('SAME_AS', node, alias);
  }
}

/** The package's purl: an external ref of type purl, PACKAGE-MANAGER category first. */
export function purlOf(p: Spdx2Package): string | null {
  let fallback: string | null = null;
  for (const r of p.externalRefs) {
    if (r.type.toLowerCase() !== 'purl') continue;
    if (r.category.toUpperCase().replace(/_/g, '-') === 'PACKAGE-MANAGER') return r.locator;
    fallback ??= r.locator;
  }
  return fallback;
}

function refId(n: NodeRef): string {
  return `${n.label}\u0000${n.key}`;
}
