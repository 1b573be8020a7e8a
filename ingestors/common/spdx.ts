/**
 * What SPDX 2 and SPDX 3 share once their syntax is read: license values,
 * file digests, purposes, and the one place that turns an SPDX relationship
 * (already resolved to graph endpoints) into ontology edges and keeps the
 * per-type accounting that the aggregated warnings and the tests read.
 *
 * Relationship mapping (both versions; direction is normalised so the edge
 * always reads the ontology's way):
 *   describes                          → Document DESCRIBES element
 *   contains                           → CONTAINS whole → part (+ HAS_FILE {path}
 *                                        when a component contains a file Artifact)
 *   depends (scope dev/build/runtime/
 *            optional/provided/test)   → DEPENDS_ON dependent → dependency {scope}
 *   derived (descendant-of/variant-of) → DERIVED_FROM descendant → ancestor {relation}
 *                                        (same label only: PV→PV, Model→Model, Dataset→Dataset)
 *   generated (X generated from Y)     → BUILT_FROM X → Y when Y is an Artifact;
 *                                        DERIVED_FROM {relation: generated-from} when X and Y are
 *                                        components of the same label; else BUILT_FROM X → Y's
 *                                        content digest (Artifact) or Y's source repository when
 *                                        the document gives one; else not representable.
 *   uses-dataset                       → USES_DATASET Model → Dataset {purpose}
 */
import { edgeEndpointsAllowed } from '../../schema/ontology/edges.js';
import type { NodeLabel } from '../../schema/ontology/nodes.js';
import type { BatchBuilder, NodeRef } from '../../schema/ontology/batch.js';
import { artifactKey } from '../../schema/identity/keys.js';

/** SPDX's "no value" markers (NONE, NOASSERTION), any case. */
export function isNoAssertion(v: string | null | undefined): boolean {
  if (v == null) return true;
  const u = v.trim().toUpperCase();
  return u === '' || u === 'NONE' || u === 'NOASSERTION';
}

const SIMPLE_LICENSE_ID = /^[A-Za-z0-9.+:-]+$/;

/** A license value as addLicense takes it: a bare id, or an expression; null for NONE/NOASSERTION. */
export function licenseFacts(value: string | null): { id: string } | { expression: string } | null {
  if (value === null || isNoAssertion(value)) return null;
  const v = value.trim();
  // "(MIT)" is still one id; anything with an operator or a space is an expression.
  const unwrapped = /^\(([^()\s]+)\)$/.exec(v)?.[1] ?? v;
  return SIMPLE_LICENSE_ID.test(unwrapped) ? { id: unwrapped } : { expression: v };
}

/** `OPERATING-SYSTEM`, `operatingSystem`, `OPERATING_SYSTEM` → `operating-system`. */
export function kebabPurpose(v: string | null): string | null {
  if (v === null) return null;
  const s = v.trim().replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase();
  return s === '' ? null : s;
}

export interface SpdxChecksum {
  algorithm: string;
  value: string;
}

export type DigestChoice =
  | { ok: true; algorithm: string; value: string }
  | { ok: false; reason: 'none' | 'placeholder' };

const DIGEST_PREFERENCE = ['sha256', 'sha1', 'sha512', 'sha384', 'sha3-256', 'sha3-512', 'sha3-384', 'blake2b-256', 'blake2b-512', 'blake2b-384', 'blake3', 'sha224', 'md5'];

/** An all-zero digest is a producer's placeholder (syft writes SHA1 0000… for files it did not read). */
export function isPlaceholderDigest(hex: string): boolean {
  return /^0+$/.test(hex.trim());
}

/**
 * The one digest that identifies a file's Artifact: sha256 when present, else
 * sha1, else the strongest other known algorithm. Placeholder (all-zero) values
 * never identify anything.
 */
