/**
 * Vulnerability matching as a graph fact: after a document is written, the
 * AFFECTS edges (Vulnerability → PackageVersion) it implies are computed here,
 * in TypeScript with the per-ecosystem comparators, and written — whichever
 * arrives first, the advisory or the SBOM.
 *
 * - An advisory document recomputes the AFFECTS edges of each advisory it is
 *   the current version of (latest `createdAt`/modified, then latest ingest):
 *   old edges of that advisory are removed, then its rules are evaluated against
 *   every known version of the affected packages. A withdrawn advisory keeps no
 *   edges. An older version arriving late changes nothing.
 * - An SBOM evaluates the current rules of every advisory about its packages
 *   against the versions it lists, adding edges that are not there yet.
 * Each edge carries the advisory key and the advisory document (`doc`).
 */
import type { OntologyBatch } from '../../schema/ontology/batch.js';
import type { AdvisoryNode } from '../../schema/ontology/nodes.js';
import { decodeRule, type AffectedRule } from '../../ingestors/common/affected-rule.js';
import { evaluateRule, type CandidateVersion } from '../matching/evaluate-rule.js';
import type { GraphStore, QueryParams } from '../graph/store.js';
import type { Logger } from '../log/logger.js';
import { cpeAffectsOfSbom, cpeRulesOf, evaluateCpeRules } from '../matching/cpe-match.js';

export interface MatchResult {
  edgesAdded: number;
  edgesRemoved: number;
  unknown: number;
}

interface RuleRow {
  advisory: string;
  doc: string;
  vulnerability: string;
  rule: string;
  pkg: string;
}

export interface AffectsRow {
  from: string;
  to: string;
  advisory: string;
  reason: string;
  doc: string;
}

/**
 * Package identities that name the same package under a purl type some tools
 * spell differently: syft writes Alpine packages as `pkg:alpine/…`, OSV and the
 * purl spec say `pkg:apk/alpine/…`.
 */
export function equivalentPackageKeys(key: string): string[] {
  const m = /^pkg:apk\/alpine\/(.+)$/.exec(key) ?? /^pkg:alpine\/(.+)$/.exec(key);
  if (!m) return [key];
  return [`pkg:apk/alpine/${m[1]}`, `pkg:alpine/${m[1]}`];
}

// MERGE, not CREATE: two jobs may match the same document at once (a duplicate upload finishing a
// document another job is still matching); inside the write transaction the edge is made once.
const AFFECTS_CREATE = 'UNWIND $rows AS r MATCH (v:Vulnerability {key: r.from}) MATCH (p:PackageVersion {key: r.to}) MERGE (v)-[:AFFECTS {advisory: r.advisory, reason: r.reason, doc: r.doc}]->(p)';

export async function matchAfterWrite(store: GraphStore, batch: OntologyBatch, log?: Logger): Promise<MatchResult> {
  const advisories = batch.nodes.filter((n) => n.label === 'Advisory').map((n) => n.props as AdvisoryNode);
  if (advisories.length > 0) return matchAdvisories(store, batch, advisories, log);
  const packageKeys = batch.nodes.filter((n) => n.label === 'Package').map((n) => n.props.key);
  const result = packageKeys.length > 0 && batch.document.kind === 'sbom' ? await matchPackages(store, batch, packageKeys, log) : { edgesAdded: 0, edgesRemoved: 0, unknown: 0 };
  // CPE matching (services/matching/cpe-match.ts): components' CPEs against advisories' AFFECTS_CPE.
  if (batch.document.kind === 'sbom') result.edgesAdded += await addMissingAffects(store, await cpeAffectsOfSbom(store, batch, (a) => currentDocumentOf(store, a)));
  return result;
}

async function currentDocumentOf(store: GraphStore, advisoryKey: string): Promise<string | null> {
  const rows = await store.read<{ doc: string; createdAt: string | null; ingestedAt: string | null }>(
    'MATCH (d:Document)-[:LISTS]->(a:Advisory {key: $k}) RETURN DISTINCT d.key AS doc, d.createdAt AS createdAt, d.ingestedAt AS ingestedAt', { k: advisoryKey });
  rows.sort((a, b) => cmp(b.createdAt ?? '', a.createdAt ?? '') || cmp(b.ingestedAt ?? '', a.ingestedAt ?? '') || cmp(b.doc, a.doc));
  return rows[0]?.doc ?? null;
}

