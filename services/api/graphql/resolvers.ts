/**
 * GraphQL resolvers: argument checking, paging and shaping only. All graph
 * access goes through services/graph/queries, which both engines share.
 */
import type { DocumentNode as DocumentRecord } from '../../../schema/ontology/nodes.js';
import { tryParsePurl, versionlessPurl, plainPurl, formatPurl } from '../../../schema/identity/purl.js';
import type { GraphStore, ReadOptions } from '../../graph/store.js';
import { GraphError } from '../../graph/store.js';
import { documentComponents, documentsMatching, findDocuments, getDocument, getDocuments, keysListedBy, listDocuments } from '../../graph/queries/documents.js';
import { datasetsWithArtifact, getDatasets, getPackage, getPackageVersions, packageVersionsOf } from '../../graph/queries/packages.js';
import { documentView, lifecycleFields } from './document-view.js';
import { documentLabelsArg, documentMutationResolvers, documentQueryResolvers } from './document-resolvers.js';
import { importerQueryResolvers } from './importer-resolvers.js';
import { BatchLoader } from './batch-loader.js';
import {
  componentReach, documentsListing, documentSubjects, paginate, QueryInputError, reachableComponents, resolvePurl, getComponents,
  type ComponentRow, type NodeHandle, type Page,
} from '../../graph/queries/components.js';
import type { PackageVersionNode } from '../../../schema/ontology/nodes.js';
import { findModels, modelAncestors, modelDatasets, modelFiles, modelSignatures } from '../../graph/queries/models.js';
import type { ModelNode } from '../../../schema/ontology/nodes.js';
import { advisoriesOf, impactRowKey, vexStatements, vulnerabilityCluster, vulnerabilityImpact } from '../../graph/queries/vulnerabilities.js';
import { findNodes, licenseSummary, searchNodes, vulnerabilitiesOf, type FoundNode, type SearchKind, type VulnerabilityFinding } from '../../graph/queries/lookups.js';
import { resolveReference } from '../../graph/queries/targets.js';
import { findSourceRepository, scorecardOfPackageVersion, scorecardsOf, type ScorecardRow } from '../../graph/queries/scorecards.js';
import { signedModelsDependingOn, type TrustFilter } from '../../graph/queries/signed-models.js';
import { provenanceOf, type Provenance } from '../../graph/queries/provenance.js';
import { shortestPath, type GraphRef } from '../../graph/queries/path.js';
import type { DatasetNode } from '../../../schema/ontology/nodes.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { refId, type Explanation, type Reach } from '../../graph/queries/reach.js';
import { apiError } from './errors.js';
import {
  passesFilter, rateFindings, severitiesOf, severitySortPrefix, summarize, findingSeverity,
  type SeverityFact, type SeverityFilter, type SeveritySummary,
} from '../../graph/queries/severities.js';
import { isSeverityLevel } from '../../../schema/severity/rating.js';
import type { QueryArtifactArgs, QueryDependenciesArgs, QueryDependentsArgs, QueryDocumentArgs, QueryNodeArgs, QueryPackageArgs, QueryPackageVersionArgs, QueryPathArgs, QueryProvenanceArgs, QuerySbomArgs, QuerySearchArgs, QuerySignedModelsArgs, QuerySourceRepositoryArgs, QueryVulnerabilitiesArgs, QueryVulnerabilityArgs } from './generated/types.js';

export interface GraphQLContext {
  store: GraphStore;
  maxPageSize: number;
  read: ReadOptions;
  /** Documents by key, batched and cached for this request (see createContext). */
  documents: BatchLoader<string, DocumentRecord>;
}

/** The per-request context: the store, limits, and request-scoped batch loaders. */
export function createContext(store: GraphStore, maxPageSize: number, read: ReadOptions): GraphQLContext {
  return { store, maxPageSize, read, documents: new BatchLoader((keys) => getDocuments(store, keys, read)) };
}

type Args = Record<string, unknown>;

const KIND: Record<string, string> = { PackageVersion: 'PACKAGE_VERSION', Model: 'MODEL', Dataset: 'DATASET', Artifact: 'ARTIFACT' };

function component(c: ComponentRow): Record<string, unknown> {
  return { id: c.key, kind: KIND[c.label], purl: c.purl, name: c.name, version: c.version };
}

function pageSize(args: Args, ctx: GraphQLContext, fallback: number): number {
  const first = args.first === undefined || args.first === null ? fallback : Number(args.first);
  if (!Number.isInteger(first) || first < 0) throw apiError('BAD_USER_INPUT', '`first` must be a non-negative whole number');
  if (first > ctx.maxPageSize) throw apiError('BAD_USER_INPUT', `\`first\` may be at most ${ctx.maxPageSize} (SUPPLYGRAPH_MAX_PAGE_SIZE); page with \`after\``);
  return first;
}

