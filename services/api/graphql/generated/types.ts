import type { GraphQLResolveInfo } from 'graphql';
import type { ArtifactParent, DatasetParent, DependentsParent, ModelParent, PackageVersionParent, ReachedComponentParent, SbomParent, ScorecardParent, SeverityParent, SourceRepositoryParent, VexStatementParent, VulnerabilityParent } from '../parents.js';
import type { GraphQLContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
};

export type Advisory = {
  __typename?: 'Advisory';
  advisoryId: Scalars['String']['output'];
  assertedBy?: Maybe<DocumentRef>;
  id: Scalars['ID']['output'];
  /** The worst rating among `severities`. */
  maxSeverity?: Maybe<SeverityLevel>;
  modified?: Maybe<Scalars['String']['output']>;
  published?: Maybe<Scalars['String']['output']>;
  /** The highest base score among `severities`. */
  score?: Maybe<Scalars['Float']['output']>;
  /** The severities this advisory gives (its current version), highest score first. */
  severities: Array<Severity>;
  /** Scores and remediations as JSON, as the advisory gave them. */
  severity?: Maybe<Scalars['String']['output']>;
  source: Scalars['String']['output'];
  title?: Maybe<Scalars['String']['output']>;
  withdrawn?: Maybe<Scalars['String']['output']>;
};

/** One affected package version in one SBOM (or in none), with the VEX status that applies there. */
export type AffectedProduct = {
  __typename?: 'AffectedProduct';
  /** The advisory whose rule matched, and why. */
  advisory: Scalars['String']['output'];
  matchReason: Scalars['String']['output'];
  /** How severe the match is, on the terms of VulnerabilityFinding.maxSeverity. */
  maxSeverity?: Maybe<SeverityLevel>;
  packageVersion: Component;
  sbom?: Maybe<Sbom>;
  score?: Maybe<Scalars['Float']['output']>;
  statement?: Maybe<VexStatement>;
  /** AFFECTED unless a VEX statement about the subject or the package version says otherwise. */
  status: VexStatus;
  /** The SBOM's subject: the product that contains the package. */
  subject?: Maybe<Component>;
};

