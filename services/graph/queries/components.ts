/**
 * Composition and dependents queries, written once for both engines; the
 * differing fragments come from the store's dialect. Every query is
 * parameterised; only validated integers (depth, limits) are inlined.
 */
import type { NodeLabel } from '../../../schema/ontology/nodes.js';
import { tryParsePurl, formatPurl, plainPurl, versionlessPurl } from '../../../schema/identity/purl.js';
import { boundedDepth } from '../dialect.js';
import type { GraphStore, ReadOptions } from '../store.js';
import { reach, refId, type Reach } from './reach.js';
import { SupplygraphError } from '../../../schema/errors/supplygraph-error.js';

export const COMPONENT_LABELS = ['PackageVersion', 'Model', 'Dataset', 'Artifact'] as const;
export type ComponentLabel = (typeof COMPONENT_LABELS)[number];

export interface NodeHandle {
  label: ComponentLabel;
  key: string;
}

export interface ComponentRow {
  label: ComponentLabel;
  key: string;
  name: string | null;
  version: string | null;
  purl: string | null;
}

export interface ReachedComponent extends ComponentRow {
  depth: number;
  /** Keys from the start node to this one along one shortest path. */
  path: string[];
  /** Edge types along that path. */
  via: string[];
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  totalCount: number;
}

export type QueryInputErrorCode = 'BAD_PURL' | 'BAD_ARGUMENT';

/** A query argument the graph cannot answer for (a malformed purl, an out-of-range page). */
export class QueryInputError extends SupplygraphError<QueryInputErrorCode> {}

export const MAX_TRAVERSAL_DEPTH = 30;
export const COMPOSITION_RELS = 'DEPENDS_ON|CONTAINS';
/** Artifacts have none of these; both engines return null for them. */
const COMPONENT_PROPERTIES = ['name', 'version', 'purl'] as const;

/** Version-aware purl resolution: versionless → all versions; no qualifiers → every qualifier variant. */
export async function resolvePurl(store: GraphStore, purl: string, options?: ReadOptions): Promise<NodeHandle[]> {
  const r = tryParsePurl(purl, { lenient: true });
  if (!r.ok) throw new QueryInputError('BAD_PURL', `"${purl}" is not a valid purl: ${r.error.message}`);
  const p = r.purl;
  const pkgKey = versionlessPurl(p);
  let rows: Array<{ key: string }>;
  if (p.version === null) {
    rows = await store.read('MATCH (p:Package {key: $pk})-[:HAS_VERSION]->(v:PackageVersion) RETURN v.key AS key ORDER BY key', { pk: pkgKey }, options);
  } else if (Object.keys(p.qualifiers).length === 0) {
    rows = await store.read('MATCH (p:Package {key: $pk})-[:HAS_VERSION]->(v:PackageVersion) WHERE v.plainPurl = $plain RETURN v.key AS key ORDER BY key', { pk: pkgKey, plain: plainPurl(p) }, options);
  } else {
    rows = await store.read('MATCH (v:PackageVersion {key: $k}) RETURN v.key AS key', { k: formatPurl({ ...p, subpath: null }) }, options);
  }
  const handles: NodeHandle[] = rows.map((x) => ({ label: 'PackageVersion', key: x.key }));
  handles.push(...(await sameAs(store, rows.map((x) => x.key), options)));
  const canonical = formatPurl({ ...p, subpath: null });
  for (const label of ['Model', 'Dataset'] as const) {
    const found = await store.read<{ key: string }>(`MATCH (m:${label} {key: $k}) RETURN m.key AS key`, { k: canonical }, options);
    handles.push(...found.map((x) => ({ label, key: x.key })));
  }
  return handles;
}

/**
 * The other purls of the same components (SAME_AS, either direction, one hop: an
 * alias is always linked to the identity node of the document that gave it).
 */
async function sameAs(store: GraphStore, keys: string[], options?: ReadOptions): Promise<NodeHandle[]> {
  if (keys.length === 0) return [];
  const [bind, params] = bindKeys('v', 'PackageVersion', keys);
  const rows = await store.read<{ key: string }>(`${bind} MATCH (v)-[:SAME_AS]-(w:PackageVersion) RETURN DISTINCT w.key AS key`, params, options);
  const known = new Set(keys);
  return rows.filter((r) => !known.has(r.key)).map((r) => ({ label: 'PackageVersion', key: r.key }));
}

export async function getComponents(store: GraphStore, handles: NodeHandle[], options?: ReadOptions): Promise<ComponentRow[]> {
  const out: ComponentRow[] = [];
  for (const [label, keys] of groupByLabel(handles)) {
    const [bind, params] = bindKeys('n', label, keys);
    const rows = await store.read<Record<string, unknown>>(`${bind} RETURN ${componentFields('n', label)}`, params, options);
    out.push(...rows.map((r) => toComponent(label, r)));
  }
  return out;
}

/**
 * Components reachable from `start` over DEPENDS_ON|CONTAINS (`out`: what it is
 * made of; `in`: what includes it), each with its minimum depth, ordered by key.
 * Paths are not computed here: `explainComponents` adds them for the nodes shown.
 */
