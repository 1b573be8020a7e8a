/**
 * The GraphQL operations behind `supplygraph query …` and the shapes of their
 * answers (schema/graphql/supplygraph.graphql is the contract). `--json`
 * prints exactly these answers, so the field selections are the CLI's JSON
 * output format: add fields freely, rename or drop them only with care.
 */

import type {
  Advisory, AffectedProduct, Component, ComponentKind, DocumentRef as DocumentRefType, GraphNode, Model, ModelSignature, PageInfo, ReachedComponent, Sbom,
  Selected, SeverityLevel, SignatureTrust, SignerIdentity, VexStatement, VexStatus, VulnerabilityFinding,
} from '../wire/graphql.js';

// The answer shapes below are selections of the SDL's types (services/wire/graphql.ts), not copies of them.
export type { ComponentKind, SeverityLevel, SignatureTrust, VexStatus };

export const VEX_STATUSES: readonly VexStatus[] = ['AFFECTED', 'NOT_AFFECTED', 'FIXED', 'UNDER_INVESTIGATION'];

export type ComponentRef = Selected<Component, 'id' | 'kind' | 'purl' | 'name' | 'version'>;

export type DocumentRef = Selected<DocumentRefType, 'id' | 'kind' | 'format' | 'name' | 'ingestedAt'>;

export type SbomRef = Selected<Sbom, 'id' | 'name' | 'format'>;

const COMPONENT = 'id kind purl name version';
const DOCUMENT = 'id kind format name ingestedAt';
const SBOM = 'id name format';

// ---------------------------------------------------------------------------
// query affected

export type AdvisoryInfo = Selected<Advisory, 'id' | 'source' | 'advisoryId' | 'title' | 'published' | 'modified' | 'withdrawn'> & {
  assertedBy: DocumentRef | null;
};

export type VexStatementInfo = Selected<VexStatement, 'id' | 'status' | 'justification' | 'impactStatement' | 'actionStatement' | 'timestamp'> & {
  assertedBy: DocumentRef | null;
};

export const SEVERITY_LEVELS: readonly SeverityLevel[] = ['NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export type AffectedProductInfo = Selected<AffectedProduct, 'advisory' | 'matchReason' | 'status' | 'maxSeverity' | 'score'> & {
  packageVersion: ComponentRef;
  sbom: SbomRef | null;
  subject: ComponentRef | null;
  statement: VexStatementInfo | null;
};

export interface AffectedData {
  vulnerability: {
    id: string;
    aliases: string[];
    advisories: AdvisoryInfo[];
    maxSeverity: SeverityLevel | null;
    score: number | null;
    affected: AffectedProductInfo[];
  } | null;
}

/** The shape of one page; the CLI follows `endCursor` and hands render the whole list (AffectedData). */
export interface AffectedPage {
  vulnerability: (Omit<NonNullable<AffectedData['vulnerability']>, 'affected'> & {
    affected: { totalCount: number; pageInfo: Selected<PageInfo, 'hasNextPage' | 'endCursor'>; edges: Array<{ node: AffectedProductInfo }> };
  }) | null;
}

export const AFFECTED_QUERY = `query Affected($id: String!, $status: [VexStatus!], $minSeverity: SeverityLevel, $first: Int, $after: String) {
  vulnerability(id: $id) {
    id
    aliases
    advisories { id source advisoryId title published modified withdrawn assertedBy { ${DOCUMENT} } }
    maxSeverity
    score
    affected(status: $status, minSeverity: $minSeverity, orderBy: SEVERITY, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node {
        packageVersion { ${COMPONENT} }
        advisory
        matchReason
        sbom { ${SBOM} }
        subject { ${COMPONENT} }
        status
        statement { id status justification impactStatement actionStatement timestamp assertedBy { ${DOCUMENT} } }
        maxSeverity
        score
      } }
    }
  }
}`;

// ---------------------------------------------------------------------------
// query vulnerabilities

export type VulnerabilityFindingInfo = Selected<VulnerabilityFinding, 'vulnerability' | 'advisory' | 'matchReason' | 'status' | 'maxSeverity' | 'score'> & {
  packageVersion: ComponentRef;
};

export interface VulnerabilitiesData {
  vulnerabilities: VulnerabilityFindingInfo[];
}

