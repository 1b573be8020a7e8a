/**
 * Package identities that name the same package under a purl type some tools
 * spell differently: syft writes Alpine packages as `pkg:alpine/…`, OSV and the
 * purl spec say `pkg:apk/alpine/…`. Matching looks rules and versions up under
 * every spelling.
 */
export function equivalentPackageKeys(key: string): string[] {
  const m = /^pkg:apk\/alpine\/(.+)$/.exec(key) ?? /^pkg:alpine\/(.+)$/.exec(key);
  if (!m) return [key];
  return [`pkg:apk/alpine/${m[1]}`, `pkg:alpine/${m[1]}`];
}