/** `maxDepth` of the reach queries: at least 1 (0 or less would silently answer nothing). */
function maxDepthArg(args: Args): number {
  const depth = args.maxDepth === undefined || args.maxDepth === null ? 10 : Number(args.maxDepth);
  if (!Number.isInteger(depth) || depth < 1) throw apiError('BAD_USER_INPUT', `\`maxDepth\` must be a whole number of at least 1, got ${String(args.maxDepth)}`);
  return depth;
}

function connection<T>(page: Page<T>, keyOf: (t: T) => string, node: (t: T) => unknown): Record<string, unknown> {
  const edges = page.items.map((t) => ({ cursor: encodeCursor(keyOf(t)), node: node(t) }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null }, totalCount: page.totalCount };
}

function sbom(d: DocumentRecord): Record<string, unknown> {
  return {
    id: d.key, sha256: d.sha256, format: d.format, specVersion: d.specVersion, name: d.name, serialNumber: d.serialNumber,
    version: d.bomVersion, createdAt: d.createdAt, ingestedAt: d.ingestedAt, byteSize: d.byteSize, componentCount: d.componentCount,
    warningCount: d.warningCount, state: (d.state ?? 'complete').toUpperCase(), ...lifecycleFields(d),
  };
}

function documentId(id: string): string {
  const v = id.trim().toLowerCase();
  if (/^[0-9a-f]{64}$/.test(v)) return `sha256:${v}`;
  if (/^sha256:[0-9a-f]{64}$/.test(v)) return v;
  throw apiError('BAD_USER_INPUT', `"${id}" is not an SBOM id (sha256:<64 hex>)`);
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof QueryInputError) throw apiError(err.code === 'BAD_PURL' ? 'BAD_PURL' : 'BAD_USER_INPUT', err.message);
    if (err instanceof GraphError) {
      if (err.code === 'GRAPH_TIMEOUT') throw apiError('QUERY_TIMEOUT', `${err.message}; narrow the query (maxDepth, first) or raise SUPPLYGRAPH_QUERY_TIMEOUT_MS`);
      if (err.code === 'GRAPH_UNAVAILABLE') throw apiError('GRAPH_UNAVAILABLE', err.message);
      if (err.code === 'GRAPH_OUT_OF_MEMORY') {
        throw apiError('QUERY_OUT_OF_MEMORY', `${err.message}; narrow the query (via, maxLength, maxDepth, first) or give the graph more memory (Kuzu: SUPPLYGRAPH_KUZU_BUFFER_POOL_MB; Neo4j: db.memory.transaction.total.max)`);
      }
    }
    throw err;
  }
}