async function matchAdvisories(store: GraphStore, batch: OntologyBatch, advisories: AdvisoryNode[], log?: Logger): Promise<MatchResult> {
  const result: MatchResult = { edgesAdded: 0, edgesRemoved: 0, unknown: 0 };
  const docKey = batch.document.key;
  for (const advisory of advisories) {
    if ((await currentDocumentOf(store, advisory.key)) !== docKey) {
      log?.info({ advisory: advisory.key }, 'a newer version of this advisory is already in the graph; its matches stand');
      continue;
    }
    const rules: RuleRow[] = batch.edges
      .filter((e) => e.type === 'AFFECTS_PACKAGE' && e.from.key === advisory.key)
      .map((e) => ({ advisory: advisory.key, doc: docKey, vulnerability: String(e.props.vulnerability), rule: String(e.props.rule), pkg: e.to.key }));
    const rows = advisory.withdrawn ? [] : await evaluate(store, rules, null, result, log);
    // CPE matching (services/matching/cpe-match.ts): the advisory's AFFECTS_CPE patterns.
    if (!advisory.withdrawn) {
      const byPurl = new Set(rows.map((r) => `${r.from}\u0000${r.to}`));
      // Loops, not push(...rows): spreading a large SBOM's rows as arguments overflows the call stack.
      for (const r of await evaluateCpeRules(store, cpeRulesOf(batch, advisory.key))) if (!byPurl.has(`${r.from}\u0000${r.to}`)) rows.push(r);
    }
    const removed = await store.read<{ c: number }>('MATCH ()-[r:AFFECTS]->() WHERE r.advisory = $a RETURN count(r) AS c', { a: advisory.key });
    const statements: Array<{ cypher: string; params?: QueryParams }> = [
      // The current version of the advisory speaks for it: its facts replace the previous version's.
      { cypher: 'MATCH (a:Advisory {key: $k}) SET a.title = $title, a.modified = $modified, a.withdrawn = $withdrawn, a.severity = $severity, a.published = $published', params: { k: advisory.key, title: advisory.title, modified: advisory.modified, withdrawn: advisory.withdrawn, severity: advisory.severity, published: advisory.published } },
      { cypher: 'MATCH ()-[r:AFFECTS]->() WHERE r.advisory = $a DELETE r', params: { a: advisory.key } },
    ];
    if (rows.length > 0) statements.push({ cypher: AFFECTS_CREATE, params: { rows } });
    await store.write(statements);
    result.edgesRemoved += Number(removed[0]?.c ?? 0);
    result.edgesAdded += rows.length;
  }
  return result;
}

async function matchPackages(store: GraphStore, batch: OntologyBatch, packageKeys: string[], log?: Logger): Promise<MatchResult> {
  const result: MatchResult = { edgesAdded: 0, edgesRemoved: 0, unknown: 0 };
  const lookup = new Map<string, string>();
  for (const k of packageKeys) for (const e of equivalentPackageKeys(k)) lookup.set(e, k);
  // Binaries in this SBOM built from a source package: rules about the source apply to them.
  const binaries = new Map<string, CandidateVersion[]>();
  for (const n of batch.nodes) {
    if (n.label !== 'PackageVersion' || !n.props.qualifiers) continue;
    const qualifiers = JSON.parse(n.props.qualifiers) as Record<string, string>;
    for (const src of sourcePackageKeys({ key: n.props.key, qualifiers })) {
      if (!lookup.has(src)) lookup.set(src, src);
      const list = binaries.get(src) ?? [];
      list.push({ purl: n.props.key, version: n.props.version, qualifiers });
      binaries.set(src, list);
    }
  }
  const found = (await store.read<RuleRow>(
    'UNWIND $keys AS k MATCH (a:Advisory)-[r:AFFECTS_PACKAGE]->(p:Package {key: k}) RETURN a.key AS advisory, r.doc AS doc, r.vulnerability AS vulnerability, r.rule AS rule, p.key AS pkg, a.withdrawn AS withdrawn',
    { keys: [...lookup.keys()] })).map((r) => ({ ...r, pkg: lookup.get(r.pkg) ?? r.pkg }));
  if (found.length === 0) return result;
  const current = new Map<string, string | null>();
  const live: RuleRow[] = [];
  for (const r of found as Array<RuleRow & { withdrawn: string | null }>) {
    if (r.withdrawn) continue;
    if (!current.has(r.advisory)) current.set(r.advisory, await currentDocumentOf(store, r.advisory));
    if (current.get(r.advisory) === r.doc) live.push(r);
  }
  const versions = new Set(batch.nodes.filter((n) => n.label === 'PackageVersion').map((n) => n.props.key));
  const candidates = await evaluate(store, live, versions, result, log, binaries);
  result.edgesAdded = await addMissingAffects(store, candidates);
  return result;
}

