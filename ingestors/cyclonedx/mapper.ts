/**
 * CycloneDX (any syntax, 1.2–1.6, later versions leniently) → one OntologyBatch.
 * Fed by the JSON reader (json.ts) and the XML reader (xml.ts) through the
 * format-neutral CdxBom (model.ts).
 *
 * Mapping (docs/formats.md has the full table):
 *   metadata.component      → the SBOM's subject (Document DESCRIBES it)
 *   components[] (nested)   → PackageVersion / Model / Dataset; nesting → CONTAINS,
 *                             and the subject CONTAINS each top-level component
 *   dependencies[]          → DEPENDS_ON (dependsOn) and CONTAINS (provides);
 *                             a model depending on a model is also DERIVED_FROM 'base-model'
 *   pedigree.ancestors      → DERIVED_FROM 'ancestor' ('base-model' between models)
 *   pedigree.variants       → DERIVED_FROM 'variant'
 *   pedigree.descendants    → the descendant DERIVED_FROM this component ('ancestor' / 'base-model')
 *   hashes                  → Artifact via HAS_DIGEST
 *   licenses                → License via DECLARES_LICENSE (declared, or concluded per acknowledgement)
 *   externalReferences vcs  → SourceRepository via HAS_SOURCE
 *   modelCard datasets      → USES_DATASET
 * BOM-Links (`urn:cdx:<serial>/<version>#<ref>`) to this BOM resolve locally;
 * links into other BOMs are UNRESOLVED_BOM_LINK warnings, not dangling refs.
 *
 * Everything here is linear in the document: components are walked with an
 * explicit queue (hostile documents nest thousands deep) and refs resolve
 * through one Map keyed by bom-ref.
 */
import { BatchBuilder, type NodeRef, type OntologyBatch, type IngestWarning } from '../../schema/ontology/batch.js';
import { edgeEndpointsAllowed } from '../../schema/ontology/edges.js';
import { documentKey } from '../../schema/identity/keys.js';
import type { DocumentInput } from '../parser.js';
import { addComponent, addCpe, addDigest, addLicense, addSourceRepository, type ComponentKind } from '../common/components.js';
import type { CdxBom, CdxComponent } from './model.js';

const MODEL_TYPES = new Set(['machine-learning-model']);
const DATA_TYPES = new Set(['data']);
/** The versions whose every mapped field we know; later ones are read as 1.6. */
const KNOWN_VERSIONS = /^1\.[2-6]$/;

type Relation = 'top' | 'nested' | 'ancestor' | 'variant' | 'descendant' | 'subject';

interface Pending {
  c: CdxComponent;
  /** The component this one hangs off (null for the subject or when there is no subject). */
  parent: NodeRef | null;
  relation: Relation;
}

interface DatasetRef {
  model: NodeRef;
  ref: string;
  at: string;
}

type Resolved = { kind: 'node'; node: NodeRef } | { kind: 'bom-link' } | { kind: 'unknown' };

