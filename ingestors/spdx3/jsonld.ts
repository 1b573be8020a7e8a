/**
 * SPDX 3.0.x JSON-LD (compact form) → one OntologyBatch.
 *
 * Mapping:
 *   SpdxDocument                  → Document {kind sbom, specVersion from creationInfo, name (else the subject's),
 *                                   serialNumber = the SpdxDocument's spdxId, createdAt = creationInfo.created,
 *                                   componentCount = number of package elements}
 *   rootElement (through software_Sbom / Bom / Bundle) → DESCRIBES
 *   software_Package              → PackageVersion (purl: software_packageUrl, else an externalIdentifier of type
 *                                   packageUrl; else a synthetic identity)
 *   ai_AIPackage                  → Model;  dataset_DatasetPackage → Dataset
 *   software_File                 → Artifact when verifiedUsing has a usable hash (sha256, else sha1, …);
 *                                   otherwise no node (one aggregated warning)
 *   verifiedUsing on packages     → Artifact via HAS_DIGEST
 *   git software_downloadLocation,
 *   externalRef of type vcs       → SourceRepository via HAS_SOURCE
 *   Relationship / LifecycleScopedRelationship, one per `to` entry:
 *     describes (from the document or an Sbom/Bom) → DESCRIBES
 *     contains                    → CONTAINS (+ HAS_FILE {path: file name} package → file)
 *     dependsOn                   → DEPENDS_ON {scope: lifecycle scope, development → dev}
 *     hasOptionalDependency / hasProvidedDependency → DEPENDS_ON {scope optional / provided}
 *     ancestorOf / descendantOf / hasVariant → DERIVED_FROM descendant → ancestor {relation}
 *     generates                   → BUILT_FROM / DERIVED_FROM (see ../common/spdx.ts)
 *     trainedOn / testedOn        → USES_DATASET Model → Dataset {purpose training / testing}; when
 *                                   the ends are files (the AI profile's examples relate model.bin to
 *                                   train.txt) they are attributed to the ai_AIPackage / dataset_DatasetPackage
 *                                   that contains them, and one LIFTED_RELATIONSHIPS warning says so
 *     hasDeclaredLicense / hasConcludedLicense → DECLARES_LICENSE {kind declared / concluded}; the
 *                                   licence may be a simple expression, a listed/custom licence or an
 *                                   ExpandedLicensing structure (AND/OR sets, `+`, WITH), which is
 *                                   written out as an SPDX expression
 *     anything else               → counted in one IGNORED_RELATIONSHIPS warning
 */
import { BatchBuilder, type NodeRef, type OntologyBatch } from '../../schema/ontology/batch.js';
import { artifactKey, documentKey, sourceRepositoryKey } from '../../schema/identity/keys.js';
import type { DocumentInput, DocumentParser } from '../parser.js';
import { addComponent, addCpe, addDigest, addLicense, addSourceRepository, type ComponentKind } from '../common/components.js';
import { arr, isObject, objects, str, type JsonObject } from '../common/json.js';
import {
  RelationshipSink, chooseFileDigest, isNoAssertion, isPlaceholderDigest, kebabPurpose, licenseFacts,
  type BuildMaterial, type Endpoint, type RelationMapping, type RelationshipStats, type SpdxChecksum,
} from '../common/spdx.js';
import { gitLocation, repositoryLocation } from '../common/vcs.js';
import { contextMentionsSpdx3, readSpdx3Graph, refOf, type Spdx3Element, type Spdx3Graph } from './model.js';

export const spdx3JsonLdParser: DocumentParser = {
  format: 'spdx3-jsonld',
  kind: 'sbom',
  detect: (input) => isObject(input.json) && Array.isArray(input.json['@graph']) && contextMentionsSpdx3(input.json['@context']),
  parse: parseSpdx3JsonLd,
};

export function parseSpdx3JsonLd(input: DocumentInput): OntologyBatch {
  return mapSpdx3JsonLd(input).batch;
}