export async function componentReach(
  store: GraphStore,
  start: NodeHandle[],
  direction: 'out' | 'in',
  args: { transitive: boolean; maxDepth: number },
  options?: ReadOptions,
): Promise<{ reach: Reach; components: Array<ComponentRow & { depth: number }> }> {
  const maxDepth = args.transitive ? boundedDepth(args.maxDepth, MAX_TRAVERSAL_DEPTH) : 1;
  const r = await reach(store, start, { rels: COMPOSITION_RELS, direction, maxDepth, targetLabels: COMPONENT_LABELS, properties: COMPONENT_PROPERTIES }, options);
  const components = r.nodes.map((n) => ({ ...toComponent(n.label as ComponentLabel, { key: n.key, ...n.properties }), depth: n.depth }));
  return { reach: r, components };
}

/** One shortest path from the start to each of `items`. */
export async function explainComponents<T extends ComponentRow & { depth: number }>(r: Reach, items: T[]): Promise<Array<T & { path: string[]; via: string[] }>> {
  const paths = await r.explain(items);
  return items.map((c) => ({ ...c, path: paths.get(refId(c))?.path ?? [], via: paths.get(refId(c))?.via ?? [] }));
}

/** A page of reachable components with their shortest paths; `after` is the last key of the previous page. */
export async function reachableComponents(
  store: GraphStore,
  start: NodeHandle[],
  direction: 'out' | 'in',
  args: { transitive: boolean; maxDepth: number; first: number; after: string | null },
  options?: ReadOptions,
): Promise<Page<ReachedComponent>> {
  const { reach: r, components } = await componentReach(store, start, direction, args, options);
  const page = paginate(components, args.first, args.after, (c) => c.key);
  return { ...page, items: await explainComponents(r, page.items) };
}

export interface DocumentRow {
  key: string;
  name: string | null;
  format: string;
  kind: string;
}

/** Documents (SBOMs by default; `kind: null` for any) that list any of `nodes`. */
export async function documentsListing(store: GraphStore, nodes: NodeHandle[], options?: ReadOptions, kind: string | null = 'sbom'): Promise<DocumentRow[]> {
  const docs = new Map<string, DocumentRow>();
  for (const [label, keys] of groupByLabel(nodes)) {
    const [bind, params] = bindKeys('n', label, keys);
    const rows = await store.read<DocumentRow>(
      `${bind} MATCH (d:Document)-[:LISTS]->(n) WHERE $kind IS NULL OR d.kind = $kind RETURN DISTINCT d.key AS key, d.name AS name, d.format AS format, d.kind AS kind`,
      { ...params, kind }, options);
    for (const r of rows) docs.set(r.key, { ...r, name: r.name ?? null });
  }
  return [...docs.values()].sort((a, b) => compare(a.key, b.key));
}

/** The subjects (DESCRIBES targets) of documents. */
export async function documentSubjects(store: GraphStore, documentKeys: string[], options?: ReadOptions): Promise<Array<ComponentRow & { document: string }>> {
  const out: Array<ComponentRow & { document: string }> = [];
  if (documentKeys.length === 0) return out;
  for (const label of COMPONENT_LABELS) {
    const [bind, params] = bindKeys('d', 'Document', documentKeys);
    const rows = await store.read<Record<string, unknown>>(
      `${bind} MATCH (d)-[:DESCRIBES]->(n:${label}) RETURN d.key AS document, ${componentFields('n', label)}`, params, options);
    out.push(...rows.map((r) => ({ ...toComponent(label, r), document: String(r.document) })));
  }
  return out;
}

/**
 * A MATCH binding `v` to the nodes of `label` with these keys. One key binds by equality, which
 * both engines answer from the key index; Kuzu plans an UNWIND-fed lookup as a join that reads
 * the label (60–90 ms even for one key on the benchmark graph against 3 ms), so several keys
 * are the only case that pays for UNWIND.
 */
export function bindKeys(v: string, label: string, keys: readonly string[]): [string, Record<string, unknown>] {
  return keys.length === 1
    ? [`MATCH (${v}:${label} {key: $k})`, { k: keys[0] }]
    : [`UNWIND $keys AS k MATCH (${v}:${label} {key: k})`, { keys }];
}

export function paginate<T>(all: T[], first: number, after: string | null, keyOf: (t: T) => string): Page<T> {
  const startIdx = after === null ? 0 : all.findIndex((x) => keyOf(x) > after);
  const from = startIdx < 0 ? all.length : startIdx;
  const items = all.slice(from, from + first);
  return { items, hasNextPage: from + first < all.length, totalCount: all.length };
}

export function componentFields(v: string, label: ComponentLabel): string {
  switch (label) {
    case 'PackageVersion':
      return `${v}.key AS key, ${v}.name AS name, ${v}.version AS version, ${v}.purl AS purl`;
    case 'Model':
    case 'Dataset':
      return `${v}.key AS key, ${v}.name AS name, ${v}.version AS version, ${v}.purl AS purl`;
    case 'Artifact':
      return `${v}.key AS key, ${v}.algorithm AS name, ${v}.digest AS version, NULL AS purl`;
  }
}

export function toComponent(label: ComponentLabel, r: Record<string, unknown>): ComponentRow {
  if (label === 'Artifact') return { label, key: String(r.key), name: null, version: null, purl: null };
  return { label, key: String(r.key), name: (r.name as string | null) ?? null, version: (r.version as string | null) || null, purl: (r.purl as string | null) ?? null };
}

function groupByLabel(handles: NodeHandle[]): Map<NodeLabel & ComponentLabel, string[]> {
  const m = new Map<ComponentLabel, string[]>();
  for (const h of handles) {
    let keys = m.get(h.label);
    if (!keys) m.set(h.label, (keys = []));
    if (!keys.includes(h.key)) keys.push(h.key);
  }
  return m;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
