/**
 * Recognising a source repository in a download location. SPDX 2 writes VCS
 * locations as `<vcs>+<transport>://host/path[@revision][#subpath]`
 * (`git+https://github.com/org/repo.git@v1.0#lib`); producers also write
 * `git://`, scp-like `git@host:org/repo.git` and plain `https://…/repo.git`.
 * Only locations that say "git" in their syntax count: a plain web URL
 * (`https://github.com/rust-lang/crates.io-index`, a cgit browse page) is not
 * clearly the package's repository, so it is not turned into one.
 */

export interface VcsLocation {
  /** The repository URL without revision or subpath (normalise with sourceRepositoryKey). */
  url: string;
  /** Commit, tag or branch after `@` in the path, when given. */
  revision: string | null;
}

const SCP_LIKE = /^[\w.-]+@[\w.-]+:/;

/** A git repository location, or null when the string is not clearly one. */
export function gitLocation(raw: string): VcsLocation | null {
  let s = raw.trim();
  if (s === '' || /\s/.test(s)) return null;
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(0, hash);
  const lower = s.toLowerCase();
  const explicit = lower.startsWith('git+') || lower.startsWith('git://') || lower.startsWith('ssh://git@') || SCP_LIKE.test(s);
  const split = splitRevision(s);
  if (split === null) return null;
  if (!explicit && !(/^https?:\/\//i.test(split.url) && /\.git$/i.test(split.url))) return null;
  return split;
}

/** Any repository URL (an explicit VCS reference); the revision is split off when the syntax has one. */
export function repositoryLocation(raw: string): VcsLocation | null {
  const s = raw.trim();
  if (s === '' || /\s/.test(s)) return null;
  return gitLocation(s) ?? { url: s.replace(/#.*$/, ''), revision: null };
}

function splitRevision(s: string): VcsLocation | null {
  // The path starts after "scheme://authority" or after "user@host:" (scp-like).
  let pathStart: number;
  const scheme = s.indexOf('://');
  if (scheme >= 0) {
    const slash = s.indexOf('/', scheme + 3);
    if (slash < 0) return s.length > scheme + 3 ? { url: s, revision: null } : null;
    pathStart = slash;
  } else if (SCP_LIKE.test(s)) {
    pathStart = s.indexOf(':') + 1;
  } else {
    return null;
  }
  const at = s.lastIndexOf('@');
  if (at > pathStart) {
    const revision = s.slice(at + 1);
    return { url: s.slice(0, at), revision: revision === '' ? null : revision };
  }
  return { url: s, revision: null };
}