const PACKAGE_KINDS: Readonly<Record<string, ComponentKind>> = {
  software_Package: 'package',
  ai_AIPackage: 'model',
  dataset_DatasetPackage: 'dataset',
};
const COLLECTION_TYPES = new Set(['SpdxDocument', 'software_Sbom', 'Bom', 'Bundle']);

export const SPDX3_RELATIONSHIPS: Readonly<Record<string, RelationMapping>> = {
  describes: { relation: { kind: 'describes' }, reverse: false },
  contains: { relation: { kind: 'contains' }, reverse: false },
  dependsOn: { relation: { kind: 'depends', scope: null }, reverse: false },
  hasOptionalDependency: { relation: { kind: 'depends', scope: 'optional' }, reverse: false },
  hasProvidedDependency: { relation: { kind: 'depends', scope: 'provided' }, reverse: false },
  ancestorOf: { relation: { kind: 'derived', relation: 'descendant-of' }, reverse: true },
  descendantOf: { relation: { kind: 'derived', relation: 'descendant-of' }, reverse: false },
  hasVariant: { relation: { kind: 'derived', relation: 'variant-of' }, reverse: true },
  generates: { relation: { kind: 'generated' }, reverse: true },
  trainedOn: { relation: { kind: 'uses-dataset', purpose: 'training' }, reverse: false },
  testedOn: { relation: { kind: 'uses-dataset', purpose: 'testing' }, reverse: false },
};
const LICENSE_RELATIONSHIPS: Readonly<Record<string, 'declared' | 'concluded'>> = {
  hasDeclaredLicense: 'declared',
  hasConcludedLicense: 'concluded',
};
/** Pseudo relationship type for the document's subjects given by `rootElement`. */
export const ROOT_ELEMENT = 'rootElement';

const NONE_MARKER = /\/terms\/(Core\/(NoneElement|NoAssertionElement)|ExpandedLicensing\/(NoneLicense|NoAssertionLicense))$/;
const LISTED_LICENSE_IRI = /^https?:\/\/spdx\.org\/licenses\/([A-Za-z0-9.+-]+?)(\.html|\.json)?$/;

export interface Spdx3Stats {
  packages: number;
  files: number;
  filesWithDigest: number;
  /** trainedOn/testedOn ends attributed to an enclosing AI / dataset package. */
  lifted: number;
  /** Keyed by relationshipType (one per `to` entry), plus `rootElement`. */
  relationships: RelationshipStats;
}

export function mapSpdx3JsonLd(input: DocumentInput): { batch: OntologyBatch; stats: Spdx3Stats } {
  return mapSpdx3(readSpdx3Graph(input.json), input);
}

