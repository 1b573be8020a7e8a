/**
 * A CycloneDX BOM may carry its inventory (components) and VEX (vulnerabilities
 * with analysis and affects) together; one parse keeps both kinds of facts.
 * The inventory reading (mapper.ts) and the VEX reading (../cyclonedx-vex/vex.ts)
 * each build a batch for the same document; this joins them under the
 * inventory's Document (an SBOM).
 */
import { MAX_WARNINGS, type EdgeRecord, type NodeRecord, type OntologyBatch } from '../../schema/ontology/batch.js';
import type { NodeLabel } from '../../schema/ontology/nodes.js';
import type { DocumentInput } from '../parser.js';
import { isObject } from '../common/json.js';
import { parseCycloneDxVex } from '../cyclonedx-vex/vex.js';

/** Does the BOM say anything about vulnerabilities? */
export function hasVulnerabilities(json: unknown): boolean {
  return isObject(json) && Array.isArray(json.vulnerabilities) && json.vulnerabilities.length > 0;
}

// What the VEX reading lists of its own; components are listed (and described) by the inventory reading.
const VEX_LISTED: ReadonlySet<NodeLabel> = new Set<NodeLabel>(['Advisory', 'VexStatement', 'Vulnerability']);

/** `inventory` plus the VEX facts of the same BOM, when it has any. */
export function withVex(inventory: OntologyBatch, input: DocumentInput): OntologyBatch {
  return hasVulnerabilities(input.json) ? joinVex(inventory, parseCycloneDxVex(input)) : inventory;
}

/** Joins the VEX reading of a BOM to its inventory reading, under the inventory's Document. */
export function joinVex(inventory: OntologyBatch, vex: OntologyBatch): OntologyBatch {
  const nodeIds = new Set(inventory.nodes.map(nodeId));
  const nodes: NodeRecord[] = [...inventory.nodes, ...vex.nodes.filter((n) => !nodeIds.has(nodeId(n)))];
  const edgeIds = new Set(inventory.edges.map(edgeId));
  const edges: EdgeRecord[] = [...inventory.edges];
  for (const e of vex.edges) {
    if (e.type === 'DESCRIBES' || (e.type === 'LISTS' && !VEX_LISTED.has(e.to.label))) continue;
    const id = edgeId(e);
    if (edgeIds.has(id)) continue;
    edgeIds.add(id);
    edges.push(e);
  }
  const warnings = [...inventory.warnings, ...vex.warnings].slice(0, MAX_WARNINGS + 1);
  return { document: { ...inventory.document, warningCount: warnings.length }, nodes, edges, warnings };
}

function nodeId(n: NodeRecord): string {
  return `${n.label}\u0000${n.props.key}`;
}

function edgeId(e: EdgeRecord): string {
  return JSON.stringify([e.type, e.from.label, e.from.key, e.to.label, e.to.key, e.props]);
}