export function mapCycloneDx(bom: CdxBom, input: DocumentInput, extraWarnings: readonly IngestWarning[] = []): OntologyBatch {
  const docKey = documentKey(input.sha256);
  const b = new BatchBuilder(docKey);
  const doc: NodeRef = { label: 'Document', key: docKey };
  if (!KNOWN_VERSIONS.test(bom.specVersion)) {
    b.warn('UNSUPPORTED_SPEC_VERSION', `CycloneDX ${bom.specVersion} is read leniently as 1.6; fields unknown to 1.6 are ignored`, bom.specVersionAt);
  }
  for (const w of extraWarnings) b.warn(w.code, w.message, w.at);

  const byRef = new Map<string, NodeRef>();
  const datasetRefs: DatasetRef[] = [];
  // componentCount is what `Sbom.components.totalCount` counts: distinct listed nodes. A component
  // repeated in the document (same bom-ref or identity, nested copies) is one component.
  const listed = new Set<string>();
  let subject: NodeRef | null = null;
  const queue: Array<Pending | undefined> = [];

  const derive = (descendant: NodeRef, ancestor: NodeRef, relation: 'ancestor' | 'variant', at: string): void => {
    if (descendant.label === ancestor.label && descendant.key === ancestor.key) return;
    const rel = relation === 'ancestor' && descendant.label === 'Model' && ancestor.label === 'Model' ? 'base-model' : relation;
    if (!edgeEndpointsAllowed('DERIVED_FROM', descendant.label, ancestor.label)) {
      b.warn('UNSUPPORTED_RELATION', `pedigree links a ${descendant.label} to a ${ancestor.label}; only package→package, model→model and dataset→dataset derivations are kept`, at);
      return;
    }
    b.edge('DERIVED_FROM', descendant, ancestor, { relation: rel });
  };

  const visit = (item: Pending): NodeRef | null => {
    const c = item.c;
    const type = c.type ?? 'library';
    if (!c.name && !c.purl) {
      b.warn('COMPONENT_WITHOUT_IDENTITY', 'component has neither name nor purl; skipped', c.at);
      // Its parts are still read, as parts of whatever held it.
      for (const child of c.components) queue.push({ c: child, parent: item.parent, relation: item.parent ? 'nested' : 'top' });
      for (const x of [...c.ancestors, ...c.variants, ...c.descendants]) queue.push({ c: x, parent: null, relation: 'nested' });
      return null;
    }
    const ref = c.bomRef ?? c.path;
    const kind: ComponentKind = MODEL_TYPES.has(type) ? 'model' : DATA_TYPES.has(type) ? 'dataset' : 'package';
    const node = addComponent(b, input.sha256, { kind, name: c.name, group: c.group, version: c.version, purl: c.purl, localRef: ref, at: c.at });
    listed.add(`${node.label}\u0000${node.key}`);
    if (c.cpe) addCpe(b, node, c.cpe, c.at);
    const known = byRef.get(ref);
    if (known === undefined) byRef.set(ref, node);
    else if (known.key !== node.key || known.label !== node.label) {
      b.warn('DUPLICATE_BOM_REF', `bom-ref "${ref}" is used by more than one component; the first is kept for dependencies`, c.at);
    }
    b.edge('LISTS', doc, node, { ref, componentType: type, scope: c.scope });
    const parent = item.parent;
    if (parent) {
      switch (item.relation) {
        case 'top':
        case 'nested':
          if (!(parent.key === node.key && parent.label === node.label)) b.edge('CONTAINS', parent, node);
          break;
        case 'ancestor':
          derive(parent, node, 'ancestor', c.at);
          break;
        case 'variant':
          derive(parent, node, 'variant', c.at);
          break;
        case 'descendant':
          derive(node, parent, 'ancestor', c.at);
          break;
        case 'subject':
          break;
      }
    }
    c.hashes.forEach((h, i) => {
      if (h.alg && h.content) addDigest(b, node, h.alg, h.content, bom.locate.hash(c.at, i));
    });
    for (const l of c.licenses) {
      const licenseKind = l.acknowledgement === 'concluded' ? 'concluded' : 'declared';
      if (l.expression) addLicense(b, node, { expression: l.expression }, licenseKind);
      else addLicense(b, node, { id: l.id, name: l.name }, licenseKind);
    }
    for (const ext of c.externalReferences) {
      if (ext.url && ext.type === 'vcs') addSourceRepository(b, node, ext.url, null);
    }
    if (kind === 'model' && c.datasets) {
      for (const ds of c.datasets) {
        if (ds.ref) {
          datasetRefs.push({ model: node, ref: ds.ref, at: ds.at });
          continue;
        }
        if (!ds.name) continue;
        const dsNode = addComponent(b, input.sha256, { kind: 'dataset', name: ds.name, group: null, version: ds.version, purl: ds.purl, localRef: ds.bomRef ?? ds.at, at: ds.at });
        b.edge('USES_DATASET', node, dsNode, { purpose: 'unspecified' });
        if (ds.bomRef && !byRef.has(ds.bomRef)) byRef.set(ds.bomRef, dsNode);
      }
    }
    for (const child of c.components) queue.push({ c: child, parent: node, relation: 'nested' });
    for (const a of c.ancestors) queue.push({ c: a, parent: node, relation: 'ancestor' });
    for (const v of c.variants) queue.push({ c: v, parent: node, relation: 'variant' });
    for (const d of c.descendants) queue.push({ c: d, parent: node, relation: 'descendant' });
    return node;
  };

  // Breadth-first with an explicit queue: no recursion, so nesting depth cannot overflow the stack.
  const drain = (): void => {
    for (let i = 0; i < queue.length; i++) {
      visit(queue[i]!);
      queue[i] = undefined;
    }
    queue.length = 0;
  };
  if (bom.subject) {
    subject = visit({ c: bom.subject, parent: null, relation: 'subject' });
    if (subject) b.edge('DESCRIBES', doc, subject);
  }
  // The subject is made of what the SBOM inventories: top-level components hang off it, so
  // "which images include X" is a graph walk even when the producer wrote no dependencies.
  for (const c of bom.components) queue.push({ c, parent: subject, relation: 'top' });
  drain();

  const ownSerial = bom.serialNumber?.toLowerCase() ?? null;
  const resolve = (ref: string): Resolved => {
    const direct = byRef.get(ref);
    if (direct) return { kind: 'node', node: direct };
    if (!/^urn:cdx:/i.test(ref)) return { kind: 'unknown' };
    const m = /^urn:cdx:([0-9a-f-]{36})\/(\d+)(?:#(.*))?$/i.exec(ref);
    if (m && ownSerial === `urn:uuid:${m[1]!.toLowerCase()}` && m[3]) {
      let local: string;
      try {
        local = decodeURIComponent(m[3]);
      } catch {
        local = m[3];
      }
      const node = byRef.get(local);
      if (node) return { kind: 'node', node };
    }
    return { kind: 'bom-link' };
  };

  for (const d of bom.dependencies) {
    const ref = d.ref;
    const at = d.at;
    const fromResolved: Resolved = ref ? resolve(ref) : { kind: 'unknown' };
    if (fromResolved.kind === 'bom-link') {
      b.warn('UNRESOLVED_BOM_LINK', `dependency entry for "${ref}" is a BOM-Link into another BOM; ignored`, at);
      continue;
    }
    if (fromResolved.kind === 'unknown') {
      b.warn('DANGLING_REF', `dependency entry refers to unknown bom-ref "${ref ?? ''}"; ignored`, at);
      continue;
    }
    const from = fromResolved.node;
    d.dependsOn.forEach((targetRef, j) => {
      const where = bom.locate.dependsOn(at, j);
      const to = target(targetRef, 'dependsOn', where);
      if (!to) return;
      if (to.key === from.key && to.label === from.label) {
        b.warn('SELF_DEPENDENCY', `"${ref}" depends on itself; ignored`, where);
        return;
      }
      b.edge('DEPENDS_ON', from, to, { scope: null });
      if (from.label === 'Model' && to.label === 'Model') b.edge('DERIVED_FROM', from, to, { relation: 'base-model' });
    });
    d.provides.forEach((targetRef, j) => {
      const to = target(targetRef, 'provides', bom.locate.provides(at, j));
      if (to) b.edge('CONTAINS', from, to);
    });

    function target(targetRef: string | null, field: string, where: string): NodeRef | null {
      const r: Resolved = targetRef ? resolve(targetRef) : { kind: 'unknown' };
      if (r.kind === 'node') return r.node;
      if (r.kind === 'bom-link') b.warn('UNRESOLVED_BOM_LINK', `"${ref}" ${field} "${targetRef}", a BOM-Link into another BOM; not resolved`, where);
      else b.warn('DANGLING_REF', `"${ref}" ${field} unknown bom-ref "${targetRef ?? ''}"; ignored`, where);
      return null;
    }
  }
  // Model-card dataset refs can point at components listed later, so they resolve last.
  for (const d of datasetRefs) {
    const r = resolve(d.ref);
    if (r.kind === 'node' && r.node.label === 'Dataset') b.edge('USES_DATASET', d.model, r.node, { purpose: 'unspecified' });
    else if (r.kind === 'bom-link') b.warn('UNRESOLVED_BOM_LINK', `model card dataset "${d.ref}" is a BOM-Link into another BOM; not resolved`, d.at);
    else b.warn('DANGLING_REF', `model card dataset ref "${d.ref}" does not name a data component; ignored`, d.at);
  }

  const s = bom.subject;
  const subjectName = s ? [s.group, s.name, s.version].filter(Boolean).join(' ') : null;
  return b.build({
    key: docKey,
    sha256: input.sha256,
    kind: 'sbom',
    format: bom.format,
    specVersion: bom.specVersion,
    name: subjectName || null,
    serialNumber: bom.serialNumber,
    bomVersion: bom.version,
    createdAt: bom.timestamp,
    ingestedAt: input.ingestedAt,
    byteSize: input.bytes.byteLength,
    componentCount: listed.size,
    warningCount: 0,
    state: 'complete',
  });
}
