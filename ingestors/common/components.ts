/**
 * Shared by every SBOM format: turning a component's identity facts (purl,
 * name, version, kind, hashes, licenses, repository) into ontology nodes and
 * edges, with the identity rules from schema/identity/keys.ts.
 */
import type { BatchBuilder, NodeRef } from '../../schema/ontology/batch.js';
import { artifactKey, datasetKey, licenseKey, modelKey, packageNodes, sourceRepositoryKey, syntheticPackage } from '../../schema/identity/keys.js';
import { tryParsePurl, formatPurl } from '../../schema/identity/purl.js';
import { cpeNode, parseCpe } from '../../schema/identity/cpe.js';

export type ComponentKind = 'package' | 'model' | 'dataset';

export interface ComponentFacts {
  kind: ComponentKind;
  name: string | null;
  group: string | null;
  version: string | null;
  purl: string | null;
  /** Document-local id (bom-ref, SPDXID), used for synthetic identities and warnings. */
  localRef: string;
  /** Where in the document, for warnings. */
  at: string;
}

/** Adds the component's node(s) and returns the node that stands for it. */
export function addComponent(b: BatchBuilder, documentSha256: string, c: ComponentFacts): NodeRef {
  let canonical: string | null = null;
  let parsed = null;
  if (c.purl) {
    const r = tryParsePurl(c.purl, { lenient: true });
    if (r.ok) {
      parsed = r.purl;
      canonical = formatPurl({ ...r.purl, subpath: null });
    } else {
      b.warn('INVALID_PURL', `component "${c.name ?? c.localRef}" has an invalid purl "${truncate(c.purl)}": ${r.error.message}; kept with a synthetic identity`, c.at);
    }
  }
  if (c.kind === 'model' || c.kind === 'dataset') {
    const name = c.name ?? parsed?.name ?? c.localRef;
    const identity = { purl: canonical, name: c.group ? `${c.group}/${name}` : name, version: c.version };
    const key = c.kind === 'model' ? modelKey(identity) : datasetKey(identity);
    const props = { key, name: identity.name, purl: canonical, version: c.version ?? parsed?.version ?? null, synthetic: canonical === null };
    return c.kind === 'model' ? b.node('Model', props) : b.node('Dataset', props);
  }
  const nodes = parsed
    ? packageNodes(parsed)
    : syntheticPackage({ group: c.group, name: c.name ?? c.localRef, version: c.version, documentSha256, localRef: c.localRef });
  const pkg = b.node('Package', nodes.pkg);
  const version = b.node('PackageVersion', nodes.version);
  b.edge('HAS_VERSION', pkg, version);
  return version;
}

export function addDigest(b: BatchBuilder, owner: NodeRef, algorithm: string, value: string, at: string): void {
  const key = artifactKey(algorithm, value);
  if (!key) {
    b.warn('INVALID_HASH', `hash "${truncate(algorithm)}:${truncate(value)}" is not a known algorithm with a hex value; ignored`, at);
    return;
  }
  const [alg, hex] = key.split(':') as [string, string];
  const artifact = b.node('Artifact', { key, algorithm: alg, digest: hex });
  if (owner.label === 'Artifact') return;
  b.edge('HAS_DIGEST', owner, artifact);
}

export function addLicense(b: BatchBuilder, owner: NodeRef, license: { id?: string | null; name?: string | null; expression?: string | null }, kind: string): void {
  if (owner.label === 'Artifact') return;
  const spdxId = license.id ?? null;
  const name = license.expression ?? license.id ?? license.name;
  if (!name) return;
  const node = b.node('License', { key: licenseKey(name), spdxId, name, expression: license.expression != null });
  b.edge('DECLARES_LICENSE', owner, node, { kind });
}

/** A CPE name of the component, kept as an identity (`IDENTIFIED_BY` a `Cpe`, schema/identity/cpe.ts). */
export function addCpe(b: BatchBuilder, owner: NodeRef, value: string, at: string): void {
  if (owner.label === 'Artifact') return;
  const cpe = parseCpe(value);
  if (!cpe) {
    b.warn('INVALID_CPE', `"${truncate(value)}" is neither a CPE 2.3 formatted string nor a CPE 2.2 URI; ignored`, at);
    return;
  }
  b.edge('IDENTIFIED_BY', owner, b.node('Cpe', cpeNode(cpe)));
}

export function addSourceRepository(b: BatchBuilder, owner: NodeRef, url: string, revision: string | null): void {
  const key = sourceRepositoryKey(url);
  const repo = b.node('SourceRepository', { key, url: key });
  b.edge('HAS_SOURCE', owner, repo, { revision });
}

function truncate(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