export function mapSpdx3(graph: Spdx3Graph, input: DocumentInput): { batch: OntologyBatch; stats: Spdx3Stats } {
  const docKey = documentKey(input.sha256);
  const b = new BatchBuilder(docKey);
  const doc: NodeRef = { label: 'Document', key: docKey };
  for (const w of graph.warnings) b.warn(w.code, w.message, w.at);

  const documents = graph.elements.filter((e) => e.type === 'SpdxDocument');
  const docEl = documents[0] ?? null;
  if (documents.length > 1) b.warn('MULTIPLE_DOCUMENTS', `${documents.length} SpdxDocument elements; the first names the document`, documents[1]!.at);
  const anonymous = new Map<string, JsonObject>();
  for (const e of graph.elements) if (e.id !== null && e.id.startsWith('_:')) anonymous.set(e.id, e.obj);
  const creationOf = (el: Spdx3Element | null): JsonObject | null => {
    if (el === null) return null;
    const ci = el.obj.creationInfo;
    if (isObject(ci)) return ci;
    const ref = str(ci);
    return ref ? anonymous.get(ref) ?? null : null;
  };
  const creation = creationOf(docEl) ?? graph.elements.find((e) => e.type === 'CreationInfo')?.obj ?? null;

  const endpoints = new Map<string, Endpoint>();
  const materials = new Map<string, BuildMaterial>();
  let componentCount = 0;
  let files = 0;
  let filesWithDigest = 0;
  let filesPlaceholder = 0;
  for (const el of graph.elements) {
    if (COLLECTION_TYPES.has(el.type)) {
      if (el.id !== null) endpoints.set(el.id, { kind: 'document' });
      continue;
    }
    const kind = PACKAGE_KINDS[el.type];
    if (kind !== undefined) {
      const o = el.obj;
      const localRef = el.id ?? el.at;
      const node = addComponent(b, input.sha256, {
        kind, name: str(o.name), group: null, version: str(o.software_packageVersion), purl: purlOf(o), localRef, at: el.at,
      });
      componentCount += 1;
      objects(o.externalIdentifier).forEach((x, i) => {
        const type = str(x.externalIdentifierType);
        const id = str(x.identifier);
        if ((type === 'cpe22' || type === 'cpe23') && id) addCpe(b, node, id, `${el.at}/externalIdentifier/${i}`);
      });
      if (el.id !== null) endpoints.set(el.id, { kind: 'node', node, path: null });
      b.edge('LISTS', doc, node, { ref: localRef, componentType: kebabPurpose(str(o.software_primaryPurpose)), scope: null });
      const hashes = hashesOf(o);
      hashes.forEach((h, i) => {
        if (isPlaceholderDigest(h.value)) b.warn('PLACEHOLDER_DIGEST', `"${str(o.name) ?? localRef}" has an all-zero hash; ignored`, `${el.at}/verifiedUsing/${i}`);
        else addDigest(b, node, h.algorithm, h.value, `${el.at}/verifiedUsing/${i}`);
      });
      const primary = chooseFileDigest(hashes);
      const primaryKey = primary.ok ? artifactKey(primary.algorithm, primary.value) : null;
      if (primaryKey) materials.set(refId(node), { node: { label: 'Artifact', key: primaryKey }, uri: null, revision: null });
      for (const loc of repositoriesOf(o)) {
        addSourceRepository(b, node, loc.url, loc.revision);
        const key = sourceRepositoryKey(loc.url);
        if (!materials.has(refId(node))) materials.set(refId(node), { node: { label: 'SourceRepository', key }, uri: key, revision: loc.revision });
      }
      continue;
    }
    if (el.type === 'software_File') {
      files += 1;
      const choice = chooseFileDigest(hashesOf(el.obj));
      const key = choice.ok ? artifactKey(choice.algorithm, choice.value) : null;
      if (key === null) {
        if (!choice.ok && choice.reason === 'placeholder') filesPlaceholder += 1;
        if (el.id !== null) endpoints.set(el.id, { kind: 'no-node' });
        continue;
      }
      const [algorithm, digest] = key.split(':') as [string, string];
      const node = b.node('Artifact', { key, algorithm, digest });
      filesWithDigest += 1;
      if (el.id !== null) endpoints.set(el.id, { kind: 'node', node, path: str(el.obj.name) });
      b.edge('LISTS', doc, node, { ref: el.id ?? el.at, componentType: 'file', scope: null });
      continue;
    }
    // Agents, licenses, annotations, snippets, vulnerabilities, relationships: declared, no component node.
    if (el.id !== null) endpoints.set(el.id, { kind: 'no-node' });
  }
  if (files > filesWithDigest) {
    b.warn('FILES_WITHOUT_DIGEST', `${files - filesWithDigest} of ${files} files have no Artifact node (no usable verifiedUsing hash${filesPlaceholder > 0 ? `; ${filesPlaceholder} only an all-zero placeholder` : ''}); relationships to them are not drawn`);
  }

  const imported = new Set<string>();
  if (docEl) for (const m of objects(docEl.obj.import)) { const id = str(m.externalSpdxId); if (id) imported.add(id); }
  const sink = new RelationshipSink(b, doc, (n) => materials.get(refId(n)) ?? null);
  let external = 0;
  const resolve = (id: string, type: string, at: string, role: string): Endpoint | null => {
    const e = endpoints.get(id);
    if (e) return e;
    if (NONE_MARKER.test(id)) {
      sink.count('none', type);
      return null;
    }
    if (imported.has(id)) {
      sink.count('external', type);
      external += 1;
      return null;
    }
    sink.count('dangling', type);
    b.warn('DANGLING_REF', `${type} ${role} "${id}" is not an element of the document; ignored`, at);
    return null;
  };

  // Subjects: the SpdxDocument's rootElement, through Sbom/Bom/Bundle collections (explicit stack, cycles safe).
  const describes = SPDX3_RELATIONSHIPS.describes!;
  const rootSources = docEl ? [docEl] : graph.elements.filter((e) => COLLECTION_TYPES.has(e.type));
  const stack: Array<{ ref: string; at: string }> = [];
  const pushRoots = (el: Spdx3Element): void => {
    // Reversed so the first root is visited first (it names the document when the SpdxDocument has no name).
    const roots = arr(el.obj.rootElement);
    for (let i = roots.length - 1; i >= 0; i--) {
      const ref = refOf(roots[i]);
      if (ref) stack.push({ ref, at: `${el.at}/rootElement/${i}` });
    }
  };
  for (let i = rootSources.length - 1; i >= 0; i--) pushRoots(rootSources[i]!);
  const seen = new Set<string>();
  let subjectName: string | null = null;
  while (stack.length > 0) {
    const { ref, at } = stack.pop()!;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const el = graph.byId.get(ref);
    if (el && COLLECTION_TYPES.has(el.type)) {
      pushRoots(el);
      continue;
    }
    sink.declare(ROOT_ELEMENT);
    const target = resolve(ref, ROOT_ELEMENT, at, 'root element');
    if (target) sink.emit(ROOT_ELEMENT, describes, { kind: 'document' }, target);
    subjectName ??= el ? str(el.obj.name) : null;
  }

  // trainedOn/testedOn between files are attributed to the packages that contain the files.
  const parentOf = new Map<string, string>();
  for (const r of graph.relationships) {
    if (r.type !== 'contains') continue;
    for (const t of r.to) if (!parentOf.has(t.ref) && t.ref !== r.from) parentOf.set(t.ref, r.from);
  }
  // Memoised per element: a hostile document with a long `contains` chain and a trainedOn
  // at every level would otherwise walk the chain once per relationship (quadratic).
  const enclosingOf = { Model: new Map<string, Endpoint | null>(), Dataset: new Map<string, Endpoint | null>() };
  const enclosing = (id: string, label: 'Model' | 'Dataset'): Endpoint | null => {
    const known = enclosingOf[label];
    const walked: string[] = [];
    const visited = new Set<string>();
    let found: Endpoint | null = null;
    let cur: string | undefined = id;
    while (cur !== undefined && !visited.has(cur)) {
      const cached = known.get(cur);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.add(cur);
      walked.push(cur);
      const e = endpoints.get(cur);
      if (e && e.kind === 'node' && e.node.label === label) {
        found = e;
        break;
      }
      cur = parentOf.get(cur);
    }
    // Every element walked shares the rest of the chain, so the same answer.
    for (const w of walked) known.set(w, found);
    return found;
  };
  let lifted = 0;

  for (const r of graph.relationships) {
    const mapping = SPDX3_RELATIONSHIPS[r.type];
    const licenseKind = LICENSE_RELATIONSHIPS[r.type];
    for (const t of r.to) {
      sink.declare(r.type);
      if (!mapping && !licenseKind) {
        sink.count('ignored', r.type);
        continue;
      }
      const from = resolve(r.from, r.type, `${r.at}/from`, 'source');
      if (!from) continue;
      if (licenseKind) {
        mapLicense(b, sink, graph, r.type, licenseKind, from, t.ref, t.at, resolve);
        continue;
      }
      const to = resolve(t.ref, r.type, t.at, 'target');
      if (!to) continue;
      const m = mapping!;
      if (m.relation.kind === 'depends' && m.relation.scope === null && r.scope !== null) {
        sink.emit(r.type, { relation: { kind: 'depends', scope: r.scope === 'development' ? 'dev' : r.scope }, reverse: m.reverse }, from, to);
        continue;
      }
      if (m.relation.kind === 'uses-dataset') {
        const model = isLabel(from, 'Model') ? from : enclosing(r.from, 'Model');
        const dataset = isLabel(to, 'Dataset') ? to : enclosing(t.ref, 'Dataset');
        if (model && dataset) {
          if (model !== from || dataset !== to) lifted += 1;
          sink.emit(r.type, m, model, dataset);
          continue;
        }
      }
      sink.emit(r.type, m, from, to);
    }
  }
  if (lifted > 0) {
    b.warn('LIFTED_RELATIONSHIPS', `${lifted} trainedOn/testedOn relationship(s) name files; they were attributed to the AI package and dataset package that contain those files`);
  }
  if (external > 0) {
    b.warn('EXTERNAL_DOCUMENT_REF', `${external} relationship end(s) name elements imported from other documents; cross-document references are recorded, not resolved`);
  }
  sink.finish();

  const batch = b.build({
    key: docKey,
    sha256: input.sha256,
    kind: 'sbom',
    format: 'spdx3-jsonld',
    specVersion: creation ? str(creation.specVersion) : null,
    // SpdxDocument.name is optional; like CycloneDX, fall back to the subject's name.
    name: (docEl ? str(docEl.obj.name) : null) ?? subjectName,
    serialNumber: docEl?.id ?? null,
    bomVersion: null,
    createdAt: creation ? str(creation.created) : null,
    ingestedAt: input.ingestedAt,
    byteSize: input.bytes.byteLength,
    componentCount,
    warningCount: 0,
    state: 'complete',
  });
  return { batch, stats: { packages: componentCount, files, filesWithDigest, lifted, relationships: sink.stats } };
}