export const resolvers = {
  Mutation: documentMutationResolvers,
  Query: {
    ...documentQueryResolvers,
    ...importerQueryResolvers,
    sbom: (_: unknown, args: QuerySbomArgs, ctx: GraphQLContext) => guard(async () => {
      const d = await getDocument(ctx.store, documentId(args.id), ctx.read);
      return d && d.kind === 'sbom' ? sbom(d) : null;
    }),
    sboms: (_: unknown, args: Args, ctx: GraphQLContext) => guard(async () => {
      const first = pageSize(args, ctx, 50);
      const after = decodeCursor(args.after as string);
      const latest = typeof args.latest === 'boolean' ? args.latest : null;
      const page = latest === null ? await listDocuments(ctx.store, 'sbom', first, after, ctx.read) : await findDocuments(ctx.store, { kind: 'sbom', latest }, first, after, ctx.read);
      return connection(page, (d) => d.key, sbom);
    }),
    package: (_: unknown, args: QueryPackageArgs, ctx: GraphQLContext) => guard(async () => {
      const r = tryParsePurl(args.purl, { lenient: true });
      if (!r.ok) throw apiError('BAD_PURL', `"${args.purl}" is not a valid purl: ${r.error.message}`);
      const pkgKey = versionlessPurl(r.purl);
      const pkg = await getPackage(ctx.store, pkgKey, ctx.read);
      if (!pkg) return null;
      let versions = await packageVersionsOf(ctx.store, pkgKey, ctx.read);
      if (r.purl.version !== null) {
        const plain = plainPurl(r.purl);
        const exact = formatPurl({ ...r.purl, subpath: null });
        versions = Object.keys(r.purl.qualifiers).length === 0 ? versions.filter((v) => v.plainPurl === plain) : versions.filter((v) => v.key === exact);
      }
      return { purl: pkg.purl, type: pkg.type, namespace: pkg.namespace, name: pkg.name, versions };
    }),
    dependencies: (_: unknown, args: QueryDependenciesArgs, ctx: GraphQLContext) => guard(async () => {
      const start = await resolvePurl(ctx.store, args.purl, ctx.read);
      const page = await reachableComponents(ctx.store, start, 'out', {
        transitive: args.transitive === true, maxDepth: maxDepthArg(args), first: pageSize(args, ctx, 100), after: decodeCursor(args.after as string),
      }, ctx.read);
      return connection(page, (c) => c.key, (c) => ({ component: component(c), depth: c.depth, path: c.path, via: c.via }));
    }),
    dependents: (_: unknown, args: QueryDependentsArgs, ctx: GraphQLContext) => guard(async () => {
      const start = await resolvePurl(ctx.store, args.purl, ctx.read);
      const first = pageSize(args, ctx, 100);
      const reached = await componentReach(ctx.store, start, 'in', { transitive: args.transitive !== false, maxDepth: maxDepthArg(args) }, ctx.read);
      const { reach } = reached;
      const labels = documentLabelsArg(args);
      let components = reached.components;
      let docs: Promise<string[]> | undefined;
      if (labels) {
        const kept = new Set<string>();
        for (const label of new Set(components.map((c) => c.label))) {
          const keys = components.filter((c) => c.label === label).map((c) => c.key);
          for (const k of await keysListedBy(ctx.store, label, keys, { labels }, ctx.read)) kept.add(`${label}\u0000${k}`);
        }
        components = components.filter((c) => kept.has(`${c.label}\u0000${c.key}`));
        docs = reach.listingDocuments('sbom').then(async (all) => {
          const labelled = await documentsMatching(ctx.store, all, { labels }, ctx.read);
          return all.filter((x) => labelled.has(x));
        });
      }
      const targets = await getComponents(ctx.store, start, ctx.read);
      const byId = new Map(components.map((c) => [refId(c), c]));
      const explain = new BatchLoader<string, Explanation>(async (ids) => reach.explain(ids.map((id) => byId.get(id)!)));
      const source: DependentsSource = { start, targets, reach, components, explain, first, after: decodeCursor(args.after as string), ...(docs ? { docs } : {}) };
      return source;
    }),
    models: (_: unknown, args: Args, ctx: GraphQLContext) => guard(async () => {
      if (!args.purl && !args.name && !args.digest) throw apiError('BAD_USER_INPUT', 'give one of purl, name or digest');
      return findModels(ctx.store, { purl: args.purl as string | null, name: args.name as string | null, digest: args.digest as string | null }, ctx.read);
    }),
    node: (_: unknown, args: QueryNodeArgs, ctx: GraphQLContext) => guard(async () => (await findNodes(ctx.store, args.id, ctx.read)).map(graphNode)),
    search: (_: unknown, args: QuerySearchArgs, ctx: GraphQLContext) => guard(async () => {
      const text = args.text;
      if (text.trim().length < 2) throw apiError('BAD_USER_INPUT', 'search text must be at least 2 characters');
      return (await searchNodes(ctx.store, text, (args.kinds as SearchKind[]) ?? ['PACKAGE', 'PACKAGE_VERSION', 'MODEL', 'DATASET'], pageSize(args, ctx, 20), ctx.read)).map(graphNode);
    }),
    packageVersion: (_: unknown, args: QueryPackageVersionArgs, ctx: GraphQLContext) => guard(async () => {
      const handles = (await resolvePurl(ctx.store, args.purl, ctx.read)).filter((h) => h.label === 'PackageVersion');
      return getPackageVersions(ctx.store, handles.map((h) => h.key), ctx.read);
    }),
    artifact: (_: unknown, args: QueryArtifactArgs, ctx: GraphQLContext) => guard(async () => {
      const ref = args.digest.includes(':') ? args.digest : `sha256:${args.digest}`;
      const h = (await resolveReference(ctx.store, ref, ctx.read)).find((x) => x.label === 'Artifact');
      return h ? { id: h.key, algorithm: h.key.split(':')[0], digest: h.key.split(':')[1] } : null;
    }),
    datasets: (_: unknown, args: Args, ctx: GraphQLContext) => guard(async () => {
      const keys = new Set<string>();
      for (const ref of [args.purl, args.name, args.digest].filter((x): x is string => typeof x === 'string' && x.length > 0)) {
        const handles = await resolveReference(ctx.store, ref, ctx.read);
        for (const h of handles) if (h.label === 'Dataset') keys.add(h.key);
        if (ref.includes(':') && !ref.startsWith('pkg:')) {
          (await datasetsWithArtifact(ctx.store, ref, ctx.read)).forEach((k) => keys.add(k));
        }
      }
      return getDatasets(ctx.store, [...keys], ctx.read);
    }),
    signedModels: (_: unknown, args: QuerySignedModelsArgs, ctx: GraphQLContext) => guard(async () => {
      const targets = await resolveReference(ctx.store, args.dependingOn, ctx.read);
      const found = await signedModelsDependingOn(ctx.store, targets, { trust: (args.trust as TrustFilter) ?? 'TRUSTED', maxDepth: maxDepthArg(args) }, ctx.read);
      return Promise.all(found.map(async (f) => ({
        model: f.model, depth: f.depth, path: f.path, via: f.via,
        signatures: await Promise.all(f.signatures.map(async (x) => ({ ...x.signature, id: x.signature.key, signer: x.signer ? { ...x.signer, id: x.signer.key } : null, assertedBy: await documentRef(ctx, x.document) }))),
      })));
    }),
    provenance: (_: unknown, args: QueryProvenanceArgs, ctx: GraphQLContext) => guard(async () => {
      // A purl can name a model and (through a VEX or SBOM mention) a package version: the model is what was asked about.
      const rank = { Model: 0, Dataset: 1, PackageVersion: 2, Artifact: 3 } as const;
      const target = (await resolveReference(ctx.store, args.of, ctx.read)).sort((a, b) => rank[a.label] - rank[b.label])[0];
      return target ? provenanceView(ctx, await provenanceOf(ctx.store, target, ctx.read)) : null;
    }),
    path: (_: unknown, args: QueryPathArgs, ctx: GraphQLContext) => guard(async () => {
      const from = await referenceOrNode(ctx, args.from);
      const to = await referenceOrNode(ctx, args.to);
      const p = await shortestPath(ctx.store, from, to, { maxLength: Number(args.maxLength ?? 8), via: (args.via as string[] | null) ?? null }, ctx.read);
      return p ? { length: p.length, edges: p.edges, nodes: p.nodes.map((n) => ({ id: n.key, kind: n.label, name: null, purl: n.key.startsWith('pkg:') ? n.key : null })) } : null;
    }),
    vulnerabilities: (_: unknown, args: QueryVulnerabilitiesArgs, ctx: GraphQLContext) => guard(async () => {
      const ref = args.of;
      const doc = /^sha256:[0-9a-f]{64}$/.test(ref) ? await getDocument(ctx.store, ref, ctx.read) : null;
      const targets = doc ? [{ label: 'Document' as const, key: doc.key }] : await resolveReference(ctx.store, ref, ctx.read);
      let found = await vulnerabilitiesOf(ctx.store, targets, ctx.read);
      const labels = documentLabelsArg(args);
      if (labels) {
        const listed = await keysListedBy(ctx.store, 'PackageVersion', [...new Set(found.map((f) => f.packageVersion.key))], { labels }, ctx.read);
        found = found.filter((f) => listed.has(f.packageVersion.key));
      }
      return findings(ctx, found, args);
    }),
    vulnerability: (_: unknown, args: QueryVulnerabilityArgs, ctx: GraphQLContext) => guard(async () => {
      const cluster = await vulnerabilityCluster(ctx.store, args.id, ctx.read);
      return cluster ? { id: cluster[0], cluster } : null;
    }),
    document: (_: unknown, args: QueryDocumentArgs, ctx: GraphQLContext) => guard(async () => documentRef(ctx, documentId(args.id))),
    sourceRepository: (_: unknown, args: QuerySourceRepositoryArgs, ctx: GraphQLContext) => guard(async () => {
      const key = await findSourceRepository(ctx.store, args.url, ctx.read);
      return key ? { url: key } : null;
    }),
    stats: (_: unknown, __: Args, ctx: GraphQLContext) => guard(async () => {
      const c = await ctx.store.counts();
      const list = (o: Record<string, number>) => Object.entries(o).map(([name, count]) => ({ name, count }));
      return { nodes: c.nodes, edges: c.edges, byLabel: list(c.byLabel), byEdgeType: list(c.byEdgeType) };
    }),
  },
  Sbom: {
    licenses: (s: { id: string }, _: Args, ctx: GraphQLContext) => guard(async () => licenseSummary(ctx.store, s.id, ctx.read)),
    vulnerabilities: (s: { id: string }, args: Args, ctx: GraphQLContext) => guard(async () => findings(ctx, await vulnerabilitiesOf(ctx.store, [{ label: 'Document', key: s.id }], ctx.read), args)),
    subject: (s: { id: string }, _: Args, ctx: GraphQLContext) => guard(async () => (await documentSubjects(ctx.store, [s.id], ctx.read)).map(component)),
    components: (s: { id: string }, args: Args, ctx: GraphQLContext) => guard(async () => {
      const page = await documentComponents(ctx.store, s.id, pageSize(args, ctx, 100), decodeCursor(args.after as string), ctx.read,
        { type: (args.type as string) ?? null, ecosystem: (args.ecosystem as string) ?? null, license: (args.license as string) ?? null });
      return connection(page, (c) => c.key, (c) => ({ component: component(c), ref: c.ref, type: c.componentType, scope: c.scope }));
    }),
  },
  SourceRepository: {
    scorecards: (r: { url: string }, _: Args, ctx: GraphQLContext) => guard(async () => (await scorecardsOf(ctx.store, r.url, ctx.read)).map(scorecardView)),
  },
  Scorecard: {
    assertedBy: (s: { document: string }, _: Args, ctx: GraphQLContext) => guard(() => documentRef(ctx, s.document)),
  },
  PackageVersion: {
    scorecard: (v: PackageVersionNode, _: Args, ctx: GraphQLContext) => guard(async () => {
      const s = await scorecardOfPackageVersion(ctx.store, v.key, ctx.read);
      return s ? scorecardView(s) : null;
    }),
    vulnerabilities: (v: PackageVersionNode, args: Args, ctx: GraphQLContext) => guard(async () => findings(ctx, await vulnerabilitiesOf(ctx.store, [{ label: 'PackageVersion', key: v.key }], ctx.read), args)),
    sboms: (v: PackageVersionNode, _: Args, ctx: GraphQLContext) => guard(async () => {
      const docs = await documentsListing(ctx.store, [{ label: 'PackageVersion', key: v.key }], ctx.read);
      const full = await Promise.all(docs.map((d) => ctx.documents.load(d.key)));
      return full.filter((d): d is DocumentRecord => d !== null).map(sbom);
    }),
  },
  VexStatement: {
    // Impact rows resolve their statement's document eagerly; findings pass the key and resolve it here.
    assertedBy: (s: { assertedBy?: unknown; documentKey?: string }, _: Args, ctx: GraphQLContext) =>
      s.assertedBy !== undefined ? s.assertedBy : s.documentKey ? guard(() => documentRef(ctx, s.documentKey!)) : null,
  },
  Vulnerability: {
    aliases: (v: { cluster: string[] }) => [...v.cluster].sort(),
    statements: (v: { cluster: string[] }, _: Args, ctx: GraphQLContext) => guard(async () => {
      const facts = (await vexStatements(ctx.store, v.cluster, ctx.read))
        .sort((a, b) => ((a.statement.timestamp ?? '') < (b.statement.timestamp ?? '') ? 1 : (a.statement.timestamp ?? '') > (b.statement.timestamp ?? '') ? -1 : a.targetKey < b.targetKey ? -1 : 1));
      return facts.map((f) => ({
        product: { id: f.targetKey, kind: f.targetLabel, name: null, purl: f.targetKey.startsWith('pkg:') ? f.targetKey : null },
        vulnerability: f.vulnerability,
        statement: { ...f.statement, id: f.statement.key, status: f.statement.status.toUpperCase(), documentKey: f.document },
      }));
    }),
    advisories: (v: { cluster: string[] }, _: Args, ctx: GraphQLContext) => guard(async () => {
      const facts = [...(await severitiesOf(ctx.store, v.cluster, ctx.read)).values()].flat();
      return Promise.all((await advisoriesOf(ctx.store, v.cluster, ctx.read)).map(async (a) => {
        const own = facts.filter((f) => f.advisory === a.advisory.key);
        return { ...a.advisory, id: a.advisory.key, assertedBy: await documentRef(ctx, a.document), severities: own.map(severityView), ...summaryView(summarize(own)) };
      }));
    }),
    severities: (v: VulnerabilitySource, _: Args, ctx: GraphQLContext) => guard(async () => (await clusterSeverities(ctx, v)).map(severityView)),
    maxSeverity: (v: VulnerabilitySource, _: Args, ctx: GraphQLContext) => guard(async () => summarize(await clusterSeverities(ctx, v)).maxSeverity),
    score: (v: VulnerabilitySource, _: Args, ctx: GraphQLContext) => guard(async () => summarize(await clusterSeverities(ctx, v)).score),
    affected: (v: { cluster: string[] }, args: Args, ctx: GraphQLContext) => guard(async () => {
      const wanted = Array.isArray(args.status) ? new Set((args.status as string[]).map((x) => x.toLowerCase())) : null;
      const filter = severityFilter(args);
      const bySeverity = args.orderBy === 'SEVERITY';
      const facts = await severitiesOf(ctx.store, v.cluster, ctx.read);
      let impact = (await vulnerabilityImpact(ctx.store, v.cluster, ctx.read)).filter((r) => !wanted || wanted.has(r.status));
      const labels = documentLabelsArg(args);
      if (labels) {
        const labelled = await documentsMatching(ctx.store, [...new Set(impact.flatMap((r) => (r.sbom ? [r.sbom] : [])))], { labels }, ctx.read);
        impact = impact.filter((r) => r.sbom !== null && r.sbom !== undefined && labelled.has(r.sbom));
      }
      const rated = impact
        .map((r) => ({ ...r, severity: findingSeverity(v.cluster, r.advisory, facts) }))
        .filter((r) => passesFilter(r.severity, filter));
      // The cursor is the row's place in the order asked for, so `after` means the same on every page.
      const keyOf = (r: (typeof rated)[number]): string => (bySeverity ? severitySortPrefix(r.severity) : '') + impactRowKey(r);
      const rows = bySeverity ? rated.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0)) : rated;
      const page = paginate(rows, pageSize(args, ctx, 100), decodeCursor(args.after as string), keyOf);
      // Documents are loaded for the rows of this page only.
      const nodes = await Promise.all(page.items.map(async (r) => {
        const doc = r.sbom ? await ctx.documents.load(r.sbom) : null;
        return {
          packageVersion: component(r.packageVersion),
          advisory: r.advisory,
          matchReason: r.reason,
          sbom: doc ? sbom(doc) : null,
          subject: r.subject ? component(r.subject) : null,
          status: r.status.toUpperCase(),
          statement: r.statement ? { ...r.statement.statement, id: r.statement.statement.key, status: r.statement.statement.status.toUpperCase(), assertedBy: await documentRef(ctx, r.statement.document) } : null,
          ...summaryView(r.severity),
        };
      }));
      return connection({ ...page, items: page.items.map((r, i) => ({ row: r, node: nodes[i] })) }, (x) => keyOf(x.row), (x) => x.node);
    }),
  },
  Severity: {
    assertedBy: (s: { documentKey: string }, _: Args, ctx: GraphQLContext) => guard(() => documentRef(ctx, s.documentKey)),
  },
  Artifact: {
    provenance: (a: { id: string }, _: Args, ctx: GraphQLContext) => guard(async () => provenanceView(ctx, await provenanceOf(ctx.store, { label: 'Artifact', key: a.id }, ctx.read))),
    vulnerabilities: (a: { id: string }, args: Args, ctx: GraphQLContext) => guard(async () => findings(ctx, await vulnerabilitiesOf(ctx.store, [{ label: 'Artifact', key: a.id }], ctx.read), args)),
  },
  Dataset: {
    id: (d: DatasetNode) => d.key,
    documents: (d: DatasetNode, _: Args, ctx: GraphQLContext) => guard(async () => {
      const docs = await documentsListing(ctx.store, [{ label: 'Dataset', key: d.key }], ctx.read, null);
      return (await Promise.all(docs.map((x) => documentRef(ctx, x.key)))).filter((x) => x !== null);
    }),
  },
  Model: {
    id: (m: ModelNode) => m.key,
    provenance: (m: ModelNode, _: Args, ctx: GraphQLContext) => guard(async () => provenanceView(ctx, await provenanceOf(ctx.store, { label: 'Model', key: m.key }, ctx.read))),
    vulnerabilities: (m: ModelNode, args: Args, ctx: GraphQLContext) => guard(async () => findings(ctx, await vulnerabilitiesOf(ctx.store, [{ label: 'Model', key: m.key }], ctx.read), args)),
    files: (m: ModelNode, _: Args, ctx: GraphQLContext) => guard(async () =>
      Promise.all((await modelFiles(ctx.store, m.key, ctx.read)).map(async (f) => ({ path: f.path, digest: f.digest, assertedBy: await documentRef(ctx, f.document) })))),
    signatures: (m: ModelNode, _: Args, ctx: GraphQLContext) => guard(async () => signaturesOf(ctx, m.key)),
    signed: (m: ModelNode, _: Args, ctx: GraphQLContext) => guard(async () => (await modelSignatures(ctx.store, m.key, ctx.read)).some((s) => s.signature.trust === 'TRUSTED')),
    datasets: (m: ModelNode, _: Args, ctx: GraphQLContext) => guard(async () =>
      Promise.all((await modelDatasets(ctx.store, m.key, ctx.read)).map(async (r) => ({ id: r.key, name: r.name, relation: r.relation, assertedBy: await documentRef(ctx, r.document) })))),
    baseModels: (m: ModelNode, _: Args, ctx: GraphQLContext) => guard(async () =>
      Promise.all((await modelAncestors(ctx.store, m.key, ctx.read)).map(async (r) => ({ id: r.key, name: r.name, relation: r.relation, assertedBy: await documentRef(ctx, r.document) })))),
    documents: (m: ModelNode, _: Args, ctx: GraphQLContext) => guard(async () => {
      const docs = await documentsListing(ctx.store, [{ label: 'Model', key: m.key }], ctx.read, null);
      return (await Promise.all(docs.map((d) => documentRef(ctx, d.key)))).filter((d) => d !== null);
    }),
  },
  Dependents: {
    packages: (d: DependentsSource) => reachedOfKind(d, 'PackageVersion'),
    models: (d: DependentsSource) => reachedOfKind(d, 'Model'),
    datasets: (d: DependentsSource) => reachedOfKind(d, 'Dataset'),
    artifacts: (d: DependentsSource) => reachedOfKind(d, 'Artifact'),
    components: (d: DependentsSource) => {
      const page = paginate(d.components, d.first, d.after, (c) => c.key);
      return connection(page, (c) => c.key, (c) => reachedView(d, c));
    },
    targets: (d: DependentsSource) => d.targets.map(component),
    sboms: (d: DependentsSource, args: Args, ctx: GraphQLContext) => guard(async () => {
      const docs = await sbomsOf(d);
      const page = paginate(docs, pageSize(args, ctx, 100), decodeCursor(args.after as string), (x) => x);
      const full = await Promise.all(page.items.map((x) => ctx.documents.load(x)));
      return connection({ ...page, items: full.filter((x): x is DocumentRecord => x !== null) }, (x) => x.key, sbom);
    }),
    subjects: (d: DependentsSource, _: Args, ctx: GraphQLContext) => guard(async () => {
      const docs = await sbomsOf(d);
      const subjects = await documentSubjects(ctx.store, docs, ctx.read);
      const full = new Map<string, DocumentRecord>();
      for (const x of await Promise.all(docs.map((doc) => ctx.documents.load(doc)))) if (x) full.set(x.key, x);
      return subjects.filter((s) => full.has(s.document)).map((s) => ({ sbom: sbom(full.get(s.document)!), subject: component(s) }));
    }),
  },
  ReachedComponent: {
    // Paths are computed only for the components whose path or via is asked for, in one batch.
    path: (r: { path?: string[]; explanation?: () => Promise<Explanation | null> }) => r.path ?? r.explanation?.().then((e) => e?.path ?? []) ?? [],
    via: (r: { via?: string[]; explanation?: () => Promise<Explanation | null> }) => r.via ?? r.explanation?.().then((e) => e?.via ?? []) ?? [],
  },
};