export const VULNERABILITIES_QUERY = `query Vulnerabilities($of: String!, $minSeverity: SeverityLevel) {
  vulnerabilities(of: $of, minSeverity: $minSeverity, orderBy: SEVERITY) {
    vulnerability
    packageVersion { ${COMPONENT} }
    advisory
    matchReason
    status
    maxSeverity
    score
  }
}`;

// ---------------------------------------------------------------------------
// query dependents

export type ReachedInfo = Selected<ReachedComponent, 'depth' | 'path' | 'via'> & {
  component: ComponentRef;
};

export interface DependentsData {
  dependents: {
    targets: ComponentRef[];
    packages: ReachedInfo[];
    models: ReachedInfo[];
    datasets: ReachedInfo[];
    artifacts: ReachedInfo[];
    sboms: {
      totalCount: number;
      pageInfo: Selected<PageInfo, 'hasNextPage' | 'endCursor'>;
      edges: Array<{ node: SbomRef }>;
    };
    subjects: Array<{ sbom: SbomRef; subject: ComponentRef }>;
  };
}

const REACHED = `component { ${COMPONENT} } depth path via`;

export const DEPENDENTS_QUERY = `query Dependents($purl: String!, $transitive: Boolean, $maxDepth: Int, $first: Int) {
  dependents(purl: $purl, transitive: $transitive, maxDepth: $maxDepth) {
    targets { ${COMPONENT} }
    packages { ${REACHED} }
    models { ${REACHED} }
    datasets { ${REACHED} }
    artifacts { ${REACHED} }
    sboms(first: $first) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${SBOM} } } }
    subjects { sbom { ${SBOM} } subject { ${COMPONENT} } }
  }
}`;

// ---------------------------------------------------------------------------
// query provenance

export type SignerInfo = Selected<SignerIdentity, 'id' | 'kind' | 'keyFingerprint' | 'subject' | 'san' | 'issuer'>;

export type SignatureInfo = Selected<ModelSignature, 'id' | 'method' | 'trust' | 'reasonCode' | 'reason' | 'signedAt' | 'verifiedAt' | 'rootDigest'> & {
  signer: SignerInfo | null;
  assertedBy: DocumentRef | null;
};

export interface ProvenanceData {
  provenance: {
    target: Selected<GraphNode, 'id' | 'kind' | 'name' | 'purl'>;
    digests: string[];
    signatures: SignatureInfo[];
    builds: Array<{ builder: string; buildType: string | null; invocationId: string | null; assertedBy: DocumentRef | null }>;
    materials: Array<{ kind: string; id: string; uri: string | null; revision: string | null; assertedBy: DocumentRef | null }>;
    sources: Array<{ repository: string; revision: string | null; assertedBy: DocumentRef | null }>;
    documents: Array<{ relation: string; document: DocumentRef }>;
  } | null;
}

const SIGNATURE = `id method trust reasonCode reason signedAt verifiedAt rootDigest signer { id kind keyFingerprint subject san issuer } assertedBy { ${DOCUMENT} }`;

export const PROVENANCE_QUERY = `query Provenance($of: String!) {
  provenance(of: $of) {
    target { id kind name purl }
    digests
    signatures { ${SIGNATURE} }
    builds { builder buildType invocationId assertedBy { ${DOCUMENT} } }
    materials { kind id uri revision assertedBy { ${DOCUMENT} } }
    sources { repository revision assertedBy { ${DOCUMENT} } }
    documents { relation document { ${DOCUMENT} } }
  }
}`;

// ---------------------------------------------------------------------------
// query signed-models

export interface SignedModelsData {
  signedModels: Array<{
    model: Selected<Model, 'id' | 'name' | 'purl' | 'version'>;
    depth: number;
    path: string[];
    via: string[];
    signatures: SignatureInfo[];
  }>;
}

export const SIGNED_MODELS_QUERY = `query SignedModels($x: String!, $trust: SignedModelTrust, $maxDepth: Int) {
  signedModels(dependingOn: $x, trust: $trust, maxDepth: $maxDepth) {
    model { id name purl version }
    depth
    path
    via
    signatures { ${SIGNATURE} }
  }
}`;