type Resolve = (id: string, type: string, at: string, role: string) => Endpoint | null;

function mapLicense(b: BatchBuilder, sink: RelationshipSink, graph: Spdx3Graph, type: string, kind: 'declared' | 'concluded', from: Endpoint, ref: string, at: string, resolve: Resolve): void {
  const el = graph.byId.get(ref);
  let facts: ReturnType<typeof licenseFacts> | { name: string } = null;
  if (el) {
    const o = el.obj;
    if (el.type === 'simplelicensing_LicenseExpression') facts = licenseFacts(str(o.simplelicensing_licenseExpression));
    else if (el.type === 'expandedlicensing_ListedLicense') facts = { id: LISTED_LICENSE_IRI.exec(ref)?.[1] ?? str(o.name) ?? ref };
    else if (el.type === 'expandedlicensing_CustomLicense') facts = { name: str(o.name) ?? ref.slice(ref.lastIndexOf('/') + 1) };
    else if (el.type === 'expandedlicensing_NoneLicense' || el.type === 'expandedlicensing_NoAssertionLicense') return sink.count('none', type);
    else facts = licenseFacts(expandedLicenseExpression(graph, ref, 0));
    if (facts === null && (el.type === 'simplelicensing_LicenseExpression' && isNoAssertion(str(o.simplelicensing_licenseExpression)))) return sink.count('none', type);
  } else {
    const listed = LISTED_LICENSE_IRI.exec(ref);
    if (listed) facts = { id: listed[1]! };
    else if (resolve(ref, type, at, 'license') === null) return;
  }
  if (facts === null) {
    return sink.unmappable(type, `the licence element ${el ? `(${el.type}) ` : ''}has no licence id, name or expression that can be read`);
  }
  if (from.kind !== 'node') {
    return sink.unmappable(type, from.kind === 'document' ? 'the document itself is not a component' : 'the licensed element has no graph node (e.g. a file without a usable checksum)');
  }
  if (from.node.label === 'Artifact') {
    return sink.unmappable(type, 'a file\'s licence is not recorded (DECLARES_LICENSE goes from packages, models and datasets)');
  }
  addLicense(b, from.node, facts, kind);
  sink.count('mapped', type);
}

