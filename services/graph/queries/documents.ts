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
