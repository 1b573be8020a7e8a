import type { DocumentNode } from '../../../schema/ontology/nodes.js';
import type { GraphStore, ReadOptions } from '../store.js';
import { componentFields, COMPONENT_LABELS, toComponent, type ComponentRow, type Page } from './components.js';
import { project, withNulls } from './projection.js';

export async function getDocument(store: GraphStore, key: string, options?: ReadOptions): Promise<DocumentNode | null> {
  const rows = await store.read<Record<string, unknown>>(`MATCH (d:Document {key: $k}) RETURN ${project('d', 'Document')}`, { k: key }, options);
  return rows[0] ? withNulls<DocumentNode>('Document', rows[0]) : null;
}

/** Documents by key, one read for all of them (unknown keys are absent from the map). */
export async function getDocuments(store: GraphStore, keys: string[], options?: ReadOptions): Promise<Map<string, DocumentNode>> {
  const out = new Map<string, DocumentNode>();
  const unique = [...new Set(keys)];
  if (unique.length === 1) {
    const d = await getDocument(store, unique[0]!, options);
    if (d) out.set(d.key, d);
    return out;
  }
  for (let i = 0; i < unique.length; i += 20_000) {
    const rows = await store.read<Record<string, unknown>>(`UNWIND $keys AS k MATCH (d:Document {key: k}) RETURN ${project('d', 'Document')}`, { keys: unique.slice(i, i + 20_000) }, options);
    for (const r of rows) {
      const d = withNulls<DocumentNode>('Document', r);
      out.set(d.key, d);
    }
  }
  return out;
}

/** Documents of one kind, by key; `after` is the last key of the previous page. */
export async function listDocuments(store: GraphStore, kind: string, first: number, after: string | null, options?: ReadOptions): Promise<Page<DocumentNode>> {
  const rows = await store.read<Record<string, unknown>>(
    `MATCH (d:Document) WHERE d.kind = $kind AND d.key > $after RETURN ${project('d', 'Document')} ORDER BY key LIMIT ${first + 1}`,
    { kind, after: after ?? '' }, options);
  const total = await store.read<{ c: number }>('MATCH (d:Document) WHERE d.kind = $kind RETURN count(d) AS c', { kind }, options);
  return { items: rows.slice(0, first).map((r) => withNulls<DocumentNode>('Document', r)), hasNextPage: rows.length > first, totalCount: Number(total[0]?.c ?? 0) };
}

export interface ListedComponent extends ComponentRow {
  ref: string | null;
  componentType: string | null;
  scope: string | null;
}

export interface ComponentFilter {
  /** The component type the document declared (library, application, machine-learning-model, …). */
  type?: string | null;
  /** purl type of package versions (npm, pypi, maven, deb, …). */
  ecosystem?: string | null;
  /** License key declared or concluded by this document for the component. */
  license?: string | null;
}

/** What a document lists, ordered by key, optionally filtered. */
export async function documentComponents(store: GraphStore, key: string, first: number, after: string | null, options?: ReadOptions, filter: ComponentFilter = {}): Promise<Page<ListedComponent>> {
  const all: ListedComponent[] = [];
  let total = 0;
  for (const label of COMPONENT_LABELS) {
    if (filter.ecosystem && label !== 'PackageVersion') continue;
    if (filter.license && label === 'Artifact') continue;
    // Only filters that were given become predicates (all parameterised).
    const where: string[] = [];
    const params: Record<string, unknown> = { k: key };
    if (filter.type) { where.push('l.componentType = $type'); params.type = filter.type; }
    if (filter.ecosystem) { where.push('n.type = $eco'); params.eco = filter.ecosystem; }
    const licenseMatch = filter.license ? ' MATCH (n)-[lic:DECLARES_LICENSE]->(:License {key: $license}) WHERE lic.doc = $k' : '';
    if (filter.license) params.license = filter.license;
    const base = `MATCH (d:Document {key: $k})-[l:LISTS]->(n:${label})${where.length ? ` WHERE ${where.join(' AND ')}` : ''}${licenseMatch}`;
    const rows = await store.read<Record<string, unknown>>(
      `${base} WITH DISTINCT n, l WHERE n.key > $after RETURN ${componentFields('n', label)}, l.ref AS ref, l.componentType AS componentType, l.scope AS scope ORDER BY key LIMIT ${first + 1}`,
      { ...params, after: after ?? '' }, options);
    all.push(...rows.map((r) => ({ ...toComponent(label, r), ref: (r.ref as string) ?? null, componentType: (r.componentType as string) ?? null, scope: (r.scope as string) ?? null })));
    const c = await store.read<{ c: number }>(`${base} RETURN count(DISTINCT n) AS c`, params, options);
    total += Number(c[0]?.c ?? 0);
  }
  all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { items: all.slice(0, first), hasNextPage: all.length > first, totalCount: total };
}