export function chooseFileDigest(checksums: readonly SpdxChecksum[]): DigestChoice {
  let best: { rank: number; algorithm: string; value: string } | null = null;
  let placeholder = false;
  for (const c of checksums) {
    const key = artifactKey(c.algorithm, c.value);
    if (key === null) continue;
    if (isPlaceholderDigest(c.value)) {
      placeholder = true;
      continue;
    }
    const alg = key.slice(0, key.indexOf(':'));
    const rank = DIGEST_PREFERENCE.indexOf(alg);
    const r = rank < 0 ? DIGEST_PREFERENCE.length : rank;
    if (best === null || r < best.rank) best = { rank: r, algorithm: c.algorithm, value: c.value };
  }
  if (best) return { ok: true, algorithm: best.algorithm, value: best.value };
  return { ok: false, reason: placeholder ? 'placeholder' : 'none' };
}

export type RelationKind =
  | { kind: 'describes' }
  | { kind: 'contains' }
  | { kind: 'depends'; scope: string | null }
  | { kind: 'derived'; relation: string }
  | { kind: 'generated' }
  | { kind: 'uses-dataset'; purpose: string };

/** How an SPDX relationship type maps; `reverse` swaps from/to before the edge is drawn. */
export interface RelationMapping {
  relation: RelationKind;
  reverse: boolean;
}

/** A relationship end once the document's ids are resolved. */
export type Endpoint =
  | { kind: 'document' }
  | { kind: 'node'; node: NodeRef; path: string | null }
  /** A declared element with no graph node (file without digest, snippet, agent, …). */
  | { kind: 'no-node' };

/** Where each declared relationship went; every bucket is keyed by the SPDX relationship type. */
export interface RelationshipStats {
  declared: Record<string, number>;
  /** Drew an edge (several may collapse into one edge when ids share a node). */
  mapped: Record<string, number>;
  /** The type has no ontology counterpart. */
  ignored: Record<string, number>;
  /** An endpoint id is not declared in the document. */
  dangling: Record<string, number>;
  /** An endpoint is in another document (SPDX 2 DocumentRef-…, SPDX 3 imports). */
  external: Record<string, number>;
  /** The target is NONE / NOASSERTION (a statement of absence). */
  none: Record<string, number>;
  selfLoops: Record<string, number>;
  /** Endpoints exist but have no node, or the ontology does not allow the edge between them. */
  unmappable: Record<string, number>;
}

export type StatsBucket = Exclude<keyof RelationshipStats, 'declared'>;

export function emptyRelationshipStats(): RelationshipStats {
  return { declared: {}, mapped: {}, ignored: {}, dangling: {}, external: {}, none: {}, selfLoops: {}, unmappable: {} };
}

/** Material a generated element can be BUILT_FROM when its source is a component. */
export interface BuildMaterial {
  node: NodeRef;
  uri: string | null;
  revision: string | null;
}

const COMPONENT_LABELS: ReadonlySet<NodeLabel> = new Set<NodeLabel>(['PackageVersion', 'Model', 'Dataset']);

/**
 * Draws the edges for resolved relationships and keeps the accounting. One
 * instance per document; `finish` adds the aggregated warnings (one per kind of
 * problem, never one per relationship, so a 10k-relationship document cannot
 * flood the warning list).
 */
export class RelationshipSink {
  readonly stats: RelationshipStats = emptyRelationshipStats();
  private readonly unmappableExamples = new Map<string, string>();

  constructor(
    private readonly b: BatchBuilder,
    private readonly doc: NodeRef,
    /** Digest artifact or repository standing for a component's content (for `generated`). */
    private readonly materialOf: (node: NodeRef) => BuildMaterial | null,
  ) {}

  declare(type: string): void {
    bump(this.stats.declared, type);
  }

  count(bucket: StatsBucket, type: string): void {
    bump(this.stats[bucket], type);
  }