export type AffectedProductConnection = {
  __typename?: 'AffectedProductConnection';
  edges: Array<AffectedProductEdge>;
  pageInfo: PageInfo;
  /** Rows with the requested statuses, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type AffectedProductEdge = {
  __typename?: 'AffectedProductEdge';
  cursor: Scalars['String']['output'];
  node: AffectedProduct;
};

export type Artifact = {
  __typename?: 'Artifact';
  algorithm: Scalars['String']['output'];
  digest: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  provenance: Provenance;
  vulnerabilities: Array<VulnerabilityFinding>;
};


export type ArtifactVulnerabilitiesArgs = {
  minScore?: InputMaybe<Scalars['Float']['input']>;
  minSeverity?: InputMaybe<SeverityLevel>;
  orderBy?: InputMaybe<ImpactOrder>;
};

export type BuildFact = {
  __typename?: 'BuildFact';
  assertedBy?: Maybe<DocumentRef>;
  buildType?: Maybe<Scalars['String']['output']>;
  builder: Scalars['String']['output'];
  invocationId?: Maybe<Scalars['String']['output']>;
};

/** Anything an SBOM can list: a package version, an ML model, a dataset or a bare artifact. */
export type Component = {
  __typename?: 'Component';
  id: Scalars['ID']['output'];
  kind: ComponentKind;
  name?: Maybe<Scalars['String']['output']>;
  purl?: Maybe<Scalars['String']['output']>;
  version?: Maybe<Scalars['String']['output']>;
};

export type ComponentConnection = {
  __typename?: 'ComponentConnection';
  edges: Array<ComponentEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ComponentEdge = {
  __typename?: 'ComponentEdge';
  cursor: Scalars['String']['output'];
  node: ReachedComponent;
};

export type ComponentKind =
  | 'ARTIFACT'
  | 'DATASET'
  | 'MODEL'
  | 'PACKAGE_VERSION';

export type CountByName = {
  __typename?: 'CountByName';
  count: Scalars['Int']['output'];
  name: Scalars['String']['output'];
};

export type Dataset = {
  __typename?: 'Dataset';
  documents: Array<DocumentRef>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  purl?: Maybe<Scalars['String']['output']>;
  synthetic: Scalars['Boolean']['output'];
  version?: Maybe<Scalars['String']['output']>;
};

/** What deleting a document removed. */
export type DeletedDocument = {
  __typename?: 'DeletedDocument';
  /** The stored upload that was released, or null when another document record still names it. */
  blobDeleted?: Maybe<Scalars['String']['output']>;
  edgesDeleted: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  kind?: Maybe<Scalars['String']['output']>;
  matchesAdded: Scalars['Int']['output'];
  matchesRemoved: Scalars['Int']['output'];
  nodesDeleted: Scalars['Int']['output'];
};

export type Dependents = {
  __typename?: 'Dependents';
  artifacts: Array<ReachedComponent>;
  components: ComponentConnection;
  datasets: Array<ReachedComponent>;
  models: Array<ReachedComponent>;
  /** The dependents grouped by kind, each with its depth and shortest path. */
  packages: Array<ReachedComponent>;
  /** SBOMs listing a target or any dependent component. */
  sboms: SbomConnection;
  /** The subjects (images, applications, models) of those SBOMs. */
  subjects: Array<SubjectOfSbom>;
  /** The components the purl resolved to. */
  targets: Array<Component>;
};


export type DependentsSbomsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type DocumentConnection = {
  __typename?: 'DocumentConnection';
  edges: Array<DocumentEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DocumentEdge = {
  __typename?: 'DocumentEdge';
  cursor: Scalars['String']['output'];
  node: DocumentRef;
};

/** Filters of the `documents` connection; every given field must hold. */
export type DocumentFilter = {
  /** Format id: cyclonedx-json, spdx2-json, osv, csaf, openvex, … */
  format?: InputMaybe<Scalars['String']['input']>;
  /** Ingested at or after this ISO-8601 date or instant. */
  ingestedAfter?: InputMaybe<Scalars['String']['input']>;
  /** Ingested before this ISO-8601 date or instant. */
  ingestedBefore?: InputMaybe<Scalars['String']['input']>;
  /** sbom, advisory, vex, signature, attestation, scorecard */
  kind?: InputMaybe<Scalars['String']['input']>;
  /** Labels the document must carry, each with exactly this value. */
  labels?: InputMaybe<Array<DocumentLabelInput>>;
  /** true: only documents no newer version supersedes; false: only superseded ones. */
  latest?: InputMaybe<Scalars['Boolean']['input']>;
  /** Substring of the document name, case-insensitive. */
  name?: InputMaybe<Scalars['String']['input']>;
};

export type DocumentLabel = {
  __typename?: 'DocumentLabel';
  key: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type DocumentLabelInput = {
  key: Scalars['String']['input'];
  /** An empty value removes the label (when merging). */
  value: Scalars['String']['input'];
};

export type DocumentMention = {
  __typename?: 'DocumentMention';
  document: DocumentRef;
  /** DESCRIBES (the document is about it) or LISTS (the document mentions it). */
  relation: Scalars['String']['output'];
};

/** Where a fact came from: the document that asserted it. */
export type DocumentRef = {
  __typename?: 'DocumentRef';
  byteSize: Scalars['Int']['output'];
  /** The document's own timestamp (SBOM creation, advisory modification), when it gives one. */
  createdAt?: Maybe<Scalars['String']['output']>;
  format: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  ingestedAt: Scalars['String']['output'];
  kind: Scalars['String']['output'];
  /** Labels given at upload (`label.<k>=<v>`) or later (`setDocumentLabels`), ordered by key. */
  labels: Array<DocumentLabel>;
  /** False when a newer version supersedes this document. */
  latest: Scalars['Boolean']['output'];
  name?: Maybe<Scalars['String']['output']>;
  specVersion?: Maybe<Scalars['String']['output']>;
  /** How far processing got: WRITING (a large document partly written, in chunks), WRITTEN (facts stored, derived facts pending) or COMPLETE. A document that is not COMPLETE is finished by a retry or a re-ingest. */
  state: Scalars['String']['output'];
  /** The newer version of the same SBOM (same name and subject) that replaces this one, when both are kept. */
  supersededBy?: Maybe<Scalars['ID']['output']>;
  warningCount: Scalars['Int']['output'];
};

/** Any node: `kind` is its label (PackageVersion, Model, Artifact, Vulnerability, Document, …). */
export type GraphNode = {
  __typename?: 'GraphNode';
  id: Scalars['ID']['output'];
  kind: Scalars['String']['output'];
  name?: Maybe<Scalars['String']['output']>;
  purl?: Maybe<Scalars['String']['output']>;
};

export type GraphPath = {
  __typename?: 'GraphPath';
  edges: Array<Scalars['String']['output']>;
  length: Scalars['Int']['output'];
  nodes: Array<GraphNode>;
};

export type GraphStats = {
  __typename?: 'GraphStats';
  byEdgeType: Array<CountByName>;
  byLabel: Array<CountByName>;
  edges: Scalars['Int']['output'];
  nodes: Scalars['Int']['output'];
};

export type ImpactOrder =
  /** By id: vulnerability, then package version (findings); package version, SBOM, subject (affected products). */
  | 'ID'
  /** Most severe first (score, then rating; unrated last), then by id. */
  | 'SEVERITY';

/** An importer (docs/importers.md): where it reads from, when it runs, and how its last run went. */
export type Importer = {
  __typename?: 'Importer';
  /** False for an ad-hoc run (`supplygraph importer run <kind> <source>`), which has no entry in the file. */
  configured: Scalars['Boolean']['output'];
  /** How often the schedule runs it (`1h`, `30m`, …); null: only when started by hand. */
  interval?: Maybe<Scalars['String']['output']>;
  /** `osv`, `csaf`, `cve5` or `sbom-dir`. */
  kind: Scalars['String']['output'];
  /** The last failure (of a run or one entry); cleared by a run that finishes with no failure. */
  lastError?: Maybe<ImporterLastError>;
  /** The last run, or the one in progress (`finishedAt` null); null before the first. */
  lastRun?: Maybe<ImporterRun>;
  /** Its name in the importers file (an ad-hoc run's is `adhoc-<kind>-<hash of the source>`). */
  name: Scalars['String']['output'];
  /** When the schedule runs it next (ISO-8601); null without an interval. */
  nextRunAt?: Maybe<Scalars['String']['output']>;
  /** A run holds its lock now (in this or another process). */
  running: Scalars['Boolean']['output'];
  /** The feed URL or path it reads. */
  source: Scalars['String']['output'];
};

/** An entry of a feed that could not be imported. */
export type ImporterEntryFailure = {
  __typename?: 'ImporterEntryFailure';
  /** `ENTRY_HASH_MISMATCH`, `ENTRY_NOT_JSON`, … */
  code: Scalars['String']['output'];
  entry: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** An importer's most recent failure and when it happened. */
export type ImporterLastError = {
  __typename?: 'ImporterLastError';
  at: Scalars['String']['output'];
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** One run of an importer; its counts grow while it runs. */
export type ImporterRun = {
  __typename?: 'ImporterRun';
  /** Why the run itself failed (the feed unreachable, …); null otherwise. */
  error?: Maybe<ImporterRunError>;
  /** Entries that could not be imported (each with its code in `failures`). */
  failed: Scalars['Int']['output'];
  /** The first failed entries (at most 50). */
  failures: Array<ImporterEntryFailure>;
  /** Null while the run is in progress. */
  finishedAt?: Maybe<Scalars['String']['output']>;
  /** Entries new or changed since the last import, queued for ingestion. */
  new: Scalars['Int']['output'];
  /** `succeeded`, `failed` or `aborted`; null while the run is in progress. */
  outcome?: Maybe<Scalars['String']['output']>;
  runId: Scalars['ID']['output'];
  /** Entries the feed listed so far. */
  seen: Scalars['Int']['output'];
  startedAt: Scalars['String']['output'];
};

/** Why a run failed. */
export type ImporterRunError = {
  __typename?: 'ImporterRunError';
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

export type LicenseCount = {
  __typename?: 'LicenseCount';
  components: Scalars['Int']['output'];
  license: Scalars['String']['output'];
};

export type ListedComponent = {
  __typename?: 'ListedComponent';
  component: Component;
  /** The document-local reference (bom-ref / SPDXID). */
  ref?: Maybe<Scalars['String']['output']>;
  scope?: Maybe<Scalars['String']['output']>;
  /** The component type the document declared (library, application, container, …). */
  type?: Maybe<Scalars['String']['output']>;
};

export type ListedComponentConnection = {
  __typename?: 'ListedComponentConnection';
  edges: Array<ListedComponentEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ListedComponentEdge = {
  __typename?: 'ListedComponentEdge';
  cursor: Scalars['String']['output'];
  node: ListedComponent;
};

export type MaterialFact = {
  __typename?: 'MaterialFact';
  assertedBy?: Maybe<DocumentRef>;
  id: Scalars['ID']['output'];
  kind: Scalars['String']['output'];
  revision?: Maybe<Scalars['String']['output']>;
  uri?: Maybe<Scalars['String']['output']>;
};

export type Model = {
  __typename?: 'Model';
  baseModels: Array<ModelRelation>;
  datasets: Array<ModelRelation>;
  /** Documents that mention the model. */
  documents: Array<DocumentRef>;
  files: Array<ModelFile>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  provenance: Provenance;
  purl?: Maybe<Scalars['String']['output']>;
  signatures: Array<ModelSignature>;
  /** True when at least one TRUSTED signature covers the model. */
  signed: Scalars['Boolean']['output'];
  /** True when no purl is known and the model is identified by name or content. */
  synthetic: Scalars['Boolean']['output'];
  version?: Maybe<Scalars['String']['output']>;
  vulnerabilities: Array<VulnerabilityFinding>;
};


export type ModelVulnerabilitiesArgs = {
  minScore?: InputMaybe<Scalars['Float']['input']>;
  minSeverity?: InputMaybe<SeverityLevel>;
  orderBy?: InputMaybe<ImpactOrder>;
};

export type ModelFile = {
  __typename?: 'ModelFile';
  assertedBy?: Maybe<DocumentRef>;
  /** `algorithm:hex` */
  digest: Scalars['String']['output'];
  path: Scalars['String']['output'];
};

export type ModelRelation = {
  __typename?: 'ModelRelation';
  assertedBy?: Maybe<DocumentRef>;
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
  /** Dataset purpose (training, testing, …) or lineage relation (base-model, ancestor, …). */
  relation?: Maybe<Scalars['String']['output']>;
};

export type ModelSignature = {
  __typename?: 'ModelSignature';
  assertedBy?: Maybe<DocumentRef>;
  formatVersion?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** key | certificate | sigstore */
  method: Scalars['String']['output'];
  predicateType?: Maybe<Scalars['String']['output']>;
  reason: Scalars['String']['output'];
  reasonCode: Scalars['String']['output'];
  rootDigest?: Maybe<Scalars['String']['output']>;
  signedAt?: Maybe<Scalars['String']['output']>;
  signer?: Maybe<SignerIdentity>;
  trust: SignatureTrust;
  verifiedAt: Scalars['String']['output'];
};

/** Changes; each needs a token with the scope it names (GraphQL over POST only). */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Delete a document and exactly the facts only it asserted (admin scope): shared facts stay,
   * its vulnerability matches and those to components only it listed go. Deleting twice is DOCUMENT_NOT_FOUND.
   */
  deleteDocument: DeletedDocument;
  /** Set labels on a document (admin or ingest scope): merged into its labels, or replacing them all with `replace: true`. */
  setDocumentLabels: DocumentRef;
};


/** Changes; each needs a token with the scope it names (GraphQL over POST only). */
export type MutationDeleteDocumentArgs = {
  id: Scalars['ID']['input'];
};


/** Changes; each needs a token with the scope it names (GraphQL over POST only). */
export type MutationSetDocumentLabelsArgs = {
  id: Scalars['ID']['input'];
  labels: Array<DocumentLabelInput>;
  replace?: InputMaybe<Scalars['Boolean']['input']>;
};

export type Package = {
  __typename?: 'Package';
  name: Scalars['String']['output'];
  namespace?: Maybe<Scalars['String']['output']>;
  purl: Scalars['String']['output'];
  type: Scalars['String']['output'];
  versions: Array<PackageVersion>;
};

export type PackageVersion = {
  __typename?: 'PackageVersion';
  purl: Scalars['String']['output'];
  qualifiers?: Maybe<Scalars['String']['output']>;
  /** SBOMs that list this exact version. */
  sboms: Array<Sbom>;
  /**
   * The OpenSSF Scorecard of the repository this version was built from (its source, from SBOMs
   * or provenance): the run at the source revision when one is known, else the newest.
   */
  scorecard?: Maybe<Scorecard>;
  /** True when the document gave no usable purl and the identity was synthesized. */
  synthetic: Scalars['Boolean']['output'];
  version: Scalars['String']['output'];
  vulnerabilities: Array<VulnerabilityFinding>;
};


export type PackageVersionVulnerabilitiesArgs = {
  minScore?: InputMaybe<Scalars['Float']['input']>;
  minSeverity?: InputMaybe<SeverityLevel>;
  orderBy?: InputMaybe<ImpactOrder>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Provenance = {
  __typename?: 'Provenance';
  builds: Array<BuildFact>;
  /** Digests that are this component's content; their facts are included. */
  digests: Array<Scalars['String']['output']>;
  documents: Array<DocumentMention>;
  materials: Array<MaterialFact>;
  signatures: Array<ModelSignature>;
  sources: Array<SourceFact>;
  target: GraphNode;
};

/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type Query = {
  __typename?: 'Query';
  /** An artifact by `algorithm:hex` (sha256 when no algorithm is given). */
  artifact?: Maybe<Artifact>;
  datasets: Array<Dataset>;
  /**
   * What the component(s) named by `purl` are made of: DEPENDS_ON and CONTAINS edges,
   * outward. `transitive: false` gives direct dependencies only.
   */
  dependencies: ComponentConnection;
  /**
   * Who includes the component(s) named by `purl`: the packages, models and images that
   * depend on or contain it (transitively by default), the SBOMs that list it or any of
   * them, and those SBOMs' subjects.
   */
  dependents: Dependents;
  /** One document (SBOM, signature, attestation, advisory) by `sha256:<hex>`. */
  document?: Maybe<DocumentRef>;
  /** Stored documents of every kind, ordered by id, filtered (every given field must hold). */
  documents: DocumentConnection;
  /** One importer's status by name: a configured one, or an ad-hoc run's `adhoc-…` name (admin scope). Null when there is none. */
  importer?: Maybe<Importer>;
  /**
   * The importers configured in SUPPLYGRAPH_IMPORTERS_CONFIG, with their last and next run (admin
   * scope: FORBIDDEN otherwise). Empty when none are configured. Start a run with
   * `POST /api/v1/admin/importers/{name}/run`.
   */
  importers: Array<Importer>;
  /**
   * ML models by purl (e.g. `pkg:huggingface/org/name@rev`), by name, or by the digest of
   * the model (OMS root digest) or of one of its files (`sha256:<hex>`). Several may match.
   */
  models: Array<Model>;
  /** Any node by its identity key (a purl, `sha256:<hex>`, a vulnerability id, …); one per label at most. */
  node: Array<GraphNode>;
  /** A package by purl. A versionless purl gives the package with all its versions; a versioned one narrows `versions` to it. */
  package?: Maybe<Package>;
  /** Package versions by purl: exact with qualifiers, every qualifier variant without them. */
  packageVersion: Array<PackageVersion>;
  /** One shortest connection between two things, over the given edge kinds (default: all that carry meaning). */
  path?: Maybe<GraphPath>;
  /** Who signed X, who built it from what, its source, and the documents that describe it. */
  provenance?: Maybe<Provenance>;
  /** One SBOM by its id: `sha256:<hex>` of the document bytes (the bare hex works too). */
  sbom?: Maybe<Sbom>;
  /** Every ingested SBOM, ordered by id. `latest: true` leaves out SBOMs a newer version supersedes. */
  sboms: SbomConnection;
  /** Prefix search on purl or name. */
  search: Array<GraphNode>;
  /**
   * Models whose composition reaches X (a purl, versionless purl, `sha256:` digest, model or
   * dataset name/key) through SBOM components, datasets, base models, files or digests, or whose
   * describing SBOM lists X; only models with a TRUSTED signature (or, with ANY_VALID, any
   * cryptographically valid one). Each with its signatures and one explaining path.
   */
  signedModels: Array<SignedModelMatch>;
  /**
   * A source repository by URL, in any spelling SBOMs use (`git+https://…`, `git@host:org/repo`,
   * `.git`, or Scorecard's `github.com/org/repo`), with its OpenSSF Scorecard runs.
   */
  sourceRepository?: Maybe<SourceRepository>;
  /** Node and edge counts of the whole graph. */
  stats: GraphStats;
  /**
   * Vulnerabilities affecting a package version, an SBOM (`sha256:` of the document), a model or an artifact.
   * `minSeverity` / `minScore` keep findings rated at least that (an unrated finding passes neither);
   * `orderBy: SEVERITY` lists the most severe first.
   */
  vulnerabilities: Array<VulnerabilityFinding>;
  /** A vulnerability by any of its ids (CVE, GHSA, PYSEC, …): aliases resolve to the same answer. */
  vulnerability?: Maybe<Vulnerability>;
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryArtifactArgs = {
  digest: Scalars['String']['input'];
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryDatasetsArgs = {
  digest?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  purl?: InputMaybe<Scalars['String']['input']>;
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryDependenciesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  maxDepth?: InputMaybe<Scalars['Int']['input']>;
  purl: Scalars['String']['input'];
  transitive?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryDependentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  documentLabels?: InputMaybe<Array<DocumentLabelInput>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  maxDepth?: InputMaybe<Scalars['Int']['input']>;
  purl: Scalars['String']['input'];
  transitive?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryDocumentArgs = {
  id: Scalars['ID']['input'];
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryDocumentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DocumentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryImporterArgs = {
  name: Scalars['String']['input'];
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryModelsArgs = {
  digest?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  purl?: InputMaybe<Scalars['String']['input']>;
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryPackageArgs = {
  purl: Scalars['String']['input'];
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryPackageVersionArgs = {
  purl: Scalars['String']['input'];
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryPathArgs = {
  from: Scalars['String']['input'];
  maxLength?: InputMaybe<Scalars['Int']['input']>;
  to: Scalars['String']['input'];
  via?: InputMaybe<Array<Scalars['String']['input']>>;
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryProvenanceArgs = {
  of: Scalars['String']['input'];
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QuerySbomArgs = {
  id: Scalars['ID']['input'];
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QuerySbomsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  latest?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QuerySearchArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  kinds?: InputMaybe<Array<SearchKind>>;
  text: Scalars['String']['input'];
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QuerySignedModelsArgs = {
  dependingOn: Scalars['String']['input'];
  maxDepth?: InputMaybe<Scalars['Int']['input']>;
  trust?: InputMaybe<SignedModelTrust>;
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QuerySourceRepositoryArgs = {
  url: Scalars['String']['input'];
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryVulnerabilitiesArgs = {
  documentLabels?: InputMaybe<Array<DocumentLabelInput>>;
  minScore?: InputMaybe<Scalars['Float']['input']>;
  minSeverity?: InputMaybe<SeverityLevel>;
  of: Scalars['String']['input'];
  orderBy?: InputMaybe<ImpactOrder>;
};


/**
 * supplygraph's query API. Every list is a cursor connection: pass `first`
 * (capped by SUPPLYGRAPH_MAX_PAGE_SIZE) and the previous page's `endCursor` as `after`.
 */
export type QueryVulnerabilityArgs = {
  id: Scalars['String']['input'];
};

export type ReachedComponent = {
  __typename?: 'ReachedComponent';
  component: Component;
  /** Hops from the starting component. */
  depth: Scalars['Int']['output'];
  /** Node ids along one shortest path from the starting component. */
  path: Array<Scalars['String']['output']>;
  /** Edge types along that path. */
  via: Array<Scalars['String']['output']>;
};

export type Sbom = {
  __typename?: 'Sbom';
  byteSize: Scalars['Int']['output'];
  componentCount: Scalars['Int']['output'];
  /** What the SBOM lists, optionally filtered by declared component type, purl type (ecosystem) or license. */
  components: ListedComponentConnection;
  createdAt?: Maybe<Scalars['String']['output']>;
  format: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  ingestedAt: Scalars['String']['output'];
  /** Labels of the SBOM document, ordered by key. */
  labels: Array<DocumentLabel>;
  /** False when a newer version supersedes this SBOM. */
  latest: Scalars['Boolean']['output'];
  /** Licenses the SBOM declares, with how many components carry each. */
  licenses: Array<LicenseCount>;
  name?: Maybe<Scalars['String']['output']>;
  serialNumber?: Maybe<Scalars['String']['output']>;
  sha256: Scalars['String']['output'];
  specVersion?: Maybe<Scalars['String']['output']>;
  /** How far processing got: WRITTEN (facts stored, derived facts pending) or COMPLETE. */
  state: Scalars['String']['output'];
  /** What the SBOM describes (its metadata component / documentDescribes). */
  subject: Array<Component>;
  /** The newer version of this SBOM (same name and subject), when both are kept (SUPPLYGRAPH_SUPERSEDED_SBOMS=keep). */
  supersededBy?: Maybe<Scalars['ID']['output']>;
  version?: Maybe<Scalars['Int']['output']>;
  vulnerabilities: Array<VulnerabilityFinding>;
  warningCount: Scalars['Int']['output'];
};


export type SbomComponentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  ecosystem?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  license?: InputMaybe<Scalars['String']['input']>;
  type?: InputMaybe<Scalars['String']['input']>;
};


export type SbomVulnerabilitiesArgs = {
  minScore?: InputMaybe<Scalars['Float']['input']>;
  minSeverity?: InputMaybe<SeverityLevel>;
  orderBy?: InputMaybe<ImpactOrder>;
};

export type SbomConnection = {
  __typename?: 'SbomConnection';
  edges: Array<SbomEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type SbomEdge = {
  __typename?: 'SbomEdge';
  cursor: Scalars['String']['output'];
  node: Sbom;
};

/** One OpenSSF Scorecard run: a repository at a commit on a date. */
export type Scorecard = {
  __typename?: 'Scorecard';
  /** The Scorecard document that reported it. */
  assertedBy?: Maybe<DocumentRef>;
  checks: Array<ScorecardCheck>;
  commit?: Maybe<Scalars['String']['output']>;
  date: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  repository: Scalars['String']['output'];
  /** Aggregate score, 0–10. */
  score?: Maybe<Scalars['Float']['output']>;
  scorecardVersion?: Maybe<Scalars['String']['output']>;
};

export type ScorecardCheck = {
  __typename?: 'ScorecardCheck';
  name: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  /** 0–10, or -1 when the check could not decide. */
  score?: Maybe<Scalars['Int']['output']>;
};

export type SearchKind =
  | 'DATASET'
  | 'MODEL'
  | 'PACKAGE'
  | 'PACKAGE_VERSION';

/** One severity an advisory gives a vulnerability: a CVSS vector and its base score, or a vendor's rating word. */
export type Severity = {
  __typename?: 'Severity';
  advisory: Scalars['String']['output'];
  assertedBy?: Maybe<DocumentRef>;
  /** The document's base score, or computed from the vector when the document gave only that (`scoreComputed`). */
  baseScore?: Maybe<Scalars['Float']['output']>;
  baseSeverity?: Maybe<SeverityLevel>;
  /** The package the score is limited to (OSV per-package severity), as a versionless purl. */
  package?: Maybe<Scalars['String']['output']>;
  /** The vendor's own word (Important, moderate, …) or the rating the document gave, as written. */
  rating?: Maybe<Scalars['String']['output']>;
  scoreComputed: Scalars['Boolean']['output'];
  /** Who scored: the CSAF publisher, the CVE 5 container (`cna:…`, `adp:…`), the OSV database (`osv:GHSA`). */
  source: Scalars['String']['output'];
  vector?: Maybe<Scalars['String']['output']>;
  /** `2.0`, `3.0`, `3.1`, `4.0` for CVSS (`3.x` when an unreadable vector did not say), `vendor` for a rating word. */
  version: Scalars['String']['output'];
  /** The vulnerability id it rates and the advisory that gives it. */
  vulnerability: Scalars['String']['output'];
};

/** The qualitative CVSS rating scale; CVSS v2 scores and vendor words are mapped onto it (docs/severity.md). */
export type SeverityLevel =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'NONE';

export type SignatureTrust =
  /** The signature does not verify, or the bundle is malformed; never counts as signed. */
  | 'INVALID'
  /** The signature verifies and the signer matches the trust configuration. */
  | 'TRUSTED'
  /** The signature verifies cryptographically, but nothing in the trust configuration vouches for the signer. */
  | 'UNTRUSTED';

export type SignedModelMatch = {
  __typename?: 'SignedModelMatch';
  /** Hops from the model to X along the explaining path. */
  depth: Scalars['Int']['output'];
  model: Model;
  /** Node ids from the model to X. */
  path: Array<Scalars['String']['output']>;
  signatures: Array<ModelSignature>;
  via: Array<Scalars['String']['output']>;
};

export type SignedModelTrust =
  /** At least one signature verifies cryptographically (trusted or not). */
  | 'ANY_VALID'
  /** At least one signature verifies and its signer matches the trust configuration. */
  | 'TRUSTED';

export type SignerIdentity = {
  __typename?: 'SignerIdentity';
  id: Scalars['ID']['output'];
  issuer?: Maybe<Scalars['String']['output']>;
  keyFingerprint?: Maybe<Scalars['String']['output']>;
  /** key | certificate | oidc */
  kind: Scalars['String']['output'];
  san?: Maybe<Scalars['String']['output']>;
  subject?: Maybe<Scalars['String']['output']>;
};

export type SourceFact = {
  __typename?: 'SourceFact';
  assertedBy?: Maybe<DocumentRef>;
  repository: Scalars['String']['output'];
  revision?: Maybe<Scalars['String']['output']>;
};

export type SourceRepository = {
  __typename?: 'SourceRepository';
  /** OpenSSF Scorecard runs on this repository, newest first. */
  scorecards: Array<Scorecard>;
  url: Scalars['String']['output'];
};

export type SubjectOfSbom = {
  __typename?: 'SubjectOfSbom';
  sbom: Sbom;
  subject: Component;
};

export type VexStatement = {
  __typename?: 'VexStatement';
  actionStatement?: Maybe<Scalars['String']['output']>;
  assertedBy?: Maybe<DocumentRef>;
  id: Scalars['ID']['output'];
  impactStatement?: Maybe<Scalars['String']['output']>;
  justification?: Maybe<Scalars['String']['output']>;
  status: VexStatus;
  timestamp?: Maybe<Scalars['String']['output']>;
};

/** A VEX statement and the product (package version, artifact, model, …) it speaks for. */
export type VexStatementAbout = {
  __typename?: 'VexStatementAbout';
  product: GraphNode;
  statement: VexStatement;
  /** The id the statement named (one of the vulnerability's aliases). */
  vulnerability: Scalars['String']['output'];
};

export type VexStatus =
  | 'AFFECTED'
  | 'FIXED'
  | 'NOT_AFFECTED'
  | 'UNDER_INVESTIGATION';

export type Vulnerability = {
  __typename?: 'Vulnerability';
  advisories: Array<Advisory>;
  /**
   * One row per affected package version per SBOM (ordered by package version, SBOM, subject,
   * or most severe first with `orderBy: SEVERITY`), optionally only those with the given VEX
   * statuses or rated at least `minSeverity` / `minScore`. Page with `first` / `after`.
   */
  affected: AffectedProductConnection;
  /** Every id of the same vulnerability (ALIAS_OF, either direction). */
  aliases: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The worst rating among `severities`. */
  maxSeverity?: Maybe<SeverityLevel>;
  /** The highest base score among `severities`. */
  score?: Maybe<Scalars['Float']['output']>;
  /** Every severity any current, not withdrawn advisory gives any id of this vulnerability, highest score first. */
  severities: Array<Severity>;
  /**
   * Every VEX statement about this vulnerability (any alias), with the product it speaks for,
   * newest first: also those about products no advisory matched.
   */
  statements: Array<VexStatementAbout>;
};


export type VulnerabilityAffectedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  documentLabels?: InputMaybe<Array<DocumentLabelInput>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  minScore?: InputMaybe<Scalars['Float']['input']>;
  minSeverity?: InputMaybe<SeverityLevel>;
  orderBy?: InputMaybe<ImpactOrder>;
  status?: InputMaybe<Array<VexStatus>>;
};

export type VulnerabilityFinding = {
  __typename?: 'VulnerabilityFinding';
  advisory: Scalars['String']['output'];
  matchReason: Scalars['String']['output'];
  /**
   * The worst rating the matching advisory gives the vulnerability (any alias); when it gives
   * none, the worst any advisory gives. See docs/severity.md.
   */
  maxSeverity?: Maybe<SeverityLevel>;
  packageVersion: Component;
  /** The highest CVSS base score on the same terms as `maxSeverity`. */
  score?: Maybe<Scalars['Float']['output']>;
  statement?: Maybe<VexStatement>;
  /** AFFECTED unless a VEX statement about the asked-about product (SBOM subject, model, artifact) or the package version says otherwise. */
  status: VexStatus;
  vulnerability: Scalars['String']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Advisory: ResolverTypeWrapper<Omit<Advisory, 'severities'> & { severities: Array<ResolversTypes['Severity']> }>;
  AffectedProduct: ResolverTypeWrapper<Omit<AffectedProduct, 'sbom' | 'statement'> & { sbom?: Maybe<ResolversTypes['Sbom']>, statement?: Maybe<ResolversTypes['VexStatement']> }>;
  AffectedProductConnection: ResolverTypeWrapper<Omit<AffectedProductConnection, 'edges'> & { edges: Array<ResolversTypes['AffectedProductEdge']> }>;
  AffectedProductEdge: ResolverTypeWrapper<Omit<AffectedProductEdge, 'node'> & { node: ResolversTypes['AffectedProduct'] }>;
  Artifact: ResolverTypeWrapper<ArtifactParent>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BuildFact: ResolverTypeWrapper<BuildFact>;
  Component: ResolverTypeWrapper<Component>;
  ComponentConnection: ResolverTypeWrapper<Omit<ComponentConnection, 'edges'> & { edges: Array<ResolversTypes['ComponentEdge']> }>;
  ComponentEdge: ResolverTypeWrapper<Omit<ComponentEdge, 'node'> & { node: ResolversTypes['ReachedComponent'] }>;
  ComponentKind: ComponentKind;
  CountByName: ResolverTypeWrapper<CountByName>;
  Dataset: ResolverTypeWrapper<DatasetParent>;
  DeletedDocument: ResolverTypeWrapper<DeletedDocument>;
  Dependents: ResolverTypeWrapper<DependentsParent>;
  DocumentConnection: ResolverTypeWrapper<DocumentConnection>;
  DocumentEdge: ResolverTypeWrapper<DocumentEdge>;
  DocumentFilter: DocumentFilter;
  DocumentLabel: ResolverTypeWrapper<DocumentLabel>;
  DocumentLabelInput: DocumentLabelInput;
  DocumentMention: ResolverTypeWrapper<DocumentMention>;
  DocumentRef: ResolverTypeWrapper<DocumentRef>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GraphNode: ResolverTypeWrapper<GraphNode>;
  GraphPath: ResolverTypeWrapper<GraphPath>;
  GraphStats: ResolverTypeWrapper<GraphStats>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ImpactOrder: ImpactOrder;
  Importer: ResolverTypeWrapper<Importer>;
  ImporterEntryFailure: ResolverTypeWrapper<ImporterEntryFailure>;
  ImporterLastError: ResolverTypeWrapper<ImporterLastError>;
  ImporterRun: ResolverTypeWrapper<ImporterRun>;
  ImporterRunError: ResolverTypeWrapper<ImporterRunError>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  LicenseCount: ResolverTypeWrapper<LicenseCount>;
  ListedComponent: ResolverTypeWrapper<ListedComponent>;
  ListedComponentConnection: ResolverTypeWrapper<ListedComponentConnection>;
  ListedComponentEdge: ResolverTypeWrapper<ListedComponentEdge>;
  MaterialFact: ResolverTypeWrapper<MaterialFact>;
  Model: ResolverTypeWrapper<ModelParent>;
  ModelFile: ResolverTypeWrapper<ModelFile>;
  ModelRelation: ResolverTypeWrapper<ModelRelation>;
  ModelSignature: ResolverTypeWrapper<ModelSignature>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Package: ResolverTypeWrapper<Omit<Package, 'versions'> & { versions: Array<ResolversTypes['PackageVersion']> }>;
  PackageVersion: ResolverTypeWrapper<PackageVersionParent>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Provenance: ResolverTypeWrapper<Provenance>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReachedComponent: ResolverTypeWrapper<ReachedComponentParent>;
  Sbom: ResolverTypeWrapper<SbomParent>;
  SbomConnection: ResolverTypeWrapper<Omit<SbomConnection, 'edges'> & { edges: Array<ResolversTypes['SbomEdge']> }>;
  SbomEdge: ResolverTypeWrapper<Omit<SbomEdge, 'node'> & { node: ResolversTypes['Sbom'] }>;
  Scorecard: ResolverTypeWrapper<ScorecardParent>;
  ScorecardCheck: ResolverTypeWrapper<ScorecardCheck>;
  SearchKind: SearchKind;
  Severity: ResolverTypeWrapper<SeverityParent>;
  SeverityLevel: SeverityLevel;
  SignatureTrust: SignatureTrust;
  SignedModelMatch: ResolverTypeWrapper<Omit<SignedModelMatch, 'model'> & { model: ResolversTypes['Model'] }>;
  SignedModelTrust: SignedModelTrust;
  SignerIdentity: ResolverTypeWrapper<SignerIdentity>;
  SourceFact: ResolverTypeWrapper<SourceFact>;
  SourceRepository: ResolverTypeWrapper<SourceRepositoryParent>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  SubjectOfSbom: ResolverTypeWrapper<Omit<SubjectOfSbom, 'sbom'> & { sbom: ResolversTypes['Sbom'] }>;
  VexStatement: ResolverTypeWrapper<VexStatementParent>;
  VexStatementAbout: ResolverTypeWrapper<Omit<VexStatementAbout, 'statement'> & { statement: ResolversTypes['VexStatement'] }>;
  VexStatus: VexStatus;
  Vulnerability: ResolverTypeWrapper<VulnerabilityParent>;
  VulnerabilityFinding: ResolverTypeWrapper<Omit<VulnerabilityFinding, 'statement'> & { statement?: Maybe<ResolversTypes['VexStatement']> }>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Advisory: Omit<Advisory, 'severities'> & { severities: Array<ResolversParentTypes['Severity']> };
  AffectedProduct: Omit<AffectedProduct, 'sbom' | 'statement'> & { sbom?: Maybe<ResolversParentTypes['Sbom']>, statement?: Maybe<ResolversParentTypes['VexStatement']> };
  AffectedProductConnection: Omit<AffectedProductConnection, 'edges'> & { edges: Array<ResolversParentTypes['AffectedProductEdge']> };
  AffectedProductEdge: Omit<AffectedProductEdge, 'node'> & { node: ResolversParentTypes['AffectedProduct'] };
  Artifact: ArtifactParent;
  Boolean: Scalars['Boolean']['output'];
  BuildFact: BuildFact;
  Component: Component;
  ComponentConnection: Omit<ComponentConnection, 'edges'> & { edges: Array<ResolversParentTypes['ComponentEdge']> };
  ComponentEdge: Omit<ComponentEdge, 'node'> & { node: ResolversParentTypes['ReachedComponent'] };
  CountByName: CountByName;
  Dataset: DatasetParent;
  DeletedDocument: DeletedDocument;
  Dependents: DependentsParent;
  DocumentConnection: DocumentConnection;
  DocumentEdge: DocumentEdge;
  DocumentFilter: DocumentFilter;
  DocumentLabel: DocumentLabel;
  DocumentLabelInput: DocumentLabelInput;
  DocumentMention: DocumentMention;
  DocumentRef: DocumentRef;
  Float: Scalars['Float']['output'];
  GraphNode: GraphNode;
  GraphPath: GraphPath;
  GraphStats: GraphStats;
  ID: Scalars['ID']['output'];
  Importer: Importer;
  ImporterEntryFailure: ImporterEntryFailure;
  ImporterLastError: ImporterLastError;
  ImporterRun: ImporterRun;
  ImporterRunError: ImporterRunError;
  Int: Scalars['Int']['output'];
  LicenseCount: LicenseCount;
  ListedComponent: ListedComponent;
  ListedComponentConnection: ListedComponentConnection;
  ListedComponentEdge: ListedComponentEdge;
  MaterialFact: MaterialFact;
  Model: ModelParent;
  ModelFile: ModelFile;
  ModelRelation: ModelRelation;
  ModelSignature: ModelSignature;
  Mutation: Record<PropertyKey, never>;
  Package: Omit<Package, 'versions'> & { versions: Array<ResolversParentTypes['PackageVersion']> };
  PackageVersion: PackageVersionParent;
  PageInfo: PageInfo;
  Provenance: Provenance;
  Query: Record<PropertyKey, never>;
  ReachedComponent: ReachedComponentParent;
  Sbom: SbomParent;
  SbomConnection: Omit<SbomConnection, 'edges'> & { edges: Array<ResolversParentTypes['SbomEdge']> };
  SbomEdge: Omit<SbomEdge, 'node'> & { node: ResolversParentTypes['Sbom'] };
  Scorecard: ScorecardParent;
  ScorecardCheck: ScorecardCheck;
  Severity: SeverityParent;
  SignedModelMatch: Omit<SignedModelMatch, 'model'> & { model: ResolversParentTypes['Model'] };
  SignerIdentity: SignerIdentity;
  SourceFact: SourceFact;
  SourceRepository: SourceRepositoryParent;
  String: Scalars['String']['output'];
  SubjectOfSbom: Omit<SubjectOfSbom, 'sbom'> & { sbom: ResolversParentTypes['Sbom'] };
  VexStatement: VexStatementParent;
  VexStatementAbout: Omit<VexStatementAbout, 'statement'> & { statement: ResolversParentTypes['VexStatement'] };
  Vulnerability: VulnerabilityParent;
  VulnerabilityFinding: Omit<VulnerabilityFinding, 'statement'> & { statement?: Maybe<ResolversParentTypes['VexStatement']> };
};

export type AdvisoryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Advisory'] = ResolversParentTypes['Advisory']> = {
  advisoryId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  assertedBy?: Resolver<Maybe<ResolversTypes['DocumentRef']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maxSeverity?: Resolver<Maybe<ResolversTypes['SeverityLevel']>, ParentType, ContextType>;
  modified?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  published?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  severities?: Resolver<Array<ResolversTypes['Severity']>, ParentType, ContextType>;
  severity?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  withdrawn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AffectedProductResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AffectedProduct'] = ResolversParentTypes['AffectedProduct']> = {
  advisory?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  matchReason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  maxSeverity?: Resolver<Maybe<ResolversTypes['SeverityLevel']>, ParentType, ContextType>;
  packageVersion?: Resolver<ResolversTypes['Component'], ParentType, ContextType>;
  sbom?: Resolver<Maybe<ResolversTypes['Sbom']>, ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  statement?: Resolver<Maybe<ResolversTypes['VexStatement']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['VexStatus'], ParentType, ContextType>;
  subject?: Resolver<Maybe<ResolversTypes['Component']>, ParentType, ContextType>;
};

export type AffectedProductConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AffectedProductConnection'] = ResolversParentTypes['AffectedProductConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AffectedProductEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AffectedProductEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AffectedProductEdge'] = ResolversParentTypes['AffectedProductEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AffectedProduct'], ParentType, ContextType>;
};

export type ArtifactResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Artifact'] = ResolversParentTypes['Artifact']> = {
  algorithm?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  digest?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  vulnerabilities?: Resolver<Array<ResolversTypes['VulnerabilityFinding']>, ParentType, ContextType, RequireFields<ArtifactVulnerabilitiesArgs, 'orderBy'>>;
};

export type BuildFactResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BuildFact'] = ResolversParentTypes['BuildFact']> = {
  assertedBy?: Resolver<Maybe<ResolversTypes['DocumentRef']>, ParentType, ContextType>;
  buildType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  builder?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  invocationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ComponentResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Component'] = ResolversParentTypes['Component']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ComponentKind'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  purl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ComponentConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ComponentConnection'] = ResolversParentTypes['ComponentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ComponentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ComponentEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ComponentEdge'] = ResolversParentTypes['ComponentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ReachedComponent'], ParentType, ContextType>;
};

export type CountByNameResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CountByName'] = ResolversParentTypes['CountByName']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DatasetResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Dataset'] = ResolversParentTypes['Dataset']> = {
  documents?: Resolver<Array<ResolversTypes['DocumentRef']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  purl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  synthetic?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type DeletedDocumentResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DeletedDocument'] = ResolversParentTypes['DeletedDocument']> = {
  blobDeleted?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  edgesDeleted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  matchesAdded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  matchesRemoved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nodesDeleted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DependentsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Dependents'] = ResolversParentTypes['Dependents']> = {
  artifacts?: Resolver<Array<ResolversTypes['ReachedComponent']>, ParentType, ContextType>;
  components?: Resolver<ResolversTypes['ComponentConnection'], ParentType, ContextType>;
  datasets?: Resolver<Array<ResolversTypes['ReachedComponent']>, ParentType, ContextType>;
  models?: Resolver<Array<ResolversTypes['ReachedComponent']>, ParentType, ContextType>;
  packages?: Resolver<Array<ResolversTypes['ReachedComponent']>, ParentType, ContextType>;
  sboms?: Resolver<ResolversTypes['SbomConnection'], ParentType, ContextType, RequireFields<DependentsSbomsArgs, 'first'>>;
  subjects?: Resolver<Array<ResolversTypes['SubjectOfSbom']>, ParentType, ContextType>;
  targets?: Resolver<Array<ResolversTypes['Component']>, ParentType, ContextType>;
};

export type DocumentConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DocumentConnection'] = ResolversParentTypes['DocumentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['DocumentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DocumentEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DocumentEdge'] = ResolversParentTypes['DocumentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['DocumentRef'], ParentType, ContextType>;
};

export type DocumentLabelResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DocumentLabel'] = ResolversParentTypes['DocumentLabel']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DocumentMentionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DocumentMention'] = ResolversParentTypes['DocumentMention']> = {
  document?: Resolver<ResolversTypes['DocumentRef'], ParentType, ContextType>;
  relation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DocumentRefResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DocumentRef'] = ResolversParentTypes['DocumentRef']> = {
  byteSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  format?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ingestedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labels?: Resolver<Array<ResolversTypes['DocumentLabel']>, ParentType, ContextType>;
  latest?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  specVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  supersededBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  warningCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type GraphNodeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GraphNode'] = ResolversParentTypes['GraphNode']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  purl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type GraphPathResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GraphPath'] = ResolversParentTypes['GraphPath']> = {
  edges?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  length?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['GraphNode']>, ParentType, ContextType>;
};

export type GraphStatsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GraphStats'] = ResolversParentTypes['GraphStats']> = {
  byEdgeType?: Resolver<Array<ResolversTypes['CountByName']>, ParentType, ContextType>;
  byLabel?: Resolver<Array<ResolversTypes['CountByName']>, ParentType, ContextType>;
  edges?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nodes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ImporterResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Importer'] = ResolversParentTypes['Importer']> = {
  configured?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  interval?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['ImporterLastError']>, ParentType, ContextType>;
  lastRun?: Resolver<Maybe<ResolversTypes['ImporterRun']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nextRunAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  running?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImporterEntryFailureResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImporterEntryFailure'] = ResolversParentTypes['ImporterEntryFailure']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  entry?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImporterLastErrorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImporterLastError'] = ResolversParentTypes['ImporterLastError']> = {
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImporterRunResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImporterRun'] = ResolversParentTypes['ImporterRun']> = {
  error?: Resolver<Maybe<ResolversTypes['ImporterRunError']>, ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failures?: Resolver<Array<ResolversTypes['ImporterEntryFailure']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  new?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  runId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  seen?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImporterRunErrorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImporterRunError'] = ResolversParentTypes['ImporterRunError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LicenseCountResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LicenseCount'] = ResolversParentTypes['LicenseCount']> = {
  components?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  license?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ListedComponentResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ListedComponent'] = ResolversParentTypes['ListedComponent']> = {
  component?: Resolver<ResolversTypes['Component'], ParentType, ContextType>;
  ref?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  scope?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ListedComponentConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ListedComponentConnection'] = ResolversParentTypes['ListedComponentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ListedComponentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ListedComponentEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ListedComponentEdge'] = ResolversParentTypes['ListedComponentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ListedComponent'], ParentType, ContextType>;
};

export type MaterialFactResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MaterialFact'] = ResolversParentTypes['MaterialFact']> = {
  assertedBy?: Resolver<Maybe<ResolversTypes['DocumentRef']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revision?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  uri?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ModelResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Model'] = ResolversParentTypes['Model']> = {
  baseModels?: Resolver<Array<ResolversTypes['ModelRelation']>, ParentType, ContextType>;
  datasets?: Resolver<Array<ResolversTypes['ModelRelation']>, ParentType, ContextType>;
  documents?: Resolver<Array<ResolversTypes['DocumentRef']>, ParentType, ContextType>;
  files?: Resolver<Array<ResolversTypes['ModelFile']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  purl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  signatures?: Resolver<Array<ResolversTypes['ModelSignature']>, ParentType, ContextType>;
  signed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  synthetic?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  vulnerabilities?: Resolver<Array<ResolversTypes['VulnerabilityFinding']>, ParentType, ContextType, RequireFields<ModelVulnerabilitiesArgs, 'orderBy'>>;
};

export type ModelFileResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ModelFile'] = ResolversParentTypes['ModelFile']> = {
  assertedBy?: Resolver<Maybe<ResolversTypes['DocumentRef']>, ParentType, ContextType>;
  digest?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ModelRelationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ModelRelation'] = ResolversParentTypes['ModelRelation']> = {
  assertedBy?: Resolver<Maybe<ResolversTypes['DocumentRef']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  relation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ModelSignatureResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ModelSignature'] = ResolversParentTypes['ModelSignature']> = {
  assertedBy?: Resolver<Maybe<ResolversTypes['DocumentRef']>, ParentType, ContextType>;
  formatVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  predicateType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reasonCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rootDigest?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  signedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  signer?: Resolver<Maybe<ResolversTypes['SignerIdentity']>, ParentType, ContextType>;
  trust?: Resolver<ResolversTypes['SignatureTrust'], ParentType, ContextType>;
  verifiedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  deleteDocument?: Resolver<ResolversTypes['DeletedDocument'], ParentType, ContextType, RequireFields<MutationDeleteDocumentArgs, 'id'>>;
  setDocumentLabels?: Resolver<ResolversTypes['DocumentRef'], ParentType, ContextType, RequireFields<MutationSetDocumentLabelsArgs, 'id' | 'labels' | 'replace'>>;
};

export type PackageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Package'] = ResolversParentTypes['Package']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  namespace?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  purl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  versions?: Resolver<Array<ResolversTypes['PackageVersion']>, ParentType, ContextType>;
};

export type PackageVersionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PackageVersion'] = ResolversParentTypes['PackageVersion']> = {
  purl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  qualifiers?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sboms?: Resolver<Array<ResolversTypes['Sbom']>, ParentType, ContextType>;
  scorecard?: Resolver<Maybe<ResolversTypes['Scorecard']>, ParentType, ContextType>;
  synthetic?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  vulnerabilities?: Resolver<Array<ResolversTypes['VulnerabilityFinding']>, ParentType, ContextType, RequireFields<PackageVersionVulnerabilitiesArgs, 'orderBy'>>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProvenanceResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Provenance'] = ResolversParentTypes['Provenance']> = {
  builds?: Resolver<Array<ResolversTypes['BuildFact']>, ParentType, ContextType>;
  digests?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  documents?: Resolver<Array<ResolversTypes['DocumentMention']>, ParentType, ContextType>;
  materials?: Resolver<Array<ResolversTypes['MaterialFact']>, ParentType, ContextType>;
  signatures?: Resolver<Array<ResolversTypes['ModelSignature']>, ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['SourceFact']>, ParentType, ContextType>;
  target?: Resolver<ResolversTypes['GraphNode'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  artifact?: Resolver<Maybe<ResolversTypes['Artifact']>, ParentType, ContextType, RequireFields<QueryArtifactArgs, 'digest'>>;
  datasets?: Resolver<Array<ResolversTypes['Dataset']>, ParentType, ContextType, Partial<QueryDatasetsArgs>>;
  dependencies?: Resolver<ResolversTypes['ComponentConnection'], ParentType, ContextType, RequireFields<QueryDependenciesArgs, 'first' | 'maxDepth' | 'purl' | 'transitive'>>;
  dependents?: Resolver<ResolversTypes['Dependents'], ParentType, ContextType, RequireFields<QueryDependentsArgs, 'first' | 'maxDepth' | 'purl' | 'transitive'>>;
  document?: Resolver<Maybe<ResolversTypes['DocumentRef']>, ParentType, ContextType, RequireFields<QueryDocumentArgs, 'id'>>;
  documents?: Resolver<ResolversTypes['DocumentConnection'], ParentType, ContextType, RequireFields<QueryDocumentsArgs, 'first'>>;
  importer?: Resolver<Maybe<ResolversTypes['Importer']>, ParentType, ContextType, RequireFields<QueryImporterArgs, 'name'>>;
  importers?: Resolver<Array<ResolversTypes['Importer']>, ParentType, ContextType>;
  models?: Resolver<Array<ResolversTypes['Model']>, ParentType, ContextType, Partial<QueryModelsArgs>>;
  node?: Resolver<Array<ResolversTypes['GraphNode']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  package?: Resolver<Maybe<ResolversTypes['Package']>, ParentType, ContextType, RequireFields<QueryPackageArgs, 'purl'>>;
  packageVersion?: Resolver<Array<ResolversTypes['PackageVersion']>, ParentType, ContextType, RequireFields<QueryPackageVersionArgs, 'purl'>>;
  path?: Resolver<Maybe<ResolversTypes['GraphPath']>, ParentType, ContextType, RequireFields<QueryPathArgs, 'from' | 'maxLength' | 'to'>>;
  provenance?: Resolver<Maybe<ResolversTypes['Provenance']>, ParentType, ContextType, RequireFields<QueryProvenanceArgs, 'of'>>;
  sbom?: Resolver<Maybe<ResolversTypes['Sbom']>, ParentType, ContextType, RequireFields<QuerySbomArgs, 'id'>>;
  sboms?: Resolver<ResolversTypes['SbomConnection'], ParentType, ContextType, RequireFields<QuerySbomsArgs, 'first'>>;
  search?: Resolver<Array<ResolversTypes['GraphNode']>, ParentType, ContextType, RequireFields<QuerySearchArgs, 'first' | 'kinds' | 'text'>>;
  signedModels?: Resolver<Array<ResolversTypes['SignedModelMatch']>, ParentType, ContextType, RequireFields<QuerySignedModelsArgs, 'dependingOn' | 'maxDepth' | 'trust'>>;
  sourceRepository?: Resolver<Maybe<ResolversTypes['SourceRepository']>, ParentType, ContextType, RequireFields<QuerySourceRepositoryArgs, 'url'>>;
  stats?: Resolver<ResolversTypes['GraphStats'], ParentType, ContextType>;
  vulnerabilities?: Resolver<Array<ResolversTypes['VulnerabilityFinding']>, ParentType, ContextType, RequireFields<QueryVulnerabilitiesArgs, 'of' | 'orderBy'>>;
  vulnerability?: Resolver<Maybe<ResolversTypes['Vulnerability']>, ParentType, ContextType, RequireFields<QueryVulnerabilityArgs, 'id'>>;
};

export type ReachedComponentResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ReachedComponent'] = ResolversParentTypes['ReachedComponent']> = {
  component?: Resolver<ResolversTypes['Component'], ParentType, ContextType>;
  depth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  path?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  via?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SbomResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Sbom'] = ResolversParentTypes['Sbom']> = {
  byteSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  componentCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  components?: Resolver<ResolversTypes['ListedComponentConnection'], ParentType, ContextType, RequireFields<SbomComponentsArgs, 'first'>>;
  createdAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  format?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ingestedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labels?: Resolver<Array<ResolversTypes['DocumentLabel']>, ParentType, ContextType>;
  latest?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  licenses?: Resolver<Array<ResolversTypes['LicenseCount']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  serialNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  specVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subject?: Resolver<Array<ResolversTypes['Component']>, ParentType, ContextType>;
  supersededBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  vulnerabilities?: Resolver<Array<ResolversTypes['VulnerabilityFinding']>, ParentType, ContextType, RequireFields<SbomVulnerabilitiesArgs, 'orderBy'>>;
  warningCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SbomConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SbomConnection'] = ResolversParentTypes['SbomConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SbomEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SbomEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SbomEdge'] = ResolversParentTypes['SbomEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Sbom'], ParentType, ContextType>;
};

export type ScorecardResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Scorecard'] = ResolversParentTypes['Scorecard']> = {
  assertedBy?: Resolver<Maybe<ResolversTypes['DocumentRef']>, ParentType, ContextType>;
  checks?: Resolver<Array<ResolversTypes['ScorecardCheck']>, ParentType, ContextType>;
  commit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  date?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  repository?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  scorecardVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ScorecardCheckResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ScorecardCheck'] = ResolversParentTypes['ScorecardCheck']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type SeverityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Severity'] = ResolversParentTypes['Severity']> = {
  advisory?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  assertedBy?: Resolver<Maybe<ResolversTypes['DocumentRef']>, ParentType, ContextType>;
  baseScore?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  baseSeverity?: Resolver<Maybe<ResolversTypes['SeverityLevel']>, ParentType, ContextType>;
  package?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rating?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  scoreComputed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  vector?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  vulnerability?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SignedModelMatchResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SignedModelMatch'] = ResolversParentTypes['SignedModelMatch']> = {
  depth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  path?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  signatures?: Resolver<Array<ResolversTypes['ModelSignature']>, ParentType, ContextType>;
  via?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SignerIdentityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SignerIdentity'] = ResolversParentTypes['SignerIdentity']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  keyFingerprint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  san?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  subject?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SourceFactResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SourceFact'] = ResolversParentTypes['SourceFact']> = {
  assertedBy?: Resolver<Maybe<ResolversTypes['DocumentRef']>, ParentType, ContextType>;
  repository?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revision?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SourceRepositoryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SourceRepository'] = ResolversParentTypes['SourceRepository']> = {
  scorecards?: Resolver<Array<ResolversTypes['Scorecard']>, ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubjectOfSbomResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SubjectOfSbom'] = ResolversParentTypes['SubjectOfSbom']> = {
  sbom?: Resolver<ResolversTypes['Sbom'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['Component'], ParentType, ContextType>;
};

export type VexStatementResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['VexStatement'] = ResolversParentTypes['VexStatement']> = {
  actionStatement?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  assertedBy?: Resolver<Maybe<ResolversTypes['DocumentRef']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  impactStatement?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  justification?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['VexStatus'], ParentType, ContextType>;
  timestamp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type VexStatementAboutResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['VexStatementAbout'] = ResolversParentTypes['VexStatementAbout']> = {
  product?: Resolver<ResolversTypes['GraphNode'], ParentType, ContextType>;
  statement?: Resolver<ResolversTypes['VexStatement'], ParentType, ContextType>;
  vulnerability?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type VulnerabilityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Vulnerability'] = ResolversParentTypes['Vulnerability']> = {
  advisories?: Resolver<Array<ResolversTypes['Advisory']>, ParentType, ContextType>;
  affected?: Resolver<ResolversTypes['AffectedProductConnection'], ParentType, ContextType, RequireFields<VulnerabilityAffectedArgs, 'first' | 'orderBy'>>;
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maxSeverity?: Resolver<Maybe<ResolversTypes['SeverityLevel']>, ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  severities?: Resolver<Array<ResolversTypes['Severity']>, ParentType, ContextType>;
  statements?: Resolver<Array<ResolversTypes['VexStatementAbout']>, ParentType, ContextType>;
};

export type VulnerabilityFindingResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['VulnerabilityFinding'] = ResolversParentTypes['VulnerabilityFinding']> = {
  advisory?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  matchReason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  maxSeverity?: Resolver<Maybe<ResolversTypes['SeverityLevel']>, ParentType, ContextType>;
  packageVersion?: Resolver<ResolversTypes['Component'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  statement?: Resolver<Maybe<ResolversTypes['VexStatement']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['VexStatus'], ParentType, ContextType>;
  vulnerability?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  Advisory?: AdvisoryResolvers<ContextType>;
  AffectedProduct?: AffectedProductResolvers<ContextType>;
  AffectedProductConnection?: AffectedProductConnectionResolvers<ContextType>;
  AffectedProductEdge?: AffectedProductEdgeResolvers<ContextType>;
  Artifact?: ArtifactResolvers<ContextType>;
  BuildFact?: BuildFactResolvers<ContextType>;
  Component?: ComponentResolvers<ContextType>;
  ComponentConnection?: ComponentConnectionResolvers<ContextType>;
  ComponentEdge?: ComponentEdgeResolvers<ContextType>;
  CountByName?: CountByNameResolvers<ContextType>;
  Dataset?: DatasetResolvers<ContextType>;
  DeletedDocument?: DeletedDocumentResolvers<ContextType>;
  Dependents?: DependentsResolvers<ContextType>;
  DocumentConnection?: DocumentConnectionResolvers<ContextType>;
  DocumentEdge?: DocumentEdgeResolvers<ContextType>;
  DocumentLabel?: DocumentLabelResolvers<ContextType>;
  DocumentMention?: DocumentMentionResolvers<ContextType>;
  DocumentRef?: DocumentRefResolvers<ContextType>;
  GraphNode?: GraphNodeResolvers<ContextType>;
  GraphPath?: GraphPathResolvers<ContextType>;
  GraphStats?: GraphStatsResolvers<ContextType>;
  Importer?: ImporterResolvers<ContextType>;
  ImporterEntryFailure?: ImporterEntryFailureResolvers<ContextType>;
  ImporterLastError?: ImporterLastErrorResolvers<ContextType>;
  ImporterRun?: ImporterRunResolvers<ContextType>;
  ImporterRunError?: ImporterRunErrorResolvers<ContextType>;
  LicenseCount?: LicenseCountResolvers<ContextType>;
  ListedComponent?: ListedComponentResolvers<ContextType>;
  ListedComponentConnection?: ListedComponentConnectionResolvers<ContextType>;
  ListedComponentEdge?: ListedComponentEdgeResolvers<ContextType>;
  MaterialFact?: MaterialFactResolvers<ContextType>;
  Model?: ModelResolvers<ContextType>;
  ModelFile?: ModelFileResolvers<ContextType>;
  ModelRelation?: ModelRelationResolvers<ContextType>;
  ModelSignature?: ModelSignatureResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Package?: PackageResolvers<ContextType>;
  PackageVersion?: PackageVersionResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Provenance?: ProvenanceResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReachedComponent?: ReachedComponentResolvers<ContextType>;
  Sbom?: SbomResolvers<ContextType>;
  SbomConnection?: SbomConnectionResolvers<ContextType>;
  SbomEdge?: SbomEdgeResolvers<ContextType>;
  Scorecard?: ScorecardResolvers<ContextType>;
  ScorecardCheck?: ScorecardCheckResolvers<ContextType>;
  Severity?: SeverityResolvers<ContextType>;
  SignedModelMatch?: SignedModelMatchResolvers<ContextType>;
  SignerIdentity?: SignerIdentityResolvers<ContextType>;
  SourceFact?: SourceFactResolvers<ContextType>;
  SourceRepository?: SourceRepositoryResolvers<ContextType>;
  SubjectOfSbom?: SubjectOfSbomResolvers<ContextType>;
  VexStatement?: VexStatementResolvers<ContextType>;
  VexStatementAbout?: VexStatementAboutResolvers<ContextType>;
  Vulnerability?: VulnerabilityResolvers<ContextType>;
  VulnerabilityFinding?: VulnerabilityFindingResolvers<ContextType>;
};

