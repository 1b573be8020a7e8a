/**
 * GraphQL resolvers: argument checking, paging and shaping only. All graph
 * access goes through services/graph/queries, which both engines share.
 */
import type { DocumentNode as DocumentRecord, VexStatementNode } from '../../../schema/ontology/nodes.js';
import { tryParsePurl, versionlessPurl, plainPurl, formatPurl } from '../../../schema/identity/purl.js';
import { isSeverityLevel } from '../../../schema/severity/rating.js';
import { documentComponents, documentsMatching, findDocuments, getDocument, keysListedBy, listDocuments } from '../../graph/queries/documents.js';
import { datasetsWithArtifact, getDatasets, getPackage, getPackageVersions, packageVersionsOf } from '../../graph/queries/packages.js';
import {
  componentReach, documentsListing, documentSubjects, paginate, reachableComponents, resolvePurl, getComponents,
  type ComponentLabel, type ComponentRow, type Page,
} from '../../graph/queries/components.js';
import { findModels, modelAncestors, modelDatasets, modelFiles, modelSignatures } from '../../graph/queries/models.js';
import { advisoriesOf, impactRowKey, vexStatements, vulnerabilityCluster, vulnerabilityImpact } from '../../graph/queries/vulnerabilities.js';
import { findNodes, licenseSummary, searchNodes, vulnerabilitiesOf, type FoundNode, type VulnerabilityFinding } from '../../graph/queries/lookups.js';
import { resolveReference } from '../../graph/queries/targets.js';
import { findSourceRepository, scorecardOfPackageVersion, scorecardsOf, type ScorecardRow } from '../../graph/queries/scorecards.js';
import { signedModelsDependingOn } from '../../graph/queries/signed-models.js';
import { provenanceOf, type DocumentMention, type Provenance as ProvenanceFacts } from '../../graph/queries/provenance.js';
import { shortestPath, type GraphRef } from '../../graph/queries/path.js';
import { refId, type Explanation } from '../../graph/queries/reach.js';
import {
  passesFilter, rateFindings, severitiesOf, severitySortPrefix, summarize, findingSeverity,
  type SeverityFact, type SeverityFilter, type SeveritySummary,
} from '../../graph/queries/severities.js';
import { BatchLoader } from './batch-loader.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { documentLabelsArg, documentMutationResolvers, documentQueryResolvers } from './document-resolvers.js';
import { documentView, lifecycleFields } from './document-view.js';
import { apiError } from './errors.js';
import { importerQueryResolvers } from './importer-resolvers.js';
import type {
  Component, ComponentKind, DocumentRef, GraphNode, ModelSignature, PageInfo, Provenance, Resolvers, ResolversParentTypes,
  SeverityLevel, VexStatus,
} from './generated/types.js';
import type { GraphQLContext } from './context.js';
import type { DependentsParent, ReachedComponentParent, SbomParent, ScorecardParent, SeverityParent, VulnerabilityParent } from './parents.js';

const KIND: Record<ComponentLabel, ComponentKind> = { PackageVersion: 'PACKAGE_VERSION', Model: 'MODEL', Dataset: 'DATASET', Artifact: 'ARTIFACT' };

/** The SDL's VexStatus for a stored (or computed) one. */
const VEX_STATUS: Record<VexStatementNode['status'], VexStatus> = { affected: 'AFFECTED', not_affected: 'NOT_AFFECTED', fixed: 'FIXED', under_investigation: 'UNDER_INVESTIGATION' };

function component(c: ComponentRow): Component {
  return { id: c.key, kind: KIND[c.label], purl: c.purl, name: c.name, version: c.version };
}

/** `first` of a connection or list; null or absent: `fallback`. */
function pageSize(given: number | null | undefined, ctx: GraphQLContext, fallback: number): number {
  const first = given === undefined || given === null ? fallback : given;
  if (!Number.isInteger(first) || first < 0) throw apiError('BAD_USER_INPUT', '`first` must be a non-negative whole number');
  if (first > ctx.maxPageSize) throw apiError('BAD_USER_INPUT', `\`first\` may be at most ${ctx.maxPageSize} (SUPPLYGRAPH_MAX_PAGE_SIZE); page with \`after\``);
  return first;
}

