/**
 * The reads vulnerability matching needs (services/worker/match-vulnerabilities.ts,
 * services/matching/cpe-match.ts): advisories' stored rules, the documents that
 * assert them, candidate package versions and CPE names, and the AFFECTS edges
 * already there.
 */
import type { GraphStore } from '../store.js';

/** A stored AFFECTS_PACKAGE rule: `rule` is the encoded rule (schema/vulnerability/affected-rule.ts). */
export interface StoredPackageRule {
  advisory: string;
  doc: string;
  vulnerability: string;
  rule: string;
  pkg: string;
}

export interface AdvisoryDocumentRow {
  doc: string;
  createdAt: string | null;
  ingestedAt: string | null;
}

/** Every document that lists the advisory, in no particular order. */
export async function documentsListingAdvisory(store: GraphStore, advisoryKey: string): Promise<AdvisoryDocumentRow[]> {
  return store.read<AdvisoryDocumentRow>(
    'MATCH (d:Document)-[:LISTS]->(a:Advisory {key: $k}) RETURN DISTINCT d.key AS doc, d.createdAt AS createdAt, d.ingestedAt AS ingestedAt', { k: advisoryKey });
}

export async function allAdvisories(store: GraphStore): Promise<Array<{ key: string; withdrawn: string | null }>> {
  return store.read<{ key: string; withdrawn: string | null }>('MATCH (a:Advisory) RETURN a.key AS key, a.withdrawn AS withdrawn');
}

export async function advisoriesByKey(store: GraphStore, keys: string[]): Promise<Array<{ key: string; withdrawn: string | null }>> {
  if (keys.length === 1) return store.read<{ key: string; withdrawn: string | null }>('MATCH (a:Advisory {key: $k}) RETURN a.key AS key, a.withdrawn AS withdrawn', { k: keys[0] });
  return store.read<{ key: string; withdrawn: string | null }>('UNWIND $keys AS k MATCH (a:Advisory {key: k}) RETURN a.key AS key, a.withdrawn AS withdrawn', { keys });
}

/** Package rules about any of the packages, from every document, with the advisory's withdrawal. */
export async function packageRulesAbout(store: GraphStore, packageKeys: string[]): Promise<Array<StoredPackageRule & { withdrawn: string | null }>> {
  return store.read<StoredPackageRule & { withdrawn: string | null }>(
    'UNWIND $keys AS k MATCH (a:Advisory)-[r:AFFECTS_PACKAGE]->(p:Package {key: k}) RETURN a.key AS advisory, r.doc AS doc, r.vulnerability AS vulnerability, r.rule AS rule, p.key AS pkg, a.withdrawn AS withdrawn',
    { keys: packageKeys });
}

/** The package rules one document asserts for one advisory. */
export async function packageRulesOfDocument(store: GraphStore, advisoryKey: string, documentKey: string): Promise<StoredPackageRule[]> {
  return store.read<StoredPackageRule>(
    'MATCH (a:Advisory {key: $k})-[r:AFFECTS_PACKAGE]->(p:Package) WHERE r.doc = $doc RETURN a.key AS advisory, r.doc AS doc, r.vulnerability AS vulnerability, r.rule AS rule, p.key AS pkg',
    { k: advisoryKey, doc: documentKey });
}

/** The CPE patterns one document asserts for one advisory. */
export async function cpeRulesOfDocument(store: GraphStore, advisoryKey: string, documentKey: string): Promise<Array<{ vulnerability: string; cpe: string }>> {
  return store.read<{ vulnerability: string; cpe: string }>(
    'MATCH (a:Advisory {key: $k})-[r:AFFECTS_CPE]->(c:Cpe) WHERE r.doc = $doc RETURN r.vulnerability AS vulnerability, c.key AS cpe', { k: advisoryKey, doc: documentKey });
}

export interface CandidateVersionRow {
  pkg: string;
  key: string;
  version: string | null;
  qualifiers: string | null;
}

export async function versionsOfPackages(store: GraphStore, packageKeys: string[]): Promise<CandidateVersionRow[]> {
  return store.read<CandidateVersionRow>(
    'UNWIND $keys AS k MATCH (p:Package {key: k})-[:HAS_VERSION]->(v:PackageVersion) RETURN p.key AS pkg, v.key AS key, v.version AS version, v.qualifiers AS qualifiers',
    { keys: packageKeys });
}

/**
 * Package versions whose qualifiers may name `sourceName` as their `upstream`;
 * a substring match on the stored JSON, so callers check the parsed qualifier.
 */
export async function versionsWithUpstream(store: GraphStore, sourceName: string): Promise<Array<Omit<CandidateVersionRow, 'pkg'>>> {
  return store.read<Omit<CandidateVersionRow, 'pkg'>>(
    'MATCH (v:PackageVersion) WHERE v.qualifiers CONTAINS $needle RETURN v.key AS key, v.version AS version, v.qualifiers AS qualifiers',
    { needle: `"upstream":"${sourceName}` });
}

export interface AffectsPair {
  from: string;
  to: string;
  advisory: string;
}

/** Of the given (vulnerability, version, advisory) triples, those with an AFFECTS edge already. */
export async function existingAffects(store: GraphStore, pairs: AffectsPair[]): Promise<AffectsPair[]> {
  if (pairs.length === 0) return [];
  return store.read<AffectsPair>(
    'UNWIND $rows AS r MATCH (v:Vulnerability {key: r.from})-[e:AFFECTS]->(p:PackageVersion {key: r.to}) WHERE e.advisory = r.advisory RETURN r.from AS from, r.to AS to, r.advisory AS advisory',
    { rows: pairs });
}

export async function countAffectsOfAdvisory(store: GraphStore, advisoryKey: string): Promise<number> {
  const rows = await store.read<{ c: number }>('MATCH ()-[r:AFFECTS]->() WHERE r.advisory = $a RETURN count(r) AS c', { a: advisoryKey });
  return Number(rows[0]?.c ?? 0);
}

/** CPE names of one vendor and product that package versions are IDENTIFIED_BY. */
export async function identifiedCpesOfProduct(store: GraphStore, vendor: string, product: string): Promise<Array<{ cpe: string; version: string }>> {
  return store.read<{ cpe: string; version: string }>(
    'MATCH (c:Cpe) WHERE c.vendor = $vendor AND c.product = $product MATCH (v:PackageVersion)-[:IDENTIFIED_BY]->(c) RETURN DISTINCT c.key AS cpe, v.key AS version',
    { vendor, product });
}

export interface StoredCpeRule {
  advisory: string;
  doc: string;
  vulnerability: string;
  cpe: string;
  withdrawn: string | null;
}

/** CPE rules, from every document, whose pattern names one of the vendor/product pairs. */
export async function cpeRulesAbout(store: GraphStore, products: Array<{ vendor: string; product: string }>): Promise<StoredCpeRule[]> {
  return store.read<StoredCpeRule>(
    'UNWIND $products AS p MATCH (a:Advisory)-[r:AFFECTS_CPE]->(c:Cpe) WHERE c.vendor = p.vendor AND c.product = p.product ' +
    'RETURN a.key AS advisory, r.doc AS doc, r.vulnerability AS vulnerability, c.key AS cpe, a.withdrawn AS withdrawn',
    { products });
}