/**
 * Every AFFECTS edge the graph should hold now, derived from scratch: the rules of
 * each advisory's current version (not withdrawn) evaluated against every known
 * version. `supplygraph check` compares this with the stored edges; the
 * incremental paths above must always end at the same set.
 */
export async function deriveAllAffects(store: GraphStore, log?: Logger): Promise<AffectsRow[]> {
  const advisories = await store.read<{ key: string; withdrawn: string | null }>('MATCH (a:Advisory) RETURN a.key AS key, a.withdrawn AS withdrawn');
  const out: AffectsRow[] = [];
  const result: MatchResult = { edgesAdded: 0, edgesRemoved: 0, unknown: 0 };
  for (const a of advisories) {
    if (a.withdrawn) continue;
    const doc = await currentDocumentOf(store, a.key);
    if (!doc) continue;
    const rules = await store.read<RuleRow>(
      'MATCH (a:Advisory {key: $k})-[r:AFFECTS_PACKAGE]->(p:Package) WHERE r.doc = $doc RETURN a.key AS advisory, r.doc AS doc, r.vulnerability AS vulnerability, r.rule AS rule, p.key AS pkg',
      { k: a.key, doc });
    const rows = await evaluate(store, rules, null, result, log);
    // CPE rules as matchAdvisories applies them: only pairs purl matching did not find.
    const cpeRules = await store.read<{ vulnerability: string; cpe: string }>(
      'MATCH (a:Advisory {key: $k})-[r:AFFECTS_CPE]->(c:Cpe) WHERE r.doc = $doc RETURN r.vulnerability AS vulnerability, c.key AS cpe', { k: a.key, doc });
    const byPurl = new Set(rows.map((r) => `${r.from}\u0000${r.to}`));
    for (const r of await evaluateCpeRules(store, cpeRules.map((c) => ({ advisory: a.key, doc, vulnerability: c.vulnerability, cpe: c.cpe })))) if (!byPurl.has(`${r.from}\u0000${r.to}`)) rows.push(r);
    for (const r of rows) out.push(r);
  }
  return out;
}

/**
 * Evaluates rules against the versions of their packages (all known ones, or only
 * `onlyVersions`), plus binary package versions built from the rule's source package.
 */
async function evaluate(store: GraphStore, rules: RuleRow[], onlyVersions: Set<string> | null, result: MatchResult, log?: Logger, binaries?: Map<string, CandidateVersion[]>): Promise<AffectsRow[]> {
  if (rules.length === 0) return [];
  const fromSource = binaries ?? await binariesBuiltFrom(store, [...new Set(rules.map((r) => r.pkg))]);
  const canonicalOf = new Map<string, string>();
  for (const r of rules) for (const e of equivalentPackageKeys(r.pkg)) canonicalOf.set(e, r.pkg);
  const versionRows = (await store.read<{ pkg: string; key: string; version: string | null; qualifiers: string | null }>(
    'UNWIND $keys AS k MATCH (p:Package {key: k})-[:HAS_VERSION]->(v:PackageVersion) RETURN p.key AS pkg, v.key AS key, v.version AS version, v.qualifiers AS qualifiers',
    { keys: [...canonicalOf.keys()] })).map((v) => ({ ...v, pkg: canonicalOf.get(v.pkg) ?? v.pkg }));
  const byPkg = new Map<string, CandidateVersion[]>();
  for (const v of versionRows) {
    if (onlyVersions && !onlyVersions.has(v.key)) continue;
    let list = byPkg.get(v.pkg);
    if (!list) byPkg.set(v.pkg, (list = []));
    list.push({ purl: v.key, version: v.version ?? '', qualifiers: v.qualifiers ? (JSON.parse(v.qualifiers) as Record<string, string>) : {} });
  }
  const out = new Map<string, AffectsRow>();
  for (const r of rules) {
    let rule: AffectedRule;
    try {
      rule = decodeRule(r.rule);
    } catch (err) {
      log?.warn({ advisory: r.advisory, error: (err as Error).message }, 'stored advisory rule is unreadable; skipped');
      continue;
    }
    for (const v of [...(byPkg.get(r.pkg) ?? []), ...(fromSource.get(r.pkg) ?? [])]) {
      if (onlyVersions && !onlyVersions.has(v.purl)) continue;
      const verdict = evaluateRule(rule, v);
      if (verdict.status === 'unknown') result.unknown += 1;
      if (verdict.status !== 'affected') continue;
      const row: AffectsRow = { from: r.vulnerability, to: v.purl, advisory: r.advisory, reason: verdict.reason ?? `${rule.kind} rule`, doc: r.doc };
      out.set(`${row.from}\u0000${row.to}\u0000${row.advisory}`, row);
    }
  }
  return [...out.values()];
}