const MAX_LICENSE_NESTING = 32;

/**
 * The SPDX licence expression an ExpandedLicensing structure stands for:
 * ConjunctiveLicenseSet → `(a AND b)`, DisjunctiveLicenseSet → `(a OR b)`, OrLaterOperator → `a+`,
 * WithAdditionOperator → `a WITH e`, listed licences and exceptions → their ids, custom ones →
 * their names. Null when some part cannot be read (or nests absurdly deep).
 */
function expandedLicenseExpression(graph: Spdx3Graph, ref: unknown, depth: number): string | null {
  if (depth > MAX_LICENSE_NESTING) return null;
  let type: string | null = null;
  let o: JsonObject | null = null;
  let id: string | null = null;
  if (typeof ref === 'string') {
    id = ref;
    const el = graph.byId.get(ref);
    if (el) {
      type = el.type;
      o = el.obj;
    } else {
      return LISTED_LICENSE_IRI.exec(ref)?.[1] ?? null;
    }
  } else if (ref !== null && typeof ref === 'object' && !Array.isArray(ref)) {
    o = ref as JsonObject;
    type = str(o.type);
    id = str(o.spdxId) ?? str(o['@id']);
  }
  if (o === null || type === null) return null;
  const part = (r: unknown): string | null => expandedLicenseExpression(graph, r, depth + 1);
  switch (type) {
    case 'expandedlicensing_ListedLicense':
    case 'expandedlicensing_ListedLicenseException':
      return (id ? LISTED_LICENSE_IRI.exec(id)?.[1] : undefined) ?? str(o.name);
    case 'expandedlicensing_CustomLicense':
    case 'expandedlicensing_CustomLicenseAddition':
      return str(o.name) ?? (id ? id.slice(id.lastIndexOf('/') + 1) : null);
    case 'simplelicensing_LicenseExpression':
      return str(o.simplelicensing_licenseExpression);
    case 'expandedlicensing_ConjunctiveLicenseSet':
    case 'expandedlicensing_DisjunctiveLicenseSet': {
      const members = Array.isArray(o.expandedlicensing_member) ? o.expandedlicensing_member : [];
      const parts = members.map(part);
      if (parts.length === 0 || parts.some((x) => x === null)) return null;
      const op = type === 'expandedlicensing_ConjunctiveLicenseSet' ? ' AND ' : ' OR ';
      return parts.length === 1 ? parts[0]! : `(${parts.join(op)})`;
    }
    case 'expandedlicensing_OrLaterOperator': {
      const subject = part(o.expandedlicensing_subjectLicense);
      return subject === null ? null : `${subject}+`;
    }
    case 'expandedlicensing_WithAdditionOperator': {
      const subject = part(o.expandedlicensing_subjectExtendableLicense);
      const addition = part(o.expandedlicensing_subjectAddition);
      return subject === null || addition === null ? null : `${subject} WITH ${addition}`;
    }
    default:
      return null;
  }
}