  emit(type: string, mapping: RelationMapping, a: Endpoint, c: Endpoint): void {
    const [from, to] = mapping.reverse ? [c, a] : [a, c];
    const r = mapping.relation;
    if (r.kind === 'describes') {
      if (from.kind === 'document' && to.kind === 'node' && edgeEndpointsAllowed('DESCRIBES', 'Document', to.node.label)) {
        this.b.edge('DESCRIBES', this.doc, to.node);
        return bump(this.stats.mapped, type);
      }
      return this.unmappable(type, from.kind === 'document' ? 'the described element has no graph node' : 'only the document itself can describe in the graph');
    }
    if (from.kind !== 'node' || to.kind !== 'node') {
      return this.unmappable(type, from.kind === 'document' || to.kind === 'document' ? 'the document is not a component' : 'an endpoint has no graph node (e.g. a file without a usable checksum)');
    }
    const f = from.node;
    const t = to.node;
    if (f.label === t.label && f.key === t.key) return bump(this.stats.selfLoops, type);
    switch (r.kind) {
      case 'contains':
        if (!edgeEndpointsAllowed('CONTAINS', f.label, t.label)) return this.unmappable(type, `CONTAINS cannot go from ${f.label} to ${t.label}`);
        this.b.edge('CONTAINS', f, t);
        if (t.label === 'Artifact' && COMPONENT_LABELS.has(f.label) && to.path !== null) this.b.edge('HAS_FILE', f, t, { path: to.path });
        return bump(this.stats.mapped, type);
      case 'depends':
        if (!edgeEndpointsAllowed('DEPENDS_ON', f.label, t.label)) return this.unmappable(type, `DEPENDS_ON cannot go from ${f.label} to ${t.label}`);
        this.b.edge('DEPENDS_ON', f, t, { scope: r.scope });
        return bump(this.stats.mapped, type);
      case 'derived':
        if (!edgeEndpointsAllowed('DERIVED_FROM', f.label, t.label)) return this.unmappable(type, `DERIVED_FROM cannot go from ${f.label} to ${t.label}`);
        this.b.edge('DERIVED_FROM', f, t, { relation: r.relation });
        return bump(this.stats.mapped, type);
      case 'uses-dataset':
        if (!edgeEndpointsAllowed('USES_DATASET', f.label, t.label)) return this.unmappable(type, `USES_DATASET cannot go from ${f.label} to ${t.label}`);
        this.b.edge('USES_DATASET', f, t, { purpose: r.purpose });
        return bump(this.stats.mapped, type);
      case 'generated': {
        if (t.label === 'Artifact') {
          this.b.edge('BUILT_FROM', f, t, { uri: null, revision: null });
          return bump(this.stats.mapped, type);
        }
        if (edgeEndpointsAllowed('DERIVED_FROM', f.label, t.label)) {
          this.b.edge('DERIVED_FROM', f, t, { relation: 'generated-from' });
          return bump(this.stats.mapped, type);
        }
        const material = this.materialOf(t);
        if (material && edgeEndpointsAllowed('BUILT_FROM', f.label, material.node.label) && !(material.node.label === f.label && material.node.key === f.key)) {
          this.b.edge('BUILT_FROM', f, material.node, { uri: material.uri, revision: material.revision });
          return bump(this.stats.mapped, type);
        }
        return this.unmappable(type, `no ontology edge fits ${f.label} generated from ${t.label} when the source has no digest or repository`);
      }
    }
  }

  /** A relationship that cannot become an edge; the first reason per type goes into the warning. */
  unmappable(type: string, reason: string): void {
    bump(this.stats.unmappable, type);
    if (!this.unmappableExamples.has(type)) this.unmappableExamples.set(type, reason);
  }

  /** The aggregated warnings: ignored types, unrepresentable relationships, self-loops. */
  finish(): void {
    const ignored = total(this.stats.ignored);
    if (ignored > 0) {
      this.b.warn('IGNORED_RELATIONSHIPS', `${ignored} relationship(s) of types the ontology does not model were ignored: ${describeCounts(this.stats.ignored)}`);
    }
    const unmappable = total(this.stats.unmappable);
    if (unmappable > 0) {
      const reasons = [...this.unmappableExamples].map(([t, why]) => `${t}: ${why}`).join('; ');
      this.b.warn('UNMAPPED_RELATIONSHIPS', `${unmappable} relationship(s) could not become edges: ${describeCounts(this.stats.unmappable)} (${reasons})`);
    }
    const loops = total(this.stats.selfLoops);
    if (loops > 0) this.b.warn('SELF_RELATIONSHIP', `${loops} relationship(s) from an element to itself were ignored: ${describeCounts(this.stats.selfLoops)}`);
  }
}

export function total(counts: Record<string, number>): number {
  let n = 0;
  for (const v of Object.values(counts)) n += v;
  return n;
}

export function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([k, v]) => `${k} ×${v}`).join(', ');
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
