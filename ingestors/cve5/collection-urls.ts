/**
 * CVE JSON 5 `affected[]` products name packages by `collectionURL` (the
 * registry) + `packageName`. Known registries map to a purl type; any other
 * collection (or a product named only by vendor/product) has no purl.
 * docs/advisories.md has this table; keep them in sync.
 */
import type { PackageUrl } from '../../schema/identity/purl.js';
import { buildPurlOrNull } from '../common/advisory.js';

interface Registry {
  /** Lower-case host + optional path prefix, without scheme and trailing slash. */
  prefixes: string[];
  type: string;
  split: 'none' | 'path' | 'maven' | 'owner-repo';
}

export const CVE5_REGISTRIES: readonly Registry[] = [
  { prefixes: ['registry.npmjs.org', 'www.npmjs.com', 'npmjs.com', 'registry.yarnpkg.com'], type: 'npm', split: 'path' },
  { prefixes: ['pypi.org', 'pypi.python.org', 'files.pythonhosted.org'], type: 'pypi', split: 'none' },
  { prefixes: ['repo.maven.apache.org/maven2', 'repo1.maven.org/maven2', 'central.sonatype.com', 'search.maven.org', 'mvnrepository.com'], type: 'maven', split: 'maven' },
  { prefixes: ['crates.io', 'static.crates.io'], type: 'cargo', split: 'none' },
  { prefixes: ['rubygems.org'], type: 'gem', split: 'none' },
  { prefixes: ['www.nuget.org', 'nuget.org', 'api.nuget.org'], type: 'nuget', split: 'none' },
  { prefixes: ['packagist.org', 'repo.packagist.org'], type: 'composer', split: 'path' },
  { prefixes: ['pkg.go.dev', 'proxy.golang.org', 'go.dev'], type: 'golang', split: 'path' },
  { prefixes: ['pub.dev', 'pub.dartlang.org'], type: 'pub', split: 'none' },
  { prefixes: ['hex.pm', 'repo.hex.pm'], type: 'hex', split: 'none' },
  { prefixes: ['hackage.haskell.org'], type: 'hackage', split: 'none' },
  { prefixes: ['cran.r-project.org'], type: 'cran', split: 'none' },
  { prefixes: ['github.com'], type: 'github', split: 'owner-repo' },
];

export function collectionPurl(collectionURL: string, packageName: string): PackageUrl | null {
  const norm = collectionURL.trim().toLowerCase().replace(/^[a-z+]+:\/\//, '').replace(/\/+$/, '');
  const reg = CVE5_REGISTRIES.find((r) => r.prefixes.some((p) => norm === p || norm.startsWith(`${p}/`)));
  if (!reg) return null;
  let name = packageName.trim();
  let namespace: string | null = null;
  let subpath: string | null = null;
  switch (reg.split) {
    case 'maven': {
      const parts = name.split(':');
      if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
      [namespace, name] = [parts[0], parts[1]];
      break;
    }
    case 'path': {
      const i = name.lastIndexOf('/');
      if (i === 0 || i === name.length - 1) return null;
      if (i > 0) [namespace, name] = [name.slice(0, i), name.slice(i + 1)];
      break;
    }
    case 'owner-repo': {
      const parts = name.replace(/^https?:\/\/github\.com\//i, '').split('/');
      if (parts.length < 2 || !parts[0] || !parts[1]) return null;
      [namespace, name] = [parts[0], parts[1].replace(/\.git$/, '')];
      subpath = parts.slice(2).join('/') || null;
      break;
    }
    case 'none':
      break;
  }
  return buildPurlOrNull({ type: reg.type, namespace, name, subpath });
}
