/**
 * CycloneDX JSON (1.2–1.6; later versions read leniently) → one OntologyBatch.
 *
 * Mapping (docs/formats.md has the full table):
 *   metadata.component      → the SBOM's subject (Document DESCRIBES it)
 *   components[] (nested)   → PackageVersion / Model / Dataset; nesting → CONTAINS,
 *                             and the subject CONTAINS each top-level component
 *   dependencies[]          → DEPENDS_ON (dependsOn) and CONTAINS (provides)
 *   hashes                  → Artifact via HAS_DIGEST
 *   licenses                → License via DECLARES_LICENSE
 *   externalReferences vcs  → SourceRepository via HAS_SOURCE
 *   modelCard datasets      → USES_DATASET
 * Nesting is walked with an explicit stack: hostile documents nest thousands deep.
 */
import { BatchBuilder, type NodeRef, type OntologyBatch } from '../../schema/ontology/batch.js';
import { documentKey } from '../../schema/identity/keys.js';
import { IngestError, type DocumentInput, type DocumentParser } from '../parser.js';
import { addComponent, addDigest, addLicense, addSourceRepository, type ComponentKind } from '../common/components.js';
import { int, isObject, objects, str, type JsonObject } from '../common/json.js';

const MODEL_TYPES = new Set(['machine-learning-model']);
const DATA_TYPES = new Set(['data']);

export const cycloneDxJsonParser: DocumentParser = {
  format: 'cyclonedx-json',
  kind: 'sbom',
  detect: (input) => isObject(input.json) && input.json.bomFormat === 'CycloneDX',
  parse: parseCycloneDxJson,
};

interface PendingComponent {
  obj: JsonObject;
  parent: NodeRef | null;
  at: string;
}