function graphNode(n: FoundNode): Record<string, unknown> {
  return { id: n.key, kind: n.label, name: n.name, purl: n.purl };
}

/** `minSeverity` / `minScore` as given; a score outside CVSS's 0–10 is a mistake, not an empty answer. */
function severityFilter(args: Args): SeverityFilter {
  const minSeverity = typeof args.minSeverity === 'string' && isSeverityLevel(args.minSeverity) ? args.minSeverity : null;
  const minScore = args.minScore === undefined || args.minScore === null ? null : Number(args.minScore);
  if (minScore !== null && !(minScore >= 0 && minScore <= 10)) throw apiError('BAD_USER_INPUT', `\`minScore\` must be a CVSS score from 0 to 10, got ${String(args.minScore)}`);
  return { minSeverity, minScore };
}

/** Findings rated, filtered by severity and ordered as asked. */
async function findings(ctx: GraphQLContext, list: VulnerabilityFinding[], args: Args): Promise<Array<Record<string, unknown>>> {
  const filter = severityFilter(args);
  const rated = (await rateFindings(ctx.store, list, ctx.read)).filter((f) => passesFilter(f.severity, filter));
  if (args.orderBy === 'SEVERITY') {
    // Stable sort: equally severe findings keep the id order vulnerabilitiesOf gave them.
    const key = new Map(rated.map((f) => [f, severitySortPrefix(f.severity)]));
    rated.sort((a, b) => (key.get(a)! < key.get(b)! ? -1 : key.get(a)! > key.get(b)! ? 1 : 0));
  }
  return rated.map((f) => ({ ...finding(f), ...summaryView(f.severity) }));
}

