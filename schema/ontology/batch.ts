/**
 * The one structure that crosses from parsing to writing (GUAC's "predicates"):
 * a normalized, de-duplicated set of nodes and edges asserted by one document.
 * Parsers build it with BatchBuilder and never see a database; the graph writer
 * consumes it and never sees a format.
 */
import type { DocumentNode, NodeByLabel, NodeLabel } from './nodes.js';
import { EDGE_SPECS, edgeEndpointsAllowed, type EdgeType } from './edges.js';

export type PropertyValue = string | number | boolean | null;

export interface NodeRef {
  label: NodeLabel;
  key: string;
}

export type NodeRecord = { [L in NodeLabel]: { label: L; props: NodeByLabel[L] } }[NodeLabel];

export interface EdgeRecord {
  type: EdgeType;
  from: NodeRef;
  to: NodeRef;
  props: Record<string, PropertyValue>;
}

export interface IngestWarning {
  code: string;
  message: string;
  /** JSON pointer, line number or element id inside the document. */
  at?: string;
}

export interface OntologyBatch {
  document: DocumentNode;
  nodes: NodeRecord[];
  edges: EdgeRecord[];
  warnings: IngestWarning[];
}

/** Accumulates nodes and edges, first assertion wins, so parsers may add freely. */
export class BatchBuilder {
  private readonly nodes = new Map<string, NodeRecord>();
  private readonly edges = new Map<string, EdgeRecord>();
  readonly warnings: IngestWarning[] = [];

  constructor(readonly documentKey: string) {}

  node<L extends NodeLabel>(label: L, props: NodeByLabel[L]): NodeRef {
    const id = `${label}\u0000${props.key}`;
    if (!this.nodes.has(id)) this.nodes.set(id, { label, props } as NodeRecord);
    return { label, key: props.key };
  }

  hasNode(ref: NodeRef): boolean {
    return this.nodes.has(`${ref.label}\u0000${ref.key}`);
  }

  getNode<L extends NodeLabel>(label: L, key: string): NodeByLabel[L] | undefined {
    return this.nodes.get(`${label}\u0000${key}`)?.props as NodeByLabel[L] | undefined;
  }

  edge(type: EdgeType, from: NodeRef, to: NodeRef, props: Record<string, PropertyValue> = {}): void {
    if (!edgeEndpointsAllowed(type, from.label, to.label)) {
      throw new Error(`ontology violation: ${type} cannot go from ${from.label} to ${to.label}`);
    }
    const full: Record<string, PropertyValue> = {};
    const spec = EDGE_SPECS[type];
    for (const p of spec.properties) full[p.name] = props[p.name] ?? null;
    // Properties added by a later migration appear only when set, so batches of documents that
    // never set them look as they did before (the writer fills the column with null).
    for (const p of spec.laterProperties) if (props[p.name] != null) full[p.name] = props[p.name]!;
    full.doc = type === 'HAS_VERSION' ? '' : this.documentKey;
    // Property values in spec order identify the assertion; cheaper than JSON.stringify for a million edges.
    let id = `${type}\u0000${from.label}\u0000${from.key}\u0000${to.label}\u0000${to.key}`;
    for (const p of spec.properties) id += `\u0000${full[p.name] === null ? '\u0001' : String(full[p.name])}`;
    for (const p of spec.laterProperties) if (p.name in full) id += `\u0000${p.name}=${String(full[p.name])}`;
    if (!this.edges.has(id)) this.edges.set(id, { type, from, to, props: full });
  }

  warn(code: string, message: string, at?: string): void {
    // A hostile document could produce millions of warnings; keep the first ones.
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(at === undefined ? { code, message } : { code, message, at });
    else if (this.warnings.length === MAX_WARNINGS) this.warnings.push({ code: 'TOO_MANY_WARNINGS', message: `more than ${MAX_WARNINGS} warnings; the rest were dropped` });
  }

  build(document: DocumentNode): OntologyBatch {
    return {
      document: { ...document, warningCount: this.warnings.length },
      nodes: [...this.nodes.values()],
      edges: [...this.edges.values()],
      warnings: this.warnings,
    };
  }
}

export const MAX_WARNINGS = 500;