/** What the documents connection / `GET /api/v1/documents` filter on; every given field must hold. */
export interface DocumentFilter {
  kind?: string | null;
  format?: string | null;
  /** Substring of the document's name, case-insensitive. */
  name?: string | null;
  /** Labels the document must carry, each with exactly this value. */
  labels?: Record<string, string> | null;
  /** Ingested at or after / before this ISO-8601 instant. */
  ingestedAfter?: string | null;
  ingestedBefore?: string | null;
  /** true: only documents no newer version supersedes; false: only superseded ones. */
  latest?: boolean | null;
}

/** A stored label `k=v` as it appears inside the JSON object of `Document.labels` (keys and values JSON-escaped). */
export function labelNeedle(k: string, v: string): string {
  return `${JSON.stringify(k)}:${JSON.stringify(v)}`;
}

/** The WHERE predicates and parameters of a document filter on variable `d` (parameter names prefixed `df_`). */
export function documentFilterWhere(d: string, filter: DocumentFilter): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.kind) { where.push(`${d}.kind = $df_kind`); params.df_kind = filter.kind; }
  if (filter.format) { where.push(`${d}.format = $df_format`); params.df_format = filter.format; }
  if (filter.name) { where.push(`lower(${d}.name) CONTAINS $df_name`); params.df_name = filter.name.toLowerCase(); }
  if (filter.ingestedAfter) { where.push(`${d}.ingestedAt >= $df_after`); params.df_after = filter.ingestedAfter; }
  if (filter.ingestedBefore) { where.push(`${d}.ingestedAt < $df_before`); params.df_before = filter.ingestedBefore; }
  if (filter.latest === true) where.push(`${d}.supersededBy IS NULL`);
  if (filter.latest === false) where.push(`${d}.supersededBy IS NOT NULL`);
  Object.entries(filter.labels ?? {}).forEach(([k, v], i) => {
    where.push(`${d}.labels CONTAINS $df_label${i}`);
    params[`df_label${i}`] = labelNeedle(k, v);
  });
  return { where, params };
}

/** Documents matching a filter, ordered by key; `after` is the cursor of the previous page's last item. */
export async function findDocuments(store: GraphStore, filter: DocumentFilter, first: number, after: string | null, options?: ReadOptions): Promise<Page<DocumentNode>> {
  const { where, params } = documentFilterWhere('d', filter);
  const base = `MATCH (d:Document)${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  // Ordered by key: stable under concurrent ingests, so a cursor never skips or repeats a document.
  const rows = await store.read<Record<string, unknown>>(
    `${base} WITH d WHERE d.key > $after RETURN ${project('d', 'Document')} ORDER BY key LIMIT ${first + 1}`,
    { ...params, after: after ?? '' }, options);
  const total = await store.read<{ c: number }>(`${base} RETURN count(d) AS c`, params, options);
  return { items: rows.slice(0, first).map((r) => withNulls<DocumentNode>('Document', r)), hasNextPage: rows.length > first, totalCount: Number(total[0]?.c ?? 0) };
}

/** Of `keys` (nodes of `label`), those some document matching `filter` lists: facts restricted to labelled documents. */
export async function keysListedBy(store: GraphStore, label: string, keys: string[], filter: DocumentFilter, options?: ReadOptions): Promise<Set<string>> {
  const out = new Set<string>();
  if (keys.length === 0) return out;
  const { where, params } = documentFilterWhere('d', filter);
  for (let i = 0; i < keys.length; i += 20_000) {
    const rows = await store.read<{ k: string }>(
      `UNWIND $keys AS k MATCH (d:Document)-[:LISTS]->(n:${label} {key: k})${where.length ? ` WHERE ${where.join(' AND ')}` : ''} RETURN DISTINCT n.key AS k`,
      { ...params, keys: keys.slice(i, i + 20_000) }, options);
    rows.forEach((r) => out.add(r.k));
  }
  return out;
}

/** Of the document keys given, those matching `filter`. */
export async function documentsMatching(store: GraphStore, keys: string[], filter: DocumentFilter, options?: ReadOptions): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { where, params } = documentFilterWhere('d', filter);
  const rows = await store.read<{ k: string }>(
    `UNWIND $keys AS k MATCH (d:Document {key: k})${where.length ? ` WHERE ${where.join(' AND ')}` : ''} RETURN d.key AS k`, { ...params, keys }, options);
  return new Set(rows.map((r) => r.k));
}