export function parseCycloneDxJson(input: DocumentInput): OntologyBatch {
  const bom = input.json;
  if (!isObject(bom)) throw new IngestError('INVALID_DOCUMENT', 'a CycloneDX document must be a JSON object');
  const specVersion = str(bom.specVersion);
  if (specVersion === null) throw new IngestError('INVALID_DOCUMENT', 'missing "specVersion"', '/specVersion');
  const docKey = documentKey(input.sha256);
  const b = new BatchBuilder(docKey);
  const doc: NodeRef = { label: 'Document', key: docKey };
  if (!/^1\.[2-6]$/.test(specVersion)) {
    b.warn('UNSUPPORTED_SPEC_VERSION', `CycloneDX ${specVersion} is read leniently as 1.6; fields unknown to 1.6 are ignored`, '/specVersion');
  }
  if (bom.components !== undefined && !Array.isArray(bom.components)) {
    throw new IngestError('INVALID_DOCUMENT', '"components" must be an array', '/components');
  }
  if (bom.dependencies !== undefined && !Array.isArray(bom.dependencies)) {
    throw new IngestError('INVALID_DOCUMENT', '"dependencies" must be an array', '/dependencies');
  }

  const byRef = new Map<string, NodeRef>();
  const datasetRefs: DatasetRef[] = [];
  let componentCount = 0;
  const metadata = isObject(bom.metadata) ? bom.metadata : {};
  const pending: PendingComponent[] = [];
  let subject: NodeRef | null = null;

  const visit = (item: PendingComponent): NodeRef | null => {
    const c = item.obj;
    const type = str(c.type) ?? 'library';
    const name = str(c.name);
    const ref = str(c['bom-ref']) ?? `${item.at}`;
    if (!name && !str(c.purl)) {
      b.warn('COMPONENT_WITHOUT_IDENTITY', 'component has neither name nor purl; skipped', item.at);
      return null;
    }
    const kind: ComponentKind = MODEL_TYPES.has(type) ? 'model' : DATA_TYPES.has(type) ? 'dataset' : 'package';
    const node = addComponent(b, input.sha256, { kind, name, group: str(c.group), version: str(c.version), purl: str(c.purl), localRef: ref, at: item.at });
    componentCount += 1;
    if (byRef.has(ref) && byRef.get(ref)!.key !== node.key) {
      b.warn('DUPLICATE_BOM_REF', `bom-ref "${ref}" is used by more than one component; the first is kept for dependencies`, item.at);
    } else if (!byRef.has(ref)) {
      byRef.set(ref, node);
    }
    b.edge('LISTS', doc, node, { ref, componentType: type, scope: str(c.scope) });
    if (item.parent && !(item.parent.key === node.key && item.parent.label === node.label)) b.edge('CONTAINS', item.parent, node);
    objects(c.hashes).forEach((h, i) => {
      const alg = str(h.alg);
      const content = str(h.content);
      if (alg && content) addDigest(b, node, alg, content, `${item.at}/hashes/${i}`);
    });
    for (const l of objects(c.licenses)) {
      if (isObject(l.license)) addLicense(b, node, { id: str(l.license.id), name: str(l.license.name) }, 'declared');
      else if (str(l.expression)) addLicense(b, node, { expression: str(l.expression) }, 'declared');
    }
    for (const ext of objects(c.externalReferences)) {
      const url = str(ext.url);
      if (url && str(ext.type) === 'vcs') addSourceRepository(b, node, url, null);
    }
    if (kind === 'model' && isObject(c.modelCard)) addModelCardDatasets(b, node, c.modelCard, input.sha256, `${item.at}/modelCard`, byRef, datasetRefs);
    objects(c.components).forEach((child, i) => pending.push({ obj: child, parent: node, at: `${item.at}/components/${i}` }));
    return node;
  };

  if (isObject(metadata.component)) {
    subject = visit({ obj: metadata.component, parent: null, at: '/metadata/component' });
    if (subject) b.edge('DESCRIBES', doc, subject);
  }
  // The subject is made of what the SBOM inventories: top-level components hang off it, so
  // "which images include X" is a graph walk even when the producer wrote no dependencies.
  objects(bom.components).forEach((c, i) => pending.push({ obj: c, parent: subject, at: `/components/${i}` }));
  // Breadth-first with an explicit queue: no recursion, so nesting depth cannot overflow the stack.
  for (let i = 0; i < pending.length; i++) {
    visit(pending[i]!);
    pending[i] = undefined as unknown as PendingComponent;
  }

  objects(bom.dependencies).forEach((d, i) => {
    const ref = str(d.ref);
    const at = `/dependencies/${i}`;
    const from = ref ? byRef.get(ref) : undefined;
    if (!ref || !from) {
      b.warn('DANGLING_REF', `dependency entry refers to unknown bom-ref "${ref ?? ''}"; ignored`, at);
      return;
    }
    const link = (list: unknown, edge: 'DEPENDS_ON' | 'CONTAINS', field: string): void => {
      (Array.isArray(list) ? list : []).forEach((target, j) => {
        const targetRef = typeof target === 'string' ? target : isObject(target) ? str(target.ref) : null;
        const to = targetRef ? byRef.get(targetRef) : undefined;
        if (!to) {
          b.warn('DANGLING_REF', `"${ref}" ${field} unknown bom-ref "${targetRef ?? ''}"; ignored`, `${at}/${field}/${j}`);
          return;
        }
        if (to.label === 'Artifact' || from.label === 'Artifact') return;
        if (edge === 'DEPENDS_ON' && to.key === from.key) {
          b.warn('SELF_DEPENDENCY', `"${ref}" depends on itself; ignored`, `${at}/${field}/${j}`);
          return;
        }
        b.edge(edge, from, to, edge === 'DEPENDS_ON' ? { scope: null } : {});
      });
    };
    link(d.dependsOn, 'DEPENDS_ON', 'dependsOn');
    link(d.provides, 'CONTAINS', 'provides');
  });
  // Model-card dataset refs can point at components listed later, so they resolve last.
  for (const d of datasetRefs) {
    const target = byRef.get(d.ref);
    if (target && target.label === 'Dataset') b.edge('USES_DATASET', d.model, target, { purpose: 'unspecified' });
    else b.warn('DANGLING_REF', `model card dataset ref "${d.ref}" does not name a data component; ignored`, d.at);
  }

  const meta = metadata;
  const subjectName = isObject(meta.component) ? [str(meta.component.group), str(meta.component.name), str(meta.component.version)].filter(Boolean).join(' ') : null;
  return b.build({
    key: docKey,
    sha256: input.sha256,
    kind: 'sbom',
    format: 'cyclonedx-json',
    specVersion,
    name: subjectName || null,
    serialNumber: str(bom.serialNumber),
    bomVersion: int(bom.version),
    createdAt: str(meta.timestamp),
    ingestedAt: input.ingestedAt,
    byteSize: input.bytes.byteLength,
    componentCount,
    warningCount: 0,
    state: 'complete',
  });
}

interface DatasetRef {
  model: NodeRef;
  ref: string;
  at: string;
}

function addModelCardDatasets(b: BatchBuilder, model: NodeRef, card: JsonObject, sha256: string, at: string, byRef: Map<string, NodeRef>, deferred: DatasetRef[]): void {
  const params = isObject(card.modelParameters) ? card.modelParameters : {};
  objects(params.datasets).forEach((ds, i) => {
    const ref = str(ds.ref);
    if (ref) {
      deferred.push({ model, ref, at: `${at}/modelParameters/datasets/${i}` });
      return;
    }
    const name = str(ds.name);
    if (!name) return;
    const node = addComponent(b, sha256, { kind: 'dataset', name, group: null, version: str(ds.version), purl: str(ds.purl), localRef: str(ds['bom-ref']) ?? `${at}/${i}`, at: `${at}/modelParameters/datasets/${i}` });
    b.edge('USES_DATASET', model, node, { purpose: 'unspecified' });
    const dsRef = str(ds['bom-ref']);
    if (dsRef && !byRef.has(dsRef)) byRef.set(dsRef, node);
  });
}