/** `maxDepth` of the reach queries: at least 1 (0 or less would silently answer nothing). */
function maxDepthArg(given: number | null | undefined): number {
  const depth = given === undefined || given === null ? 10 : given;
  if (!Number.isInteger(depth) || depth < 1) throw apiError('BAD_USER_INPUT', `\`maxDepth\` must be a whole number of at least 1, got ${depth}`);
  return depth;
}

interface Connection<N> {
  edges: Array<{ cursor: string; node: N }>;
  pageInfo: PageInfo;
  totalCount: number;
}

function connection<T, N>(page: Page<T>, keyOf: (t: T) => string, node: (t: T) => N): Connection<N> {
  const edges = page.items.map((t) => ({ cursor: encodeCursor(keyOf(t)), node: node(t) }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null }, totalCount: page.totalCount };
}

function sbom(d: DocumentRecord): SbomParent {
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

export const resolvers: Resolvers = {
  Mutation: documentMutationResolvers,
  Query: {
    ...documentQueryResolvers,
    ...importerQueryResolvers,
    sbom: async (_, args, ctx) => {
      const d = await getDocument(ctx.store, documentId(args.id), ctx.read);
      return d && d.kind === 'sbom' ? sbom(d) : null;
    },
    sboms: async (_, args, ctx) => {
      const first = pageSize(args.first, ctx, 50);
      const after = decodeCursor(args.after);
      const latest = args.latest ?? null;
      const page = latest === null ? await listDocuments(ctx.store, 'sbom', first, after, ctx.read) : await findDocuments(ctx.store, { kind: 'sbom', latest }, first, after, ctx.read);
      return connection(page, (d) => d.key, sbom);
    },
    package: async (_, args, ctx) => {
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
    },
    dependencies: async (_, args, ctx) => {
      const start = await resolvePurl(ctx.store, args.purl, ctx.read);
      const page = await reachableComponents(ctx.store, start, 'out', {
        transitive: args.transitive === true, maxDepth: maxDepthArg(args.maxDepth), first: pageSize(args.first, ctx, 100), after: decodeCursor(args.after),
      }, ctx.read);
      return connection(page, (c) => c.key, (c) => ({ component: component(c), depth: c.depth, path: c.path, via: c.via }));
    },
    dependents: async (_, args, ctx) => {
      const start = await resolvePurl(ctx.store, args.purl, ctx.read);
      const first = pageSize(args.first, ctx, 100);
      const reached = await componentReach(ctx.store, start, 'in', { transitive: args.transitive !== false, maxDepth: maxDepthArg(args.maxDepth) }, ctx.read);
      const { reach } = reached;
      const labels = documentLabelsArg(args.documentLabels);
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
      const source: DependentsParent = { start, targets, reach, components, explain, first, after: decodeCursor(args.after), ...(docs ? { docs } : {}) };
      return source;
    },
    models: async (_, args, ctx) => {
      if (!args.purl && !args.name && !args.digest) throw apiError('BAD_USER_INPUT', 'give one of purl, name or digest');
      return findModels(ctx.store, { purl: args.purl, name: args.name, digest: args.digest }, ctx.read);
    },
    node: async (_, args, ctx) => (await findNodes(ctx.store, args.id, ctx.read)).map(graphNode),
    search: async (_, args, ctx) => {
      const text = args.text;
      if (text.trim().length < 2) throw apiError('BAD_USER_INPUT', 'search text must be at least 2 characters');
      return (await searchNodes(ctx.store, text, args.kinds ?? ['PACKAGE', 'PACKAGE_VERSION', 'MODEL', 'DATASET'], pageSize(args.first, ctx, 20), ctx.read)).map(graphNode);
    },
    packageVersion: async (_, args, ctx) => {
      const handles = (await resolvePurl(ctx.store, args.purl, ctx.read)).filter((h) => h.label === 'PackageVersion');
      return getPackageVersions(ctx.store, handles.map((h) => h.key), ctx.read);
    },
    artifact: async (_, args, ctx) => {
      const ref = args.digest.includes(':') ? args.digest : `sha256:${args.digest}`;
      const h = (await resolveReference(ctx.store, ref, ctx.read)).find((x) => x.label === 'Artifact');
      return h ? { id: h.key, algorithm: h.key.split(':')[0], digest: h.key.split(':')[1] } : null;
    },
    datasets: async (_, args, ctx) => {
      const keys = new Set<string>();
      for (const ref of [args.purl, args.name, args.digest].filter((x): x is string => typeof x === 'string' && x.length > 0)) {
        const handles = await resolveReference(ctx.store, ref, ctx.read);
        for (const h of handles) if (h.label === 'Dataset') keys.add(h.key);
        if (ref.includes(':') && !ref.startsWith('pkg:')) {
          (await datasetsWithArtifact(ctx.store, ref, ctx.read)).forEach((k) => keys.add(k));
        }
      }
      return getDatasets(ctx.store, [...keys], ctx.read);
    },
    signedModels: async (_, args, ctx) => {
      const targets = await resolveReference(ctx.store, args.dependingOn, ctx.read);
      const found = await signedModelsDependingOn(ctx.store, targets, { trust: args.trust ?? 'TRUSTED', maxDepth: maxDepthArg(args.maxDepth) }, ctx.read);
      return Promise.all(found.map(async (f) => ({
        model: f.model, depth: f.depth, path: f.path, via: f.via,
        signatures: await Promise.all(f.signatures.map(async (x) => ({ ...x.signature, id: x.signature.key, signer: x.signer ? { ...x.signer, id: x.signer.key } : null, assertedBy: await documentRef(ctx, x.document) }))),
      })));
    },
    provenance: async (_, args, ctx) => {
      // A purl can name a model and (through a VEX or SBOM mention) a package version: the model is what was asked about.
      const rank = { Model: 0, Dataset: 1, PackageVersion: 2, Artifact: 3 } as const;
      const target = (await resolveReference(ctx.store, args.of, ctx.read)).sort((a, b) => rank[a.label] - rank[b.label])[0];
      return target ? provenanceView(ctx, await provenanceOf(ctx.store, target, ctx.read)) : null;
    },
    path: async (_, args, ctx) => {
      const from = await referenceOrNode(ctx, args.from);
      const to = await referenceOrNode(ctx, args.to);
      const p = await shortestPath(ctx.store, from, to, { maxLength: args.maxLength ?? 8, via: args.via ?? null }, ctx.read);
      return p ? { length: p.length, edges: p.edges, nodes: p.nodes.map((n) => ({ id: n.key, kind: n.label, name: null, purl: n.key.startsWith('pkg:') ? n.key : null })) } : null;
    },
    vulnerabilities: async (_, args, ctx) => {
      const ref = args.of;
      const doc = /^sha256:[0-9a-f]{64}$/.test(ref) ? await getDocument(ctx.store, ref, ctx.read) : null;
      const targets = doc ? [{ label: 'Document' as const, key: doc.key }] : await resolveReference(ctx.store, ref, ctx.read);
      let found = await vulnerabilitiesOf(ctx.store, targets, ctx.read);
      const labels = documentLabelsArg(args.documentLabels);
      if (labels) {
        const listed = await keysListedBy(ctx.store, 'PackageVersion', [...new Set(found.map((f) => f.packageVersion.key))], { labels }, ctx.read);
        found = found.filter((f) => listed.has(f.packageVersion.key));
      }
      return findings(ctx, found, args);
    },
    vulnerability: async (_, args, ctx) => {
      const cluster = await vulnerabilityCluster(ctx.store, args.id, ctx.read);
      return cluster ? { id: cluster[0], cluster } : null;
    },
    document: async (_, args, ctx) => documentRef(ctx, documentId(args.id)),
    sourceRepository: async (_, args, ctx) => {
      const key = await findSourceRepository(ctx.store, args.url, ctx.read);
      return key ? { url: key } : null;
    },
    stats: async (_, __, ctx) => {
      const c = await ctx.store.counts();
      const list = (o: Record<string, number>) => Object.entries(o).map(([name, count]) => ({ name, count }));
      return { nodes: c.nodes, edges: c.edges, byLabel: list(c.byLabel), byEdgeType: list(c.byEdgeType) };
    },
  },
  Sbom: {
    licenses: async (s, _, ctx) => licenseSummary(ctx.store, s.id, ctx.read),
    vulnerabilities: async (s, args, ctx) => findings(ctx, await vulnerabilitiesOf(ctx.store, [{ label: 'Document', key: s.id }], ctx.read), args),
    subject: async (s, _, ctx) => (await documentSubjects(ctx.store, [s.id], ctx.read)).map(component),
    components: async (s, args, ctx) => {
      const page = await documentComponents(ctx.store, s.id, pageSize(args.first, ctx, 100), decodeCursor(args.after), ctx.read,
        { type: args.type ?? null, ecosystem: args.ecosystem ?? null, license: args.license ?? null });
      return connection(page, (c) => c.key, (c) => ({ component: component(c), ref: c.ref, type: c.componentType, scope: c.scope }));
    },
  },
  SourceRepository: {
    scorecards: async (r, _, ctx) => (await scorecardsOf(ctx.store, r.url, ctx.read)).map(scorecardView),
  },
  Scorecard: {
    assertedBy: (s, _, ctx) => documentRef(ctx, s.document),
  },
  PackageVersion: {
    scorecard: async (v, _, ctx) => {
      const s = await scorecardOfPackageVersion(ctx.store, v.key, ctx.read);
      return s ? scorecardView(s) : null;
    },
    vulnerabilities: async (v, args, ctx) => findings(ctx, await vulnerabilitiesOf(ctx.store, [{ label: 'PackageVersion', key: v.key }], ctx.read), args),
    sboms: async (v, _, ctx) => {
      const docs = await documentsListing(ctx.store, [{ label: 'PackageVersion', key: v.key }], ctx.read);
      const full = await Promise.all(docs.map((d) => ctx.documents.load(d.key)));
      return full.filter((d): d is DocumentRecord => d !== null).map(sbom);
    },
  },
  VexStatement: {
    // Impact rows resolve their statement's document eagerly; findings pass the key and resolve it here.
    assertedBy: (s, _, ctx) => (s.assertedBy !== undefined ? s.assertedBy : s.documentKey ? documentRef(ctx, s.documentKey) : null),
  },
  Vulnerability: {
    aliases: (v) => [...v.cluster].sort(),
    statements: async (v, _, ctx) => {
      const facts = (await vexStatements(ctx.store, v.cluster, ctx.read))
        .sort((a, b) => ((a.statement.timestamp ?? '') < (b.statement.timestamp ?? '') ? 1 : (a.statement.timestamp ?? '') > (b.statement.timestamp ?? '') ? -1 : a.targetKey < b.targetKey ? -1 : 1));
      return facts.map((f) => ({
        product: { id: f.targetKey, kind: f.targetLabel, name: null, purl: f.targetKey.startsWith('pkg:') ? f.targetKey : null },
        vulnerability: f.vulnerability,
        statement: { ...f.statement, id: f.statement.key, status: VEX_STATUS[f.statement.status], documentKey: f.document },
      }));
    },
    advisories: async (v, _, ctx) => {
      const facts = [...(await severitiesOf(ctx.store, v.cluster, ctx.read)).values()].flat();
      return Promise.all((await advisoriesOf(ctx.store, v.cluster, ctx.read)).map(async (a) => {
        const own = facts.filter((f) => f.advisory === a.advisory.key);
        return { ...a.advisory, id: a.advisory.key, assertedBy: await documentRef(ctx, a.document), severities: own.map(severityView), ...summaryView(summarize(own)) };
      }));
    },
    severities: async (v, _, ctx) => (await clusterSeverities(ctx, v)).map(severityView),
    maxSeverity: async (v, _, ctx) => summarize(await clusterSeverities(ctx, v)).maxSeverity,
    score: async (v, _, ctx) => summarize(await clusterSeverities(ctx, v)).score,
    affected: async (v, args, ctx) => {
      const wanted = Array.isArray(args.status) ? new Set(args.status.map((x) => x.toLowerCase())) : null;
      const filter = severityFilter(args);
      const bySeverity = args.orderBy === 'SEVERITY';
      const facts = await severitiesOf(ctx.store, v.cluster, ctx.read);
      let impact = (await vulnerabilityImpact(ctx.store, v.cluster, ctx.read)).filter((r) => !wanted || wanted.has(r.status));
      const labels = documentLabelsArg(args.documentLabels);
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
      const page = paginate(rows, pageSize(args.first, ctx, 100), decodeCursor(args.after), keyOf);
      // Documents are loaded for the rows of this page only.
      const nodes = await Promise.all(page.items.map(async (r) => {
        const doc = r.sbom ? await ctx.documents.load(r.sbom) : null;
        return {
          packageVersion: component(r.packageVersion),
          advisory: r.advisory,
          matchReason: r.reason,
          sbom: doc ? sbom(doc) : null,
          subject: r.subject ? component(r.subject) : null,
          status: VEX_STATUS[r.status],
          statement: r.statement ? { ...r.statement.statement, id: r.statement.statement.key, status: VEX_STATUS[r.statement.statement.status], assertedBy: await documentRef(ctx, r.statement.document) } : null,
          ...summaryView(r.severity),
        };
      }));
      return connection({ ...page, items: page.items.map((r, i) => ({ row: r, node: nodes[i] })) }, (x) => keyOf(x.row), (x) => x.node);
    },
  },
  Severity: {
    // Stored as the parsers rated it (schema/severity/rating.ts); anything else fails the field, as GraphQL's enum check did before this resolver.
    baseSeverity: (s) => severityLevel(s.baseSeverity),
    assertedBy: (s, _, ctx) => documentRef(ctx, s.documentKey),
  },
  Artifact: {
    provenance: async (a, _, ctx) => provenanceView(ctx, await provenanceOf(ctx.store, { label: 'Artifact', key: a.id }, ctx.read)),
    vulnerabilities: async (a, args, ctx) => findings(ctx, await vulnerabilitiesOf(ctx.store, [{ label: 'Artifact', key: a.id }], ctx.read), args),
  },
  Dataset: {
    id: (d) => d.key,
    documents: async (d, _, ctx) => {
      const docs = await documentsListing(ctx.store, [{ label: 'Dataset', key: d.key }], ctx.read, null);
      return (await Promise.all(docs.map((x) => documentRef(ctx, x.key)))).filter((x) => x !== null);
    },
  },
  Model: {
    id: (m) => m.key,
    provenance: async (m, _, ctx) => provenanceView(ctx, await provenanceOf(ctx.store, { label: 'Model', key: m.key }, ctx.read)),
    vulnerabilities: async (m, args, ctx) => findings(ctx, await vulnerabilitiesOf(ctx.store, [{ label: 'Model', key: m.key }], ctx.read), args),
    files: async (m, _, ctx) =>
      Promise.all((await modelFiles(ctx.store, m.key, ctx.read)).map(async (f) => ({ path: f.path, digest: f.digest, assertedBy: await documentRef(ctx, f.document) }))),
    signatures: async (m, _, ctx) => signaturesOf(ctx, m.key),
    signed: async (m, _, ctx) => (await modelSignatures(ctx.store, m.key, ctx.read)).some((s) => s.signature.trust === 'TRUSTED'),
    datasets: async (m, _, ctx) =>
      Promise.all((await modelDatasets(ctx.store, m.key, ctx.read)).map(async (r) => ({ id: r.key, name: r.name, relation: r.relation, assertedBy: await documentRef(ctx, r.document) }))),
    baseModels: async (m, _, ctx) =>
      Promise.all((await modelAncestors(ctx.store, m.key, ctx.read)).map(async (r) => ({ id: r.key, name: r.name, relation: r.relation, assertedBy: await documentRef(ctx, r.document) }))),
    documents: async (m, _, ctx) => {
      const docs = await documentsListing(ctx.store, [{ label: 'Model', key: m.key }], ctx.read, null);
      return (await Promise.all(docs.map((d) => documentRef(ctx, d.key)))).filter((d) => d !== null);
    },
  },
  Dependents: {
    packages: (d) => reachedOfKind(d, 'PackageVersion'),
    models: (d) => reachedOfKind(d, 'Model'),
    datasets: (d) => reachedOfKind(d, 'Dataset'),
    artifacts: (d) => reachedOfKind(d, 'Artifact'),
    components: (d) => {
      const page = paginate(d.components, d.first, d.after, (c) => c.key);
      return connection(page, (c) => c.key, (c) => reachedView(d, c));
    },
    targets: (d) => d.targets.map(component),
    sboms: async (d, args, ctx) => {
      const docs = await sbomsOf(d);
      const page = paginate(docs, pageSize(args.first, ctx, 100), decodeCursor(args.after), (x) => x);
      const full = await Promise.all(page.items.map((x) => ctx.documents.load(x)));
      return connection({ ...page, items: full.filter((x): x is DocumentRecord => x !== null) }, (x) => x.key, sbom);
    },
    subjects: async (d, _, ctx) => {
      const docs = await sbomsOf(d);
      const subjects = await documentSubjects(ctx.store, docs, ctx.read);
      const full = new Map<string, DocumentRecord>();
      for (const x of await Promise.all(docs.map((doc) => ctx.documents.load(doc)))) if (x) full.set(x.key, x);
      return subjects.filter((s) => full.has(s.document)).map((s) => ({ sbom: sbom(full.get(s.document)!), subject: component(s) }));
    },
  },
  ReachedComponent: {
    // Paths are computed only for the components whose path or via is asked for, in one batch.
    path: (r) => r.path ?? r.explanation?.().then((e) => e?.path ?? []) ?? [],
    via: (r) => r.via ?? r.explanation?.().then((e) => e?.via ?? []) ?? [],
  },
};

function graphNode(n: FoundNode): GraphNode {
  return { id: n.key, kind: n.label, name: n.name, purl: n.purl };
}

interface SeverityArgs {
  minSeverity?: SeverityLevel | null;
  minScore?: number | null;
  orderBy?: 'ID' | 'SEVERITY' | null;
}

/** `minSeverity` / `minScore` as given; a score outside CVSS's 0–10 is a mistake, not an empty answer. */
function severityFilter(args: SeverityArgs): SeverityFilter {
  const minSeverity = typeof args.minSeverity === 'string' && isSeverityLevel(args.minSeverity) ? args.minSeverity : null;
  const minScore = args.minScore ?? null;
  if (minScore !== null && !(minScore >= 0 && minScore <= 10)) throw apiError('BAD_USER_INPUT', `\`minScore\` must be a CVSS score from 0 to 10, got ${minScore}`);
  return { minSeverity, minScore };
}

type FindingView = ResolversParentTypes['VulnerabilityFinding'];

/** Findings rated, filtered by severity and ordered as asked. */
async function findings(ctx: GraphQLContext, list: VulnerabilityFinding[], args: SeverityArgs): Promise<FindingView[]> {
  const filter = severityFilter(args);
  const rated = (await rateFindings(ctx.store, list, ctx.read)).filter((f) => passesFilter(f.severity, filter));
  if (args.orderBy === 'SEVERITY') {
    // Stable sort: equally severe findings keep the id order vulnerabilitiesOf gave them.
    const key = new Map(rated.map((f) => [f, severitySortPrefix(f.severity)]));
    rated.sort((a, b) => (key.get(a)! < key.get(b)! ? -1 : key.get(a)! > key.get(b)! ? 1 : 0));
  }
  return rated.map((f) => ({ ...finding(f), ...summaryView(f.severity) }));
}

/** Severities of a vulnerability's whole alias cluster, highest first; read once per Vulnerability object. */
function clusterSeverities(ctx: GraphQLContext, v: VulnerabilityParent): Promise<SeverityFact[]> {
  v.severities ??= severitiesOf(ctx.store, v.cluster, ctx.read).then((byKey) => [...byKey.values()].flat()
    .sort((a, b) => (b.severity.baseScore ?? -1) - (a.severity.baseScore ?? -1) || (a.severity.key < b.severity.key ? -1 : 1)));
  return v.severities;
}

function summaryView(s: SeveritySummary): { maxSeverity: SeverityLevel | null; score: number | null } {
  return { maxSeverity: s.maxSeverity, score: s.score };
}

function severityLevel(stored: string | null): SeverityLevel | null {
  if (stored === null || isSeverityLevel(stored)) return stored;
  throw new Error(`stored severity "${stored}" is not a SeverityLevel`);
}

function severityView(f: SeverityFact): SeverityParent {
  return { ...f.severity, advisory: f.advisory, documentKey: f.document };
}

function finding(f: VulnerabilityFinding): Omit<FindingView, 'maxSeverity' | 'score'> {
  return {
    vulnerability: f.vulnerability, packageVersion: component(f.packageVersion), advisory: f.advisory, matchReason: f.reason,
    status: VEX_STATUS[f.status],
    statement: f.statement ? { ...f.statement.statement, id: f.statement.statement.key, status: VEX_STATUS[f.statement.statement.status], documentKey: f.statement.document } : null,
  };
}

function reachedOfKind(d: DependentsParent, label: ComponentLabel): ReachedComponentParent[] {
  return d.components.filter((c) => c.label === label).map((c) => reachedView(d, c));
}

function reachedView(d: DependentsParent, c: ComponentRow & { depth: number }): ReachedComponentParent {
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

async function provenanceView(ctx: GraphQLContext, p: ProvenanceFacts): Promise<Provenance> {
  const ref = (key: string) => documentRef(ctx, key);
  return {
    target: { id: p.target.key, kind: p.target.label, name: null, purl: p.target.key.startsWith('pkg:') ? p.target.key : null },
    digests: p.digests,
    signatures: await Promise.all(p.signatures.map(async (x) => ({ ...x.signature, id: x.signature.key, signer: x.signer ? { ...x.signer, id: x.signer.key } : null, assertedBy: await ref(x.document) }))),
    builds: await Promise.all(p.builds.map(async (b) => ({ ...b, assertedBy: await ref(b.document) }))),
    materials: await Promise.all(p.materials.map(async (m) => ({ kind: m.kind, id: m.key, uri: m.uri, revision: m.revision, assertedBy: await ref(m.document) }))),
    sources: await Promise.all(p.sources.map(async (x) => ({ ...x, assertedBy: await ref(x.document) }))),
    documents: (await Promise.all(p.documents.map(async (d) => ({ relation: d.relation, document: await ref(d.document) }))))
      .filter((d): d is { relation: DocumentMention['relation']; document: DocumentRef } => d.document !== null),
  };
}

async function signaturesOf(ctx: GraphQLContext, modelKeyValue: string): Promise<ModelSignature[]> {
  return Promise.all((await modelSignatures(ctx.store, modelKeyValue, ctx.read)).map(async (f) => ({
    ...f.signature,
    id: f.signature.key,
    signer: f.signer ? { ...f.signer, id: f.signer.key } : null,
    assertedBy: await documentRef(ctx, f.document),
  })));
}

async function documentRef(ctx: GraphQLContext, key: string): Promise<DocumentRef | null> {
  const d = await ctx.documents.load(key);
  return d ? documentView(d) : null;
}

/** SBOMs listing a target or any dependent; computed once per Dependents object. */
function sbomsOf(d: DependentsParent): Promise<string[]> {
  d.docs ??= d.reach.listingDocuments('sbom');
  return d.docs;
}

function scorecardView(s: ScorecardRow): ScorecardParent {
  return { ...s, id: s.key };
}
