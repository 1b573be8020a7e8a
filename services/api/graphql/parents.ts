/**
 * What the field resolvers of each mapped GraphQL type receive as their parent
 * (codegen `mappers`, codegen.ts): the domain node a query in
 * services/graph/queries returns, or a view that keeps what the type's field
 * resolvers still need (a document key, an alias cluster, a pending batch).
 * Every type not listed here is returned in its generated shape, so tsc checks
 * each of its fields against the SDL.
 */
import type { DatasetNode, ModelNode, PackageVersionNode, SeverityNode } from '../../../schema/ontology/nodes.js';
import type { ComponentRow, NodeHandle } from '../../graph/queries/components.js';
import type { Explanation, Reach } from '../../graph/queries/reach.js';
import type { SeverityFact } from '../../graph/queries/severities.js';
import type { BatchLoader } from './batch-loader.js';
import type {
  Artifact, Dataset, DocumentRef, Model, PackageVersion, ReachedComponent, Sbom, Scorecard, Severity, SourceRepository, VexStatement, Vulnerability,
} from './generated/types.js';

/**
 * `P` when it serves every field of GraphQL type `G` that has no resolver of its
 * own (`Resolved`) in the shape the SDL declares; `never` otherwise, which fails
 * every resolver that returns one. Codegen checks only the fields with resolvers,
 * so this checks the rest of a domain node used as a parent.
 */
type Serving<P, G, Resolved extends keyof G> = [P] extends [Omit<G, Resolved | '__typename'>] ? P : never;

export type ModelParent = Serving<ModelNode, Model, 'id' | 'files' | 'signatures' | 'signed' | 'datasets' | 'baseModels' | 'documents' | 'provenance' | 'vulnerabilities'>;
export type DatasetParent = Serving<DatasetNode, Dataset, 'id' | 'documents'>;
export type PackageVersionParent = Serving<PackageVersionNode, PackageVersion, 'sboms' | 'vulnerabilities' | 'scorecard'>;
/** A severity node with the advisory that gives it and the document that asserted it (resolved by `assertedBy`). */
export type SeverityParent = Serving<SeverityNode & { advisory: string; documentKey: string }, Severity, 'assertedBy' | 'baseSeverity'>;

export type ArtifactParent = Omit<Artifact, '__typename' | 'provenance' | 'vulnerabilities'>;
export type SbomParent = Omit<Sbom, '__typename' | 'subject' | 'components' | 'licenses' | 'vulnerabilities'>;
export type SourceRepositoryParent = Omit<SourceRepository, '__typename' | 'scorecards'>;
/** A Scorecard run and the key of the document that reported it. */
export type ScorecardParent = Omit<Scorecard, '__typename' | 'assertedBy'> & { document: string };

/** Impact rows resolve their statement's document eagerly (`assertedBy`); findings pass its key (`documentKey`). */
export type VexStatementParent = Omit<VexStatement, '__typename' | 'assertedBy'> & { assertedBy?: DocumentRef | null; documentKey?: string };

/** A vulnerability and its whole alias cluster; `severities` memoises the cluster's severity facts per object. */
export type VulnerabilityParent = Omit<Vulnerability, '__typename' | 'aliases' | 'advisories' | 'affected' | 'severities' | 'maxSeverity' | 'score' | 'statements'> & {
  cluster: string[];
  severities?: Promise<SeverityFact[]>;
};

/** `dependencies` gives each component its path; `dependents` computes paths only when asked, in one batch. */
export type ReachedComponentParent = Omit<ReachedComponent, '__typename' | 'path' | 'via'> & {
  path?: string[];
  via?: string[];
  explanation?: () => Promise<Explanation | null>;
};

/** The reach of `dependents(purl:)`, paged and explained lazily by the Dependents fields. */
export interface DependentsParent {
  start: NodeHandle[];
  targets: ComponentRow[];
  reach: Reach;
  components: Array<ComponentRow & { depth: number }>;
  explain: BatchLoader<string, Explanation>;
  first: number;
  after: string | null;
  /** SBOMs listing a target or any dependent; computed once per Dependents object. */
  docs?: Promise<string[]>;
}