interface VulnerabilitySource {
  cluster: string[];
  severities?: Promise<SeverityFact[]>;
}

/** Severities of a vulnerability's whole alias cluster, highest first; read once per Vulnerability object. */
function clusterSeverities(ctx: GraphQLContext, v: VulnerabilitySource): Promise<SeverityFact[]> {
  v.severities ??= severitiesOf(ctx.store, v.cluster, ctx.read).then((byKey) => [...byKey.values()].flat()
    .sort((a, b) => (b.severity.baseScore ?? -1) - (a.severity.baseScore ?? -1) || (a.severity.key < b.severity.key ? -1 : 1)));
  return v.severities;
}

function summaryView(s: SeveritySummary): { maxSeverity: string | null; score: number | null } {
  return { maxSeverity: s.maxSeverity, score: s.score };
}

function severityView(f: SeverityFact): Record<string, unknown> {
  return { ...f.severity, advisory: f.advisory, documentKey: f.document };
}

function finding(f: VulnerabilityFinding): Record<string, unknown> {
  return {
    vulnerability: f.vulnerability, packageVersion: component(f.packageVersion), advisory: f.advisory, matchReason: f.reason,
    status: f.status.toUpperCase(),
    statement: f.statement ? { ...f.statement.statement, id: f.statement.statement.key, status: f.statement.statement.status.toUpperCase(), documentKey: f.statement.document } : null,
  };
}