/**
 * Distribution SBOMs name binary packages (`libssl3`) and record the source
 * package they were built from as the `upstream` qualifier; distribution
 * advisories name the source package (`openssl`, `arch=source`). A rule about a
 * source package therefore also covers the binaries built from it.
 */
const DISTRO_TYPES = new Set(['apk', 'alpine', 'deb', 'rpm']);

function sourcePackageKeys(v: { key: string; qualifiers: Record<string, string> }): string[] {
  const upstream = v.qualifiers.upstream;
  if (!upstream) return [];
  const m = /^pkg:([a-z]+)\/(?:([^/@?]+)\/)?[^/@?]+@/.exec(v.key);
  if (!m || !DISTRO_TYPES.has(m[1]!)) return [];
  // syft writes `name@version` in upstream for some source packages; only the name names the package.
  const name = upstream.split('@')[0]!;
  return equivalentPackageKeys(m[2] ? `pkg:${m[1]}/${m[2]}/${name}` : `pkg:${m[1]}/${name}`);
}

async function binariesBuiltFrom(store: GraphStore, sourceKeys: string[]): Promise<Map<string, CandidateVersion[]>> {
  const out = new Map<string, CandidateVersion[]>();
  const wanted = new Map<string, string>();
  for (const k of sourceKeys) {
    if (!DISTRO_TYPES.has(/^pkg:([a-z]+)\//.exec(k)?.[1] ?? '')) continue;
    for (const e of equivalentPackageKeys(k)) wanted.set(e, k);
  }
  if (wanted.size === 0) return out;
  const names = [...new Set([...wanted.keys()].map((k) => k.split('/').pop()!))];
  for (const name of names) {
    const rows = await store.read<{ key: string; version: string | null; qualifiers: string | null }>(
      'MATCH (v:PackageVersion) WHERE v.qualifiers CONTAINS $needle RETURN v.key AS key, v.version AS version, v.qualifiers AS qualifiers',
      { needle: `"upstream":"${name}` });
    for (const r of rows) {
      const qualifiers = r.qualifiers ? (JSON.parse(r.qualifiers) as Record<string, string>) : {};
      for (const src of sourcePackageKeys({ key: r.key, qualifiers })) {
        const rulePkg = wanted.get(src);
        if (!rulePkg) continue;
        const list = out.get(rulePkg) ?? [];
        if (!list.some((x) => x.purl === r.key)) list.push({ purl: r.key, version: r.version ?? '', qualifiers });
        out.set(rulePkg, list);
      }
    }
  }
  return out;
}

/** Matches for an SBOM (purl or CPE): written when not already there for that advisory. */
async function addMissingAffects(store: GraphStore, candidates: AffectsRow[]): Promise<number> {
  if (candidates.length === 0) return 0;
  const existing = await store.read<{ from: string; to: string; advisory: string }>(
    'UNWIND $rows AS r MATCH (v:Vulnerability {key: r.from})-[e:AFFECTS]->(p:PackageVersion {key: r.to}) WHERE e.advisory = r.advisory RETURN r.from AS from, r.to AS to, r.advisory AS advisory',
    { rows: candidates.map(({ from, to, advisory }) => ({ from, to, advisory })) });
  const have = new Set(existing.map((e) => `${e.from}\u0000${e.to}\u0000${e.advisory}`));
  const rows = candidates.filter((c) => !have.has(`${c.from}\u0000${c.to}\u0000${c.advisory}`));
  if (rows.length > 0) await store.write([{ cypher: AFFECTS_CREATE, params: { rows } }]);
  return rows.length;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
