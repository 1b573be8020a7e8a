/**
 * OSV ecosystem + package name → purl (the package an `affected[]` entry names
 * when it has no `package.purl`). Follows osv.dev's own mapping
 * (osv/purl_helpers.py) and the purl type definitions; distribution ecosystems
 * get the distribution as purl namespace and, where the OSV ecosystem carries a
 * release, a `distro` qualifier. Debian, Ubuntu and Alpine entries name source
 * packages, so they carry `arch=source` like osv.dev's purls.
 *
 * docs/advisories.md has this table; keep them in sync.
 */
import type { PackageUrl } from '../../schema/identity/purl.js';
import { buildPurlOrNull } from '../common/advisory.js';

type NameSplit =
  /** The whole name is the purl name. */
  | 'none'
  /** Last `/` segment is the name, the rest the namespace (npm scopes, Go modules, Packagist vendors). */
  | 'path'
  /** Maven `group:artifact`. */
  | 'maven'
  /** `owner/repo[/sub/path]`: namespace owner, name repo, the rest subpath (GitHub Actions). */
  | 'owner-repo';

export interface EcosystemMapping {
  /** OSV ecosystem name as OSV spells it (the part before the first `:`). */
  ecosystem: string;
  type: string;
  namespace?: string;
  split: NameSplit;
  /** `distro` qualifier prefix; the OSV ecosystem suffix (release) is appended. */
  distro?: string;
  /** How the release is found in the ecosystem suffix. */
  release?: 'suffix' | 'numeric-token' | 'alpine';
  /** OSV names source packages for these ecosystems. */
  source?: boolean;
}

export const OSV_ECOSYSTEMS: readonly EcosystemMapping[] = [
  { ecosystem: 'PyPI', type: 'pypi', split: 'none' },
  { ecosystem: 'npm', type: 'npm', split: 'path' },
  { ecosystem: 'Maven', type: 'maven', split: 'maven' },
  { ecosystem: 'Go', type: 'golang', split: 'path' },
  { ecosystem: 'crates.io', type: 'cargo', split: 'none' },
  { ecosystem: 'RubyGems', type: 'gem', split: 'none' },
  { ecosystem: 'NuGet', type: 'nuget', split: 'none' },
  { ecosystem: 'Packagist', type: 'composer', split: 'path' },
  { ecosystem: 'Pub', type: 'pub', split: 'none' },
  { ecosystem: 'Hex', type: 'hex', split: 'none' },
  { ecosystem: 'Hackage', type: 'hackage', split: 'none' },
  { ecosystem: 'CRAN', type: 'cran', split: 'none' },
  { ecosystem: 'SwiftURL', type: 'swift', split: 'path' },
  { ecosystem: 'Bitnami', type: 'bitnami', split: 'none' },
  { ecosystem: 'ConanCenter', type: 'conan', split: 'none' },
  { ecosystem: 'GitHub Actions', type: 'github', split: 'owner-repo' },
  { ecosystem: 'Debian', type: 'deb', namespace: 'debian', split: 'none', distro: 'debian', release: 'suffix', source: true },
  { ecosystem: 'Ubuntu', type: 'deb', namespace: 'ubuntu', split: 'none', distro: 'ubuntu', release: 'numeric-token', source: true },
  { ecosystem: 'Alpine', type: 'apk', namespace: 'alpine', split: 'none', distro: 'alpine', release: 'alpine', source: true },
  { ecosystem: 'Red Hat', type: 'rpm', namespace: 'redhat', split: 'none' },
  { ecosystem: 'Rocky Linux', type: 'rpm', namespace: 'rocky-linux', split: 'none', distro: 'rocky-linux', release: 'suffix' },
  { ecosystem: 'AlmaLinux', type: 'rpm', namespace: 'almalinux', split: 'none', distro: 'almalinux', release: 'suffix' },
  { ecosystem: 'SUSE', type: 'rpm', namespace: 'suse', split: 'none' },
  { ecosystem: 'openSUSE', type: 'rpm', namespace: 'opensuse', split: 'none' },
  { ecosystem: 'Mageia', type: 'rpm', namespace: 'mageia', split: 'none', distro: 'mageia', release: 'suffix' },
  { ecosystem: 'openEuler', type: 'rpm', namespace: 'openeuler', split: 'none' },
  { ecosystem: 'Wolfi', type: 'apk', namespace: 'wolfi', split: 'none' },
  { ecosystem: 'Chainguard', type: 'apk', namespace: 'chainguard', split: 'none' },
  { ecosystem: 'Alpaquita', type: 'apk', namespace: 'alpaquita', split: 'none' },
];

