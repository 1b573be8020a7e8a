/**
 * Node kinds of the supplygraph ontology. Each kind is exactly one graph label
 * (the embedded engine has no multi-labels) and every node has a string `key`
 * that is its identity; the identity rules are in docs/ontology.md and in
 * schema/identity/keys.ts.
 */

export const NODE_LABELS = [
  'Package',
  'PackageVersion',
  'Artifact',
  'Model',
  'Dataset',
  'SourceRepository',
  'Builder',
  'Document',
  'Vulnerability',
  'Advisory',
  'VexStatement',
  'Signature',
  'SignerIdentity',
  'License',
  'Cpe',
  'Scorecard',
  'Severity',
] as const;

export type NodeLabel = (typeof NODE_LABELS)[number];

/** Property value types the two engines both store natively. */
export type PropertyType = 'STRING' | 'INT64' | 'DOUBLE' | 'BOOLEAN';

export interface PropertySpec {
  readonly name: string;
  readonly type: PropertyType;
}

/** A versionless package: `pkg:type/namespace/name`. */
export interface PackageNode {
  key: string;
  purl: string;
  type: string;
  namespace: string | null;
  name: string;
}

/**
 * A concrete package version. Key = canonical purl with version and qualifiers
 * (subpath dropped); `plainPurl` is the same without qualifiers so a
 * qualifier-less lookup finds every variant.
 */
export interface PackageVersionNode {
  key: string;
  purl: string;
  plainPurl: string;
  packageKey: string;
  type: string;
  namespace: string | null;
  name: string;
  version: string;
  qualifiers: string | null;
  /** true when the document gave no (valid) purl and the identity was synthesized. */
  synthetic: boolean;
}

/** A blob identified by one digest: `sha256:<hex>`. */
export interface ArtifactNode {
  key: string;
  algorithm: string;
  digest: string;
}

export interface ModelNode {
  key: string;
  name: string;
  purl: string | null;
  version: string | null;
  synthetic: boolean;
}

export interface DatasetNode {
  key: string;
  name: string;
  purl: string | null;
  version: string | null;
  synthetic: boolean;
}

export interface SourceRepositoryNode {
  key: string;
  url: string;
}

export interface BuilderNode {
  key: string;
  builderId: string;
}

export type DocumentKind = 'sbom' | 'advisory' | 'vex' | 'attestation' | 'signature' | 'scorecard';

/**
 * How far a document got: `written` (its asserted facts are in the graph) →
 * `complete` (derived facts — vulnerability matches — computed too). Only a
 * complete document makes a re-ingest a no-op; anything else is finished by the
 * next attempt. `writing` is a chunked write in progress (large documents, both engines),
 * redone from the start by the next attempt if its writer died (services/graph/write-chunks.ts).
 */
export type DocumentState = 'writing' | 'written' | 'complete';

/** A document as stored: identity is the sha256 of its raw (decompressed) bytes. */
export interface DocumentNode {
  key: string;
  sha256: string;
  kind: DocumentKind;
  format: string;
  specVersion: string | null;
  name: string | null;
  serialNumber: string | null;
  bomVersion: number | null;
  createdAt: string | null;
  ingestedAt: string;
  byteSize: number;
  componentCount: number;
  warningCount: number;
  state: DocumentState;
  /** Digest of the stored blob (the upload as sent, maybe compressed); set by the worker, not by parsers. */
  blobDigest?: string | null;
  /** The ingest options the document was parsed with (JSON), so `check` can re-derive exactly. */
  ingestOptions?: string | null;
  /** Labels given at upload or later, as a JSON object of strings (document metadata, not an asserted fact). */
  labels?: string | null;
  /** Key of the newer version of the same SBOM (same name and subject) when the policy keeps both. */
  supersededBy?: string | null;
}

export interface VulnerabilityNode {
  key: string;
  id: string;
}

export interface AdvisoryNode {
  key: string;
  source: string;
  advisoryId: string;
  title: string | null;
  published: string | null;
  modified: string | null;
  withdrawn: string | null;
  severity: string | null;
}

export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

export interface VexStatementNode {
  key: string;
  status: VexStatus;
  justification: string | null;
  impactStatement: string | null;
  actionStatement: string | null;
  timestamp: string | null;
}

export type SignatureTrustStatus = 'TRUSTED' | 'UNTRUSTED' | 'INVALID';

export interface SignatureNode {
  key: string;
  method: string;
  predicateType: string | null;
  formatVersion: string | null;
  trust: SignatureTrustStatus;
  reasonCode: string;
  reason: string;
  signedAt: string | null;
  verifiedAt: string;
  rootDigest: string | null;
  /**
   * Digest of the trust policy the verdict was made with (verify/policy-digest.ts);
   * absent on signatures stored before it was recorded, which counts as stale.
   */
  trustDigest?: string | null;
}

export interface SignerIdentityNode {
  key: string;
  kind: 'key' | 'certificate' | 'oidc';
  keyFingerprint: string | null;
  subject: string | null;
  san: string | null;
  issuer: string | null;
}

export interface LicenseNode {
  key: string;
  spdxId: string | null;
  name: string;
  expression: boolean;
}

/**
 * A CPE name a document gave for a component, as a well-formed CPE 2.3 formatted
 * string (CPE 2.2 URIs are converted; see schema/identity/cpe.ts). The parts are
 * kept for matching a vendor/product without a version.
 */
export interface CpeNode {
  key: string;
  part: string;
  vendor: string;
  product: string;
  /** `*` (ANY) or `-` (NA) as in the CPE; matching reads them as such. */
  version: string;
}

/**
 * One OpenSSF Scorecard run: a repository at a commit on a date. `checks` is the
 * JSON list of `{name, score, reason}` (score -1: the check could not decide).
 */
