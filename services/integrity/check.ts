/**
 * `supplygraph check`: is the graph exactly what its stored documents say?
 *
 * For every Document in the graph, its blob is read again and re-derived with
 * the same parsers and options it was ingested with; the union of those batches
 * (plus the facts that follow from them: HAS_VERSION by identity, AFFECTS by
 * matching, trust verdicts under the trust policy in force) is what the graph
 * must hold. Every difference is reported: nodes no document asserts or that
 * are missing, properties no asserting document gave, edges whose document does
 * not assert them (or asserted edges that are gone), derived facts a fresh
 * derivation would not produce, and documents whose processing never finished.
 *
 * Node properties follow the write rules: the first document to assert a node
 * sets its properties (so the stored values must equal one asserting document's),
 * except Advisory (the advisory's current version speaks for it), Document (its
 * own record) and Signature (the verdict under the current trust policy).
 */
import { createHash } from 'node:crypto';
import type { BlobStore } from '../blobstore/blob-store.js';
import type { GraphStore } from '../graph/store.js';
import type { OntologyBatch, PropertyValue } from '../../schema/ontology/batch.js';
import { EDGE_SPECS, EDGE_TYPES, type EdgeType } from '../../schema/ontology/edges.js';
import { NODE_LABELS, NODE_PROPERTIES, type DocumentNode, type NodeLabel } from '../../schema/ontology/nodes.js';
import { allEdges, allNodes, edgeColumns, modelsListedBy, normalise } from '../graph/queries/integrity.js';
import { decompressDocument } from '../../ingestors/common/decompress.js';
import { decodeDocument } from '../../ingestors/common/decode.js';
import { parserFor } from '../../ingestors/registry.js';
import type { IngestOptions } from '../../ingestors/parser.js';
import { emptyTrustPolicy, type TrustPolicy } from '../../verify/index.js';
import { resolveContentIdentifiedModels } from '../worker/resolve-models.js';
import { deriveAllAffects } from '../worker/match-vulnerabilities.js';
import type { Logger } from '../log/logger.js';

export type MismatchKind =
  | 'DOCUMENT_INCOMPLETE'
  | 'DOCUMENT_UNREADABLE'
  | 'MISSING_NODE'
  | 'EXTRA_NODE'
  | 'PROPERTY_MISMATCH'
  | 'MISSING_EDGE'
  | 'EXTRA_EDGE'
  | 'DERIVED_MISSING'
  | 'DERIVED_EXTRA';

export interface CheckMismatch {
  kind: MismatchKind;
  message: string;
  label?: string;
  key?: string;
  edge?: string;
  property?: string;
  expected?: PropertyValue;
  actual?: PropertyValue;
  document?: string;
}

export interface CheckReport {
  ok: boolean;
  engine: string;
  documents: number;
  nodes: number;
  edges: number;
  /** Mismatches by kind (all of them, also beyond the listed ones). */
  counts: Partial<Record<MismatchKind, number>>;
  mismatchCount: number;
  /** The first `maxMismatches` mismatches. */
  mismatches: CheckMismatch[];
  durationMs: number;
}

export interface CheckDependencies {
  store: GraphStore;
  blobs: BlobStore;
  trustPolicy?: TrustPolicy;
  limits: { maxDecompressedBytes: number };
  log?: Logger;
}

/** Properties that record when something happened to this copy, not what a document says. */
const VOLATILE: Partial<Record<NodeLabel, ReadonlySet<string>>> = {
  Document: new Set(['state', 'ingestedAt', 'blobDigest', 'ingestOptions', 'labels', 'supersededBy']),
  Signature: new Set(['verifiedAt']),
};

interface Assertion {
  document: DocumentNode;
  props: Record<string, PropertyValue>;
}

