/**
 * AFFECTS edges from CPE names: an advisory's AFFECTS_CPE patterns against the
 * CPEs components are IDENTIFIED_BY (rule: ./cpe.ts, docs/vulnerabilities.md#cpe-matching).
 * Candidates are bound by vendor and product (Neo4j indexes them), then matched
 * attribute by attribute here.
 */
import type { OntologyBatch } from '../../schema/ontology/batch.js';
import { parseCpe } from '../../schema/identity/cpe.js';
import type { GraphStore } from '../graph/store.js';
import { cpeRulesAbout, identifiedCpesOfProduct } from '../graph/queries/matching.js';
import type { AffectsRow } from '../graph/derived/affects.js';
import { cpeMatches } from './cpe.js';

export interface CpeRule {
  advisory: string;
  /** The advisory document that asserted the rule. */
  doc: string;
  vulnerability: string;
  cpe: string;
}

/** The AFFECTS_CPE rules an advisory document asserts for one advisory. */
export function cpeRulesOf(batch: OntologyBatch, advisoryKey: string): CpeRule[] {
  return batch.edges
    .filter((e) => e.type === 'AFFECTS_CPE' && e.from.key === advisoryKey)
    .map((e) => ({ advisory: advisoryKey, doc: batch.document.key, vulnerability: String(e.props.vulnerability), cpe: e.to.key }));
}

/** Every package version (in the graph, or only `onlyVersions`) whose CPE the rules match. */
export async function evaluateCpeRules(store: GraphStore, rules: CpeRule[], onlyVersions: Set<string> | null = null): Promise<AffectsRow[]> {
  const out = new Map<string, AffectsRow>();
  const byProduct = new Map<string, CpeRule[]>();
  for (const r of rules) {
    const c = parseCpe(r.cpe);
    if (!c) continue;
    const k = `${c.components[1]}\u0000${c.components[2]}`;
    byProduct.set(k, [...(byProduct.get(k) ?? []), r]);
  }
  for (const [k, group] of byProduct) {
    const [vendor, product] = k.split('\u0000') as [string, string];
    const names = await identifiedCpesOfProduct(store, vendor, product);
    for (const r of group) {
      const pattern = parseCpe(r.cpe)!;
      for (const n of names) {
        if (onlyVersions && !onlyVersions.has(n.version)) continue;
        const name = parseCpe(n.cpe);
        if (!name || !cpeMatches(pattern, name)) continue;
        const row = { from: r.vulnerability, to: n.version, advisory: r.advisory, reason: `cpe ${r.cpe}`, doc: r.doc };
        out.set(`${row.from}\u0000${row.to}\u0000${row.advisory}`, row);
      }
    }
  }
  return [...out.values()];
}

/**
 * An SBOM's side: the rules of current, not withdrawn advisories about the vendors and
 * products its components' CPEs name, evaluated against the SBOM's package versions.
 * `currentDocumentOf` tells which document speaks for an advisory now.
 */
export async function cpeAffectsOfSbom(store: GraphStore, batch: OntologyBatch, currentDocumentOf: (advisory: string) => Promise<string | null>): Promise<AffectsRow[]> {
  const versions = new Set(batch.nodes.filter((n) => n.label === 'PackageVersion').map((n) => n.props.key));
  const products = new Map<string, { vendor: string; product: string }>();
  for (const n of batch.nodes) {
    if (n.label !== 'Cpe') continue;
    products.set(`${n.props.vendor}\u0000${n.props.product}`, { vendor: n.props.vendor, product: n.props.product });
  }
  if (products.size === 0 || versions.size === 0) return [];
  const found = await cpeRulesAbout(store, [...products.values()]);
  const current = new Map<string, string | null>();
  const live: CpeRule[] = [];
  for (const r of found) {
    if (r.withdrawn) continue;
    if (!current.has(r.advisory)) current.set(r.advisory, await currentDocumentOf(r.advisory));
    if (current.get(r.advisory) === r.doc) live.push({ advisory: r.advisory, doc: r.doc, vulnerability: r.vulnerability, cpe: r.cpe });
  }
  return evaluateCpeRules(store, live, versions);
}