function isLabel(e: Endpoint, label: 'Model' | 'Dataset'): boolean {
  return e.kind === 'node' && e.node.label === label;
}

function purlOf(o: JsonObject): string | null {
  const direct = str(o.software_packageUrl);
  if (direct) return direct;
  for (const x of objects(o.externalIdentifier)) {
    if (str(x.externalIdentifierType) === 'packageUrl') {
      const id = str(x.identifier);
      if (id) return id;
    }
  }
  return null;
}

function hashesOf(o: JsonObject): SpdxChecksum[] {
  const out: SpdxChecksum[] = [];
  for (const h of objects(o.verifiedUsing)) {
    const algorithm = str(h.algorithm);
    const value = str(h.hashValue);
    if (algorithm && value) out.push({ algorithm: algorithm.slice(algorithm.lastIndexOf('/') + 1), value });
  }
  return out;
}

function repositoriesOf(o: JsonObject): Array<{ url: string; revision: string | null }> {
  const out: Array<{ url: string; revision: string | null }> = [];
  for (const r of objects(o.externalRef)) {
    const t = str(r.externalRefType);
    if (t === null || t.slice(t.lastIndexOf('/') + 1) !== 'vcs') continue;
    for (const l of arr(r.locator)) {
      const loc = typeof l === 'string' ? repositoryLocation(l) : null;
      if (loc) out.push(loc);
    }
  }
  const dl = str(o.software_downloadLocation);
  if (dl && !isNoAssertion(dl)) {
    const loc = gitLocation(dl);
    if (loc) out.push(loc);
  }
  return out;
}

function refId(n: NodeRef): string {
  return `${n.label}\u0000${n.key}`;
}
