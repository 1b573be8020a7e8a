#!/usr/bin/env bash
# Assemble the Neo4j Community server jars from Maven Central into the cache.
#
#   scripts/neo4j/fetch.sh        -> prints the lib dir on stdout
#
# Neo4j is only reachable here as Maven artifacts (no Docker, no tarballs), so
# the "distribution" is simply every runtime dependency of org.neo4j:neo4j,
# run with `java -cp 'lib/*' org.neo4j.server.CommunityEntryPoint`.
#
# Env:
#   NEO4J_VERSION          default 5.26.30 (newest 5.26 LTS on Maven Central when written)
#   SUPPLYGRAPH_CACHE_DIR  default $HOME/.cache/supplygraph
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="${NEO4J_VERSION:-5.26.30}"
cache_root="${SUPPLYGRAPH_CACHE_DIR:-${HOME:-/root}/.cache/supplygraph}"
dest="$cache_root/neo4j-$version"
lib="$dest/lib"

log() { printf '[neo4j-fetch] %s\n' "$*" >&2; }

# The .complete marker (not the dir's existence) is the cache key, so an
# interrupted download is never mistaken for a usable install.
if [[ -f "$lib/.complete" ]]; then
  printf '%s\n' "$lib"
  exit 0
fi

if ! command -v mvn >/dev/null 2>&1; then
  log "ERROR: 'mvn' not found; it is needed once to fetch Neo4j $version from Maven Central."
  log "       Install it (Debian: apt-get install -y maven) or pre-populate $lib."
  exit 1
fi

mkdir -p "$dest"
# Two concurrent test runs on one machine must not both write the same lib dir.
exec 9>"$dest/.lock"
flock 9
if [[ -f "$lib/.complete" ]]; then
  printf '%s\n' "$lib"
  exit 0
fi

tmp="$dest/lib.tmp.$$"
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT

log "fetching Neo4j $version jars from Maven Central into $lib (one-off, ~125 MB) ..."
start=$SECONDS
# prependGroupId: ~200 jars from many groups; avoids two artifacts with the
# same artifactId silently overwriting each other in a flat dir.
# The sed strips the stray ANSI resets Debian's Maven 3.8.7 prints even in
# batch mode; pipefail keeps mvn's exit status.
if ! mvn -B -q -Dstyle.color=never -f "$here/pom.xml" \
      -Dneo4j.version="$version" \
      dependency:copy-dependencies \
      -DincludeScope=runtime \
      -Dmdep.prependGroupId=true \
      -DoutputDirectory="$tmp" 2>&1 | sed -e $'s/\e\\[[0-9;]*m//g' >&2; then
  log "ERROR: maven could not resolve org.neo4j:neo4j:$version (see output above)."
  exit 1
fi

if ! compgen -G "$tmp/org.neo4j.app.neo4j-server-*.jar" >/dev/null; then
  log "ERROR: fetched jars lack org.neo4j.app:neo4j-server (CommunityEntryPoint); refusing to cache."
  exit 1
fi

touch "$tmp/.complete"
rm -rf "$lib"
mv "$tmp" "$lib"
trap - EXIT
log "fetched $(find "$lib" -name '*.jar' | wc -l) jars in $((SECONDS - start))s"
printf '%s\n' "$lib"