export async function checkGraph(deps: CheckDependencies, options: { maxMismatches?: number } = {}): Promise<CheckReport> {
  const started = performance.now();
  const { store } = deps;
  const max = options.maxMismatches ?? 1000;
  const mismatches: CheckMismatch[] = [];
  const counts: Partial<Record<MismatchKind, number>> = {};
  const report = (m: CheckMismatch): void => {
    counts[m.kind] = (counts[m.kind] ?? 0) + 1;
    if (mismatches.length < max) mismatches.push(m);
  };

  const documents = (await allNodes(store, 'Document')).map((n) => n.props as unknown as DocumentNode);
  // Ingest order decides which document's properties a shared node carries (first writer wins).
  documents.sort((a, b) => cmp(a.ingestedAt ?? '', b.ingestedAt ?? '') || cmp(a.key, b.key));
  const assertions = new Map<string, Assertion[]>();
  const expectedEdges = new Map<string, number>();
  const edgeDocs = new Map<string, string>();
  for (const doc of documents) {
    if (doc.state !== 'complete') {
      report({ kind: 'DOCUMENT_INCOMPLETE', document: doc.key, message: `document ${doc.key} is ${doc.state ?? 'in no state'}, not complete: its processing never finished (re-ingest it, or let the queue retry its job)` });
    }
    let batch: OntologyBatch;
    try {
      batch = await rederive(deps, doc);
    } catch (err) {
      report({ kind: 'DOCUMENT_UNREADABLE', document: doc.key, message: `cannot re-derive document ${doc.key}: ${(err as Error).message}` });
      continue;
    }
    const own = normalise({ ...batch.document } as unknown as Record<string, unknown>);
    compareProps('Document', doc.key, own, normalise(doc as unknown as Record<string, unknown>), doc.key, report);
    for (const n of batch.nodes) {
      const id = nodeId(n.label, n.props.key);
      const list = assertions.get(id) ?? [];
      list.push({ document: doc, props: normalise(n.props as unknown as Record<string, unknown>) });
      assertions.set(id, list);
    }
    for (const e of batch.edges) {
      if (e.type === 'HAS_VERSION') continue;
      const id = edgeId(e.type, e.from.label, e.from.key, e.to.label, e.to.key, { ...e.props, doc: doc.key });
      expectedEdges.set(id, (expectedEdges.get(id) ?? 0) + 1);
      edgeDocs.set(id, doc.key);
    }
  }

  let nodeCount = 0;
  for (const label of NODE_LABELS) {
    if (label === 'Document') {
      nodeCount += documents.length;
      continue;
    }
    const stored = await allNodes(store, label);
    nodeCount += stored.length;
    const seen = new Set<string>();
    for (const n of stored) {
      const key = String(n.props.key);
      const id = nodeId(label, key);
      seen.add(id);
      const asserted = assertions.get(id);
      if (!asserted) {
        report({ kind: 'EXTRA_NODE', label, key, message: `${label} ${key} is in the graph but no stored document asserts it` });
        continue;
      }
      const candidates = expectedPropsOf(label, asserted);
      if (!candidates.some((c) => sameProps(label, c.props, n.props))) {
        const c = candidates[0]!;
        compareProps(label, key, c.props, n.props, c.document.key, report);
      }
    }
    for (const [id, asserted] of assertions) {
      if (!id.startsWith(`${label}\u0000`) || seen.has(id)) continue;
      report({ kind: 'MISSING_NODE', label, key: id.slice(label.length + 1), document: asserted[0]!.document.key, message: `${label} ${id.slice(label.length + 1)} is asserted by document ${asserted[0]!.document.key} but missing from the graph` });
    }
  }

  // HAS_VERSION follows from identity: exactly one per package version, from its package.
  const expectedVersionEdges = new Map<string, number>();
  for (const [id, asserted] of assertions) {
    if (!id.startsWith('PackageVersion\u0000')) continue;
    const props = asserted[0]!.props;
    expectedVersionEdges.set(edgeId('HAS_VERSION', 'Package', String(props.packageKey), 'PackageVersion', String(props.key), {}), 1);
  }
  const affects = new Map<string, number>();
  for (const a of await deriveAllAffects(store, deps.log)) {
    const id = edgeId('AFFECTS', 'Vulnerability', a.from, 'PackageVersion', a.to, { advisory: a.advisory, reason: a.reason, doc: a.doc });
    affects.set(id, 1);
  }

  let edgeCount = 0;
  for (const type of EDGE_TYPES) {
    const stored = await allEdges(store, type);
    edgeCount += stored.length;
    const derived = type === 'AFFECTS' || type === 'HAS_VERSION';
    const expected = type === 'AFFECTS' ? affects : type === 'HAS_VERSION' ? expectedVersionEdges : expectedEdges;
    const remaining = new Map<string, number>();
    for (const e of stored) {
      const props = type === 'HAS_VERSION' ? {} : e.props;
      const id = edgeId(type, e.fromLabel, e.fromKey, e.toLabel, e.toKey, props);
      remaining.set(id, (remaining.get(id) ?? 0) + 1);
    }
    for (const [id, n] of remaining) {
      const want = expected.get(id) ?? 0;
      if (n > want) {
        report({
          kind: derived ? 'DERIVED_EXTRA' : 'EXTRA_EDGE', edge: describeEdge(id), document: docOf(id, type),
          message: `${describeEdge(id)} is stored ${n} time(s) but ${derived ? 'a fresh derivation gives' : 'its document asserts it'} ${want} time(s)`,
        });
      }
    }
    for (const [id, want] of expected) {
      if (!id.startsWith(`${type}\u0000`)) continue;
      const n = remaining.get(id) ?? 0;
      if (n < want) {
        report({
          kind: derived ? 'DERIVED_MISSING' : 'MISSING_EDGE', edge: describeEdge(id), document: edgeDocs.get(id) ?? docOf(id, type),
          message: `${describeEdge(id)} is ${derived ? 'derived from the stored documents' : 'asserted by its document'} but ${n === 0 ? 'missing from the graph' : `stored only ${n} time(s) of ${want}`}`,
        });
      }
    }
  }

  const mismatchCount = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  return { ok: mismatchCount === 0, engine: store.engine, documents: documents.length, nodes: nodeCount, edges: edgeCount, counts, mismatchCount, mismatches, durationMs: Math.round(performance.now() - started) };

  function compareProps(label: NodeLabel, key: string, expected: Record<string, PropertyValue>, actual: Record<string, PropertyValue>, document: string, out: (m: CheckMismatch) => void): void {
    for (const p of NODE_PROPERTIES[label]) {
      if (VOLATILE[label]?.has(p.name)) continue;
      const e = expected[p.name] ?? null;
      const a = actual[p.name] ?? null;
      if (e === a) continue;
      out({ kind: 'PROPERTY_MISMATCH', label, key, property: p.name, expected: e, actual: a, document, message: `${label} ${key}: ${p.name} is ${JSON.stringify(a)} in the graph but document ${document} says ${JSON.stringify(e)}` });
    }
  }
}

