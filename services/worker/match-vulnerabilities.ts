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
import { decodeRule, type AffectedRule } from '../../schema/vulnerability/affected-rule.js';
import { evaluateRule, type CandidateVersion } from '../matching/evaluate-rule.js';
import type { GraphStore } from '../graph/store.js';
import type { Logger } from '../log/logger.js';
import { cpeAffectsOfSbom, cpeRulesOf, evaluateCpeRules } from '../matching/cpe-match.js';
import { equivalentPackageKeys } from '../../schema/identity/package-equivalence.js';
import {
  advisoriesByKey, allAdvisories, countAffectsOfAdvisory, cpeRulesOfDocument, documentsListingAdvisory, existingAffects, packageRulesAbout, packageRulesOfDocument,
  versionsOfPackages, versionsWithUpstream, type StoredPackageRule,
} from '../graph/queries/matching.js';
import { addAffects, replaceAdvisoryAffects, setAffectsOfAdvisory, type AffectsRow } from '../graph/derived/affects.js';

export type { AffectsRow } from '../graph/derived/affects.js';

export interface MatchResult {
  edgesAdded: number;
  edgesRemoved: number;
  unknown: number;
}

type RuleRow = StoredPackageRule;

export async function matchAfterWrite(store: GraphStore, batch: OntologyBatch, log?: Logger): Promise<MatchResult> {
  const advisories = batch.nodes.filter((n) => n.label === 'Advisory').map((n) => n.props as AdvisoryNode);
  // A CycloneDX BOM can be both: its advisories are matched, then its inventory like any SBOM's.
  if (advisories.length > 0 && batch.document.kind !== 'sbom') return matchAdvisories(store, batch, advisories, log);
  const result = advisories.length > 0 ? await matchAdvisories(store, batch, advisories, log) : { edgesAdded: 0, edgesRemoved: 0, unknown: 0 };
  const packageKeys = batch.nodes.filter((n) => n.label === 'Package').map((n) => n.props.key);
  if (packageKeys.length > 0 && batch.document.kind === 'sbom') {
    const packages = await matchPackages(store, batch, packageKeys, log);
    result.edgesAdded += packages.edgesAdded;
    result.unknown += packages.unknown;
  }
  // CPE matching (services/matching/cpe-match.ts): components' CPEs against advisories' AFFECTS_CPE.
  if (batch.document.kind === 'sbom') result.edgesAdded += await addMissingAffects(store, await cpeAffectsOfSbom(store, batch, (a) => currentDocumentOf(store, a)));
  return result;
}

async function currentDocumentOf(store: GraphStore, advisoryKey: string): Promise<string | null> {
  const rows = await documentsListingAdvisory(store, advisoryKey);
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
    const removed = await countAffectsOfAdvisory(store, advisory.key);
    await replaceAdvisoryAffects(store, advisory, rows);
    result.edgesRemoved += removed;
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
  const found = (await packageRulesAbout(store, [...lookup.keys()])).map((r) => ({ ...r, pkg: lookup.get(r.pkg) ?? r.pkg }));
  if (found.length === 0) return result;
  const current = new Map<string, string | null>();
  const live: RuleRow[] = [];
  for (const { withdrawn, ...r } of found) {
    if (withdrawn) continue;
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
  const advisories = await allAdvisories(store);
  return deriveAffectsOf(store, advisories, log);
}

/**
 * After a document is deleted, the matches of the advisories it touched are derived
 * again from what is left (an older version of an advisory may be current again, a
 * component may have lost the CPE the deleted SBOM gave it) and replace the stored ones.
 */
export async function rematchAdvisories(store: GraphStore, advisoryKeys: string[], log?: Logger): Promise<MatchResult> {
  const result: MatchResult = { edgesAdded: 0, edgesRemoved: 0, unknown: 0 };
  for (const key of advisoryKeys) {
    const rows = await deriveAffectsOf(store, await advisoriesByKey(store, [key]), log);
    result.edgesRemoved += await countAffectsOfAdvisory(store, key);
    await setAffectsOfAdvisory(store, key, rows);
    result.edgesAdded += rows.length;
  }
  return result;
}

async function deriveAffectsOf(store: GraphStore, advisories: Array<{ key: string; withdrawn: string | null }>, log?: Logger): Promise<AffectsRow[]> {
  const out: AffectsRow[] = [];
  const result: MatchResult = { edgesAdded: 0, edgesRemoved: 0, unknown: 0 };
  for (const a of advisories) {
    if (a.withdrawn) continue;
    const doc = await currentDocumentOf(store, a.key);
    if (!doc) continue;
    const rules = await packageRulesOfDocument(store, a.key, doc);
    const rows = await evaluate(store, rules, null, result, log);
    // CPE rules as matchAdvisories applies them: only pairs purl matching did not find.
    const cpeRules = await cpeRulesOfDocument(store, a.key, doc);
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
  const versionRows = (await versionsOfPackages(store, [...canonicalOf.keys()])).map((v) => ({ ...v, pkg: canonicalOf.get(v.pkg) ?? v.pkg }));
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
    const rows = await versionsWithUpstream(store, name);
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
  const existing = await existingAffects(store, candidates.map(({ from, to, advisory }) => ({ from, to, advisory })));
  const have = new Set(existing.map((e) => `${e.from}\u0000${e.to}\u0000${e.advisory}`));
  const rows = candidates.filter((c) => !have.has(`${c.from}\u0000${c.to}\u0000${c.advisory}`));
  await addAffects(store, rows);
  return rows.length;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
