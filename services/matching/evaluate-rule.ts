/**
 * Does a stored advisory rule affect one package version? Pure: the rule as
 * the advisory stated it (schema/vulnerability/affected-rule.ts) and the version as
 * the SBOM named it. Anything that cannot be decided is `unknown`, never a
 * guessed `affected`.
 */
import type { AffectedRule } from '../../schema/vulnerability/affected-rule.js';
import { tryParsePurl } from '../../schema/identity/purl.js';
import { evaluateCve5Affected, evaluateOsvAffected, parseVers, versContains, type RangeVerdict } from './ranges/index.js';

export interface CandidateVersion {
  /** Canonical purl of the PackageVersion (with qualifiers). */
  purl: string;
  version: string;
  /** Qualifiers of the PackageVersion, e.g. distro, arch. */
  qualifiers: Record<string, string>;
}

/**
 * Qualifiers a rule names that the version also carries must agree (arch…),
 * except that a rule about the source package (`arch=source`) covers every
 * binary built from it.
 */
function qualifiersAgree(rule: AffectedRule, v: CandidateVersion): boolean {
  const parsed = tryParsePurl(rule.purl, { lenient: true });
  if (!parsed.ok) return true;
  for (const [k, want] of Object.entries(parsed.purl.qualifiers)) {
    if (k === 'arch' && want === 'source') continue;
    const have = v.qualifiers[k];
    if (have !== undefined && have !== want) return false;
  }
  return true;
}

/**
 * OSV distribution ecosystems carry the release (`Alpine:v3.16`, `Debian:12`);
 * a version whose purl names its distro (`distro=alpine-3.16.2`, `distro=debian-12`)
 * is only covered by the rule for that release. Without a distro qualifier the
 * rule applies.
 */
function releaseAgrees(rule: AffectedRule, v: CandidateVersion): boolean {
  if (rule.kind !== 'osv') return true;
  const m = /^(Alpine|Debian|Ubuntu):v?([\d.]+)/i.exec(rule.ecosystem);
  const distro = v.qualifiers.distro;
  if (!m || !distro) return true;
  const d = /^([a-z]+)-v?([\d.]+)/i.exec(distro);
  if (!d || d[1]!.toLowerCase() !== m[1]!.toLowerCase()) return true;
  const want = m[2]!.split('.');
  const have = d[2]!.split('.');
  return want.every((part, i) => have[i] === part);
}

export function evaluateRule(rule: AffectedRule, v: CandidateVersion): RangeVerdict {
  if (v.version === '') return { status: 'unknown', reason: 'the package version has no version' };
  if (!qualifiersAgree(rule, v)) return { status: 'not_affected', reason: 'the rule is for other qualifiers (arch…)' };
  if (!releaseAgrees(rule, v)) return { status: 'not_affected', reason: `the rule is for ${rule.kind === 'osv' ? rule.ecosystem : 'another release'}` };
  let verdict: RangeVerdict;
  switch (rule.kind) {
    case 'osv':
      verdict = evaluateOsvAffected(rule.ecosystem, v.version, { ranges: rule.ranges, versions: rule.versions });
      break;
    case 'vers':
      try {
        verdict = versContains(parseVers(rule.vers), v.version) ? { status: 'affected', reason: `in ${rule.vers}` } : { status: 'not_affected' };
      } catch (err) {
        verdict = { status: 'unknown', reason: (err as Error).message };
      }
      break;
    case 'cve5': {
      const p = tryParsePurl(rule.purl, { lenient: true });
      verdict = evaluateCve5Affected(v.version, {
        vendor: rule.vendor, product: rule.product, collectionURL: rule.collectionURL, packageName: rule.packageName,
        versions: rule.versions, defaultStatus: rule.defaultStatus,
      }, p.ok ? { ecosystem: p.purl.type } : {});
      break;
    }
    case 'exact':
      verdict = rule.versions.includes(v.version) || rule.purls.includes(v.purl)
        ? { status: 'affected', reason: `listed version ${v.version}` }
        : { status: 'not_affected' };
      break;
  }
  // A rule that says "fixed"/"not_affected" about the versions it selects never makes them affected.
  if (verdict.status === 'affected' && rule.status !== 'affected') return { status: 'not_affected', reason: `the advisory states ${rule.status}` };
  if (verdict.status === 'not_affected' && rule.incomplete?.length) return { status: 'unknown', reason: `the rule is incomplete: ${rule.incomplete.join('; ')}` };
  return verdict;
}