/** The property sets a node may carry given who asserted it (see the top of this file). */
function expectedPropsOf(label: NodeLabel, asserted: Assertion[]): Assertion[] {
  if (label !== 'Advisory') return asserted;
  // The advisory's current version: latest createdAt, then latest ingest, then key (as matching decides).
  const current = [...asserted].sort((a, b) => cmp(b.document.createdAt ?? '', a.document.createdAt ?? '') || cmp(b.document.ingestedAt ?? '', a.document.ingestedAt ?? '') || cmp(b.document.key, a.document.key));
  return [current[0]!];
}

function sameProps(label: NodeLabel, a: Record<string, PropertyValue>, b: Record<string, PropertyValue>): boolean {
  return NODE_PROPERTIES[label].every((p) => VOLATILE[label]?.has(p.name) || (a[p.name] ?? null) === (b[p.name] ?? null));
}

/** The document's batch as the worker built it: same bytes, options, ingest time and model resolution. */
async function rederive(deps: CheckDependencies, doc: DocumentNode): Promise<OntologyBatch> {
  const raw = await deps.blobs.get(doc.blobDigest ?? `sha256:${doc.sha256}`);
  const { bytes } = await decompressDocument(raw, { maxDecompressedBytes: deps.limits.maxDecompressedBytes });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (`sha256:${sha256}` !== doc.key) throw new Error(`the stored blob now hashes to sha256:${sha256}`);
  const decoded = decodeDocument(bytes);
  const options = doc.ingestOptions ? (JSON.parse(doc.ingestOptions) as IngestOptions) : {};
  const input = { bytes, sha256, json: decoded.json, text: decoded.text, options, ingestedAt: doc.ingestedAt, context: { trustPolicy: deps.trustPolicy ?? emptyTrustPolicy() } };
  const parsed = await parserFor(input).parse(input);
  // A content-identified model was resolved against the graph as it was then; keep the
  // resolution the document got (its own model node) unless it was renamed at the time.
  const listed = new Set(await modelsListedBy(deps.store, doc.key));
  const unresolved = parsed.nodes.some((n) => n.label === 'Model' && n.props.synthetic && !listed.has(n.props.key));
  const batch = unresolved ? await resolveContentIdentifiedModels(deps.store, parsed) : parsed;
  return { ...batch, document: { ...batch.document, state: 'complete', blobDigest: doc.blobDigest ?? null, ingestOptions: doc.ingestOptions ?? null } };
}

function nodeId(label: string, key: string): string {
  return `${label}\u0000${key}`;
}

function edgeId(type: EdgeType, fromLabel: string, fromKey: string, toLabel: string, toKey: string, props: Record<string, PropertyValue>): string {
  const names = type === 'HAS_VERSION' ? [] : edgeColumns(type);
  return [type, fromLabel, fromKey, toLabel, toKey, ...names.map((n) => (props[n] === null || props[n] === undefined ? '\u0001' : String(props[n])))].join('\u0000');
}

function describeEdge(id: string): string {
  const [type, fl, fk, tl, tk, ...props] = id.split('\u0000');
  const names = type === 'HAS_VERSION' ? [] : [...EDGE_SPECS[type as EdgeType].properties.map((p) => p.name), 'doc'];
  const shown = names.map((n, i) => [n, props[i]] as const).filter(([, v]) => v !== '\u0001' && v !== '').map(([n, v]) => `${n}: ${JSON.stringify(v)}`);
  return `(${fl} ${fk})-[${type}${shown.length ? ` {${shown.join(', ')}}` : ''}]->(${tl} ${tk})`;
}

function docOf(id: string, type: EdgeType): string | undefined {
  if (type === 'HAS_VERSION') return undefined;
  const v = id.split('\u0000')[5 + edgeColumns(type).indexOf('doc')];
  return v && v !== '\u0001' ? v : undefined;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