export interface ScorecardNode {
  key: string;
  repository: string;
  commit: string | null;
  date: string;
  score: number | null;
  scorecardVersion: string | null;
  checks: string;
}

/**
 * One severity an advisory gives a vulnerability: a CVSS vector with its base
 * score, or a vendor's rating word. The key is content-addressed (advisory,
 * vulnerability, source, version and a digest of the rest), so two versions of
 * an advisory that score differently assert two nodes; queries read the ones
 * the advisory's current document asserts (HAS_SEVERITY.doc).
 */
export interface SeverityNode {
  key: string;
  /** The vulnerability scored (a key of the Vulnerability it RATES). */
  vulnerability: string;
  /** Who scored: the document's issuer (CSAF publisher, CVE 5 `cna:`/`adp:` container, OSV `osv:<database>`). */
  source: string;
  /** `2.0`, `3.0`, `3.1`, `4.0` for CVSS; `vendor` for a rating word. */
  version: string;
  vector: string | null;
  baseScore: number | null;
  /** NONE, LOW, MEDIUM, HIGH or CRITICAL (schema/severity/rating.ts), null when it cannot be placed. */
  baseSeverity: string | null;
  /** The vendor's own word (Important, moderate, …) as given. */
  rating: string | null;
  /** true when the document gave only the vector and baseScore was computed from it. */
  scoreComputed: boolean;
  /** The package the score is limited to (OSV affected[].severity), as a versionless purl. */
  package: string | null;
}

export interface NodeByLabel {
  Package: PackageNode;
  PackageVersion: PackageVersionNode;
  Artifact: ArtifactNode;
  Model: ModelNode;
  Dataset: DatasetNode;
  SourceRepository: SourceRepositoryNode;
  Builder: BuilderNode;
  Document: DocumentNode;
  Vulnerability: VulnerabilityNode;
  Advisory: AdvisoryNode;
  VexStatement: VexStatementNode;
  Signature: SignatureNode;
  SignerIdentity: SignerIdentityNode;
  License: LicenseNode;
  Cpe: CpeNode;
  Scorecard: ScorecardNode;
  Severity: SeverityNode;
}

/** Column layout per label, shared by both engines' migrations and writers. */
export const NODE_PROPERTIES: { readonly [L in NodeLabel]: readonly PropertySpec[] } = {
  Package: props({ key: 'STRING', purl: 'STRING', type: 'STRING', namespace: 'STRING', name: 'STRING' }),
  PackageVersion: props({
    key: 'STRING', purl: 'STRING', plainPurl: 'STRING', packageKey: 'STRING', type: 'STRING',
    namespace: 'STRING', name: 'STRING', version: 'STRING', qualifiers: 'STRING', synthetic: 'BOOLEAN',
  }),
  Artifact: props({ key: 'STRING', algorithm: 'STRING', digest: 'STRING' }),
  Model: props({ key: 'STRING', name: 'STRING', purl: 'STRING', version: 'STRING', synthetic: 'BOOLEAN' }),
  Dataset: props({ key: 'STRING', name: 'STRING', purl: 'STRING', version: 'STRING', synthetic: 'BOOLEAN' }),
  SourceRepository: props({ key: 'STRING', url: 'STRING' }),
  Builder: props({ key: 'STRING', builderId: 'STRING' }),
  Document: props({
    key: 'STRING', sha256: 'STRING', kind: 'STRING', format: 'STRING', specVersion: 'STRING', name: 'STRING',
    serialNumber: 'STRING', bomVersion: 'INT64', createdAt: 'STRING', ingestedAt: 'STRING', byteSize: 'INT64',
    componentCount: 'INT64', warningCount: 'INT64', state: 'STRING', blobDigest: 'STRING', ingestOptions: 'STRING',
    labels: 'STRING', supersededBy: 'STRING',
  }),
  Vulnerability: props({ key: 'STRING', id: 'STRING' }),
  Advisory: props({
    key: 'STRING', source: 'STRING', advisoryId: 'STRING', title: 'STRING', published: 'STRING',
    modified: 'STRING', withdrawn: 'STRING', severity: 'STRING',
  }),
  VexStatement: props({
    key: 'STRING', status: 'STRING', justification: 'STRING', impactStatement: 'STRING',
    actionStatement: 'STRING', timestamp: 'STRING',
  }),
  Signature: props({
    key: 'STRING', method: 'STRING', predicateType: 'STRING', formatVersion: 'STRING', trust: 'STRING',
    reasonCode: 'STRING', reason: 'STRING', signedAt: 'STRING', verifiedAt: 'STRING', rootDigest: 'STRING',
    trustDigest: 'STRING',
  }),
  SignerIdentity: props({
    key: 'STRING', kind: 'STRING', keyFingerprint: 'STRING', subject: 'STRING', san: 'STRING', issuer: 'STRING',
  }),
  License: props({ key: 'STRING', spdxId: 'STRING', name: 'STRING', expression: 'BOOLEAN' }),
  Cpe: props({ key: 'STRING', part: 'STRING', vendor: 'STRING', product: 'STRING', version: 'STRING' }),
  Scorecard: props({
    key: 'STRING', repository: 'STRING', commit: 'STRING', date: 'STRING', score: 'DOUBLE', scorecardVersion: 'STRING', checks: 'STRING',
  }),
  Severity: props({
    key: 'STRING', vulnerability: 'STRING', source: 'STRING', version: 'STRING', vector: 'STRING', baseScore: 'DOUBLE',
    baseSeverity: 'STRING', rating: 'STRING', scoreComputed: 'BOOLEAN', package: 'STRING',
  }),
};

function props(spec: Record<string, PropertyType>): PropertySpec[] {
  return Object.entries(spec).map(([name, type]) => ({ name, type }));
}
