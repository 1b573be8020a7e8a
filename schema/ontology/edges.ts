/**
 * Edge kinds of the ontology. Every edge that a document asserts carries `doc`,
 * the key of that document, so any fact can be traced to (and retracted with)
 * the document that said it. `HAS_VERSION` is implied by identity and carries
 * `doc = ''`; `AFFECTS` is computed by matching and carries the advisory's doc.
 */
import type { NodeLabel, PropertySpec, PropertyType } from './nodes.js';

export interface EdgeSpec {
  readonly endpoints: ReadonlyArray<readonly [NodeLabel, NodeLabel]>;
  /** Properties besides `doc`, which every edge has. */
  readonly properties: readonly PropertySpec[];
  /**
   * Properties added by a later migration (`ALTER TABLE … ADD`): the embedded
   * engine appends them after `doc`, so they come last in column order.
   */
  readonly laterProperties: readonly PropertySpec[];
}

const COMPONENTS = ['PackageVersion', 'Model', 'Dataset'] as const;
const COMPONENTS_AND_ARTIFACTS = ['PackageVersion', 'Model', 'Dataset', 'Artifact'] as const;

export const EDGE_SPECS = {
  /** Package → PackageVersion: the versionless package and its versions. */
  HAS_VERSION: spec([['Package', 'PackageVersion']], {}),
  /**
   * Document → its subject (SBOM metadata component, attestation subject).
   * `derived` is true when the document named no subject and supplygraph chose
   * one (SPDX 2 without DESCRIBES: docs/formats.md); absent (null) when stated.
   */
  DESCRIBES: spec(pairs(['Document'], COMPONENTS_AND_ARTIFACTS), {}, { derived: 'BOOLEAN' }),
  /** Document → every node it mentions; `ref` is the document-local id (bom-ref, SPDXID). */
  LISTS: spec(
    pairs(['Document'], [...COMPONENTS_AND_ARTIFACTS, 'Advisory', 'VexStatement', 'Signature', 'SourceRepository', 'Builder', 'Vulnerability', 'License']),
    { ref: 'STRING', componentType: 'STRING', scope: 'STRING' },
  ),
  /** Component → component it depends on (CycloneDX dependencies, SPDX DEPENDS_ON). */
  DEPENDS_ON: spec(pairs(COMPONENTS, COMPONENTS), { scope: 'STRING' }),
  /** Whole → part (CycloneDX nesting, SPDX CONTAINS, an image containing packages). */
  CONTAINS: spec(pairs(COMPONENTS_AND_ARTIFACTS, COMPONENTS_AND_ARTIFACTS), {}),
  /** Component → an Artifact that is its content (component hashes, SPDX checksums). */
  HAS_DIGEST: spec(pairs(COMPONENTS, ['Artifact']), {}),
  /** Model/dataset/package → one of its files, by path (OMS manifests, SPDX files). */
  HAS_FILE: spec(pairs(COMPONENTS, ['Artifact']), { path: 'STRING' }),
  /** Component → License; `kind` is declared | concluded | expression-member. */
  DECLARES_LICENSE: spec(pairs(COMPONENTS, ['License']), { kind: 'STRING' }),
  /** Model → Dataset; `purpose` is training | testing | validation | unspecified. */
  USES_DATASET: spec([['Model', 'Dataset']], { purpose: 'STRING' }),
  /** Descendant → ancestor: base model of a fine-tune, pedigree ancestors/variants. */
  DERIVED_FROM: spec([['Model', 'Model'], ['Dataset', 'Dataset'], ['PackageVersion', 'PackageVersion']], { relation: 'STRING' }),
  /** Component/artifact → its source repository; `revision` is a commit or tag when known. */
  HAS_SOURCE: spec(pairs(COMPONENTS_AND_ARTIFACTS, ['SourceRepository']), { revision: 'STRING' }),
  /** Built thing → builder (SLSA provenance). */
  BUILT_BY: spec(pairs(COMPONENTS_AND_ARTIFACTS, ['Builder']), { buildType: 'STRING', invocationId: 'STRING' }),
  /** Built thing → build material (artifact or source). */
  BUILT_FROM: spec(pairs(COMPONENTS_AND_ARTIFACTS, ['Artifact', 'SourceRepository']), { uri: 'STRING', revision: 'STRING' }),
  /** Signature → what it signs (a model and its root digest artifact). */
  SIGNS: spec([['Signature', 'Model'], ['Signature', 'Artifact'], ['Signature', 'Dataset'], ['Signature', 'PackageVersion']], {}),
  /** Signature → who signed. */
  SIGNED_BY: spec([['Signature', 'SignerIdentity']], {}),
  /**
   * Package version → another purl a document gave for the same component (an SPDX
   * package with two purls): the first purl is the node's identity, each further
   * one its own PackageVersion reached by SAME_AS. Purl lookups follow it both ways.
   */
  SAME_AS: spec([['PackageVersion', 'PackageVersion']], {}),
  /** Component → a CPE name a document gave for it (CycloneDX `cpe`, SPDX cpe22Type/cpe23Type). */
  IDENTIFIED_BY: spec(pairs(COMPONENTS, ['Cpe']), {}),
  /**
   * Advisory → a CPE name (pattern) it says is affected, for products an advisory
   * names only by CPE (CSAF product_identification_helper.cpe, CVE 5 `cpes`);
   * matched against components' CPEs (services/matching/cpe.ts).
   */
  AFFECTS_CPE: spec([['Advisory', 'Cpe']], { vulnerability: 'STRING' }),
  /** Source repository → an OpenSSF Scorecard run on it. */
  HAS_SCORECARD: spec([['SourceRepository', 'Scorecard']], {}),
  /** Advisory → a severity it gives (schema/severity/, docs/severity.md). */
  HAS_SEVERITY: spec([['Advisory', 'Severity']], {}),
  /** Severity → the vulnerability it scores. */
  RATES: spec([['Severity', 'Vulnerability']], {}),
  /** Vulnerability id → another id for the same vulnerability (CVE ↔ GHSA ↔ PYSEC…). */
  ALIAS_OF: spec([['Vulnerability', 'Vulnerability']], {}),
  /** Advisory → the vulnerability it is about. */
  ADVISES: spec([['Advisory', 'Vulnerability']], {}),
  /**
   * Advisory → versionless package, holding the affected-range rule so that an SBOM
   * arriving later can be matched without re-reading the advisory.
   */
  AFFECTS_PACKAGE: spec([['Advisory', 'Package']], {
    vulnerability: 'STRING', ecosystem: 'STRING', rule: 'STRING',
  }),
  /** Vulnerability → PackageVersion, computed by version matching (never by Cypher). */
  AFFECTS: spec([['Vulnerability', 'PackageVersion']], { advisory: 'STRING', reason: 'STRING' }),
  /** VEX statement → the vulnerability it is about. */
  VEX_ABOUT: spec([['VexStatement', 'Vulnerability']], {}),
  /** VEX statement → the product it speaks for. */
  VEX_APPLIES_TO: spec(pairs(['VexStatement'], COMPONENTS_AND_ARTIFACTS), {}),
} satisfies Record<string, EdgeSpec>;

export type EdgeType = keyof typeof EDGE_SPECS;
export const EDGE_TYPES = Object.keys(EDGE_SPECS) as EdgeType[];

export function edgeEndpointsAllowed(type: EdgeType, from: NodeLabel, to: NodeLabel): boolean {
  return EDGE_SPECS[type].endpoints.some(([f, t]) => f === from && t === to);
}

function spec(endpoints: Array<readonly [NodeLabel, NodeLabel]>, properties: Record<string, PropertyType>, later: Record<string, PropertyType> = {}): EdgeSpec {
  const list = (o: Record<string, PropertyType>): PropertySpec[] => Object.entries(o).map(([name, type]) => ({ name, type }));
  return { endpoints, properties: list(properties), laterProperties: list(later) };
}

function pairs(froms: readonly NodeLabel[], tos: readonly NodeLabel[]): Array<readonly [NodeLabel, NodeLabel]> {
  return froms.flatMap((f) => tos.map((t) => [f, t] as const));
}