function reachedOfKind(d: DependentsSource, label: string): Array<Record<string, unknown>> {
  return d.components.filter((c) => c.label === label).map((c) => reachedView(d, c));
}

function reachedView(d: DependentsSource, c: ComponentRow & { depth: number }): Record<string, unknown> {
  return { component: component(c), depth: c.depth, explanation: () => d.explain.load(refId(c)) };
}

/** A reference (purl, digest, model/dataset) or, failing that, any node key (a vulnerability id, a document). */
async function referenceOrNode(ctx: GraphQLContext, ref: string): Promise<GraphRef[]> {
  try {
    const handles = await resolveReference(ctx.store, ref, ctx.read);
    if (handles.length > 0) return handles;
  } catch {
    // Not a reference form; fall through to a plain key lookup.
  }
  const found = await findNodes(ctx.store, ref, ctx.read);
  if (found.length === 0) throw apiError('BAD_USER_INPUT', `nothing in the graph is named "${ref}"`);
  return found.map((f) => ({ label: f.label, key: f.key }));
}

async function provenanceView(ctx: GraphQLContext, p: Provenance): Promise<Record<string, unknown>> {
  const ref = (key: string) => documentRef(ctx, key);
  return {
    target: { id: p.target.key, kind: p.target.label, name: null, purl: p.target.key.startsWith('pkg:') ? p.target.key : null },
    digests: p.digests,
    signatures: await Promise.all(p.signatures.map(async (x) => ({ ...x.signature, id: x.signature.key, signer: x.signer ? { ...x.signer, id: x.signer.key } : null, assertedBy: await ref(x.document) }))),
    builds: await Promise.all(p.builds.map(async (b) => ({ ...b, assertedBy: await ref(b.document) }))),
    materials: await Promise.all(p.materials.map(async (m) => ({ kind: m.kind, id: m.key, uri: m.uri, revision: m.revision, assertedBy: await ref(m.document) }))),
    sources: await Promise.all(p.sources.map(async (x) => ({ ...x, assertedBy: await ref(x.document) }))),
    documents: (await Promise.all(p.documents.map(async (d) => ({ relation: d.relation, document: await ref(d.document) })))).filter((d) => d.document !== null),
  };
}

async function signaturesOf(ctx: GraphQLContext, modelKeyValue: string): Promise<Array<Record<string, unknown>>> {
  return Promise.all((await modelSignatures(ctx.store, modelKeyValue, ctx.read)).map(async (f) => ({
    ...f.signature,
    id: f.signature.key,
    signer: f.signer ? { ...f.signer, id: f.signer.key } : null,
    assertedBy: await documentRef(ctx, f.document),
  })));
}

async function documentRef(ctx: GraphQLContext, key: string): Promise<Record<string, unknown> | null> {
  const d = await ctx.documents.load(key);
  return d ? documentView(d) : null;
}

interface DependentsSource {
  start: NodeHandle[];
  targets: ComponentRow[];
  reach: Reach;
  components: Array<ComponentRow & { depth: number }>;
  explain: BatchLoader<string, Explanation>;
  first: number;
  after: string | null;
  docs?: Promise<string[]>;
}

/** SBOMs listing a target or any dependent; computed once per Dependents object. */
function sbomsOf(d: DependentsSource): Promise<string[]> {
  d.docs ??= d.reach.listingDocuments('sbom');
  return d.docs;
}

function scorecardView(s: ScorecardRow): Record<string, unknown> {
  return { ...s, id: s.key };
}