const BY_NAME = new Map(OSV_ECOSYSTEMS.map((m) => [m.ecosystem.toLowerCase(), m]));

export type EcosystemPurlResult =
  | { ok: true; purl: PackageUrl }
  | { ok: false; code: 'UNKNOWN_ECOSYSTEM' | 'INVALID_PACKAGE_NAME'; message: string };

/** The base ecosystem (before the first `:`) and its suffix. */
export function splitEcosystem(ecosystem: string): { base: string; suffix: string | null } {
  const i = ecosystem.indexOf(':');
  return i < 0 ? { base: ecosystem.trim(), suffix: null } : { base: ecosystem.slice(0, i).trim(), suffix: ecosystem.slice(i + 1).trim() || null };
}

export function ecosystemMapping(ecosystem: string): EcosystemMapping | null {
  return BY_NAME.get(splitEcosystem(ecosystem).base.toLowerCase()) ?? null;
}

export function osvPackagePurl(ecosystem: string, name: string): EcosystemPurlResult {
  const { suffix } = splitEcosystem(ecosystem);
  const m = ecosystemMapping(ecosystem);
  if (!m) return { ok: false, code: 'UNKNOWN_ECOSYSTEM', message: `OSV ecosystem "${ecosystem}" has no known purl type` };
  let namespace: string | null = m.namespace ?? null;
  let pkgName = name.trim();
  let subpath: string | null = null;
  const bad = (why: string): EcosystemPurlResult => ({ ok: false, code: 'INVALID_PACKAGE_NAME', message: `${m.ecosystem} package name "${name}" ${why}` });
  switch (m.split) {
    case 'maven': {
      const parts = pkgName.split(':');
      if (parts.length !== 2 || !parts[0] || !parts[1]) return bad('is not groupId:artifactId');
      namespace = parts[0];
      pkgName = parts[1];
      break;
    }
    case 'path': {
      const i = pkgName.lastIndexOf('/');
      if (i === 0 || i === pkgName.length - 1) return bad('has an empty path segment');
      if (i > 0) {
        namespace = pkgName.slice(0, i);
        pkgName = pkgName.slice(i + 1);
      }
      break;
    }
    case 'owner-repo': {
      const parts = pkgName.split('/');
      if (parts.length < 2 || !parts[0] || !parts[1]) return bad('is not owner/repo');
      namespace = parts[0];
      pkgName = parts[1];
      subpath = parts.slice(2).join('/') || null;
      break;
    }
    case 'none':
      break;
  }
  const qualifiers: Record<string, string> = {};
  if (m.source) qualifiers.arch = 'source';
  const release = suffix && m.release ? releaseOf(m.release, suffix) : null;
  if (m.distro && release) qualifiers.distro = `${m.distro}-${release}`;
  const purl = buildPurlOrNull({ type: m.type, namespace, name: pkgName, qualifiers, subpath });
  return purl ? { ok: true, purl } : bad(`does not make a valid pkg:${m.type} purl`);
}

function releaseOf(kind: 'suffix' | 'numeric-token' | 'alpine', suffix: string): string | null {
  switch (kind) {
    case 'suffix':
      return /^[\w.+-]+$/.test(suffix) ? suffix : null;
    case 'numeric-token':
      // Ubuntu:22.04:LTS, Ubuntu:Pro:18.04:LTS, Ubuntu:24.10
      return suffix.split(':').find((t) => /^\d+(\.\d+)*$/.test(t)) ?? null;
    case 'alpine': {
      const m = /^v?(\d+(?:\.\d+)*)$/.exec(suffix);
      return m ? m[1]! : null;
    }
  }
}
