#!/usr/bin/env bash
# Puts a supported Node.js (22 or newer; installs 24 LTS) in reach and prints
# the directory that holds its `node`, `npm` and `npx` on stdout:
#
#   export PATH="$(bash scripts/install-node.sh):$PATH"
#
# - The machine's node is used when it is 22 or newer (nothing is installed).
# - Otherwise Node.js $SUPPLYGRAPH_NODE_VERSION (24.22.3, an LTS) is installed
#   once into ${SUPPLYGRAPH_CACHE_DIR:-~/.cache/supplygraph}/node-<version> and
#   reused from there. It comes from the npm registry, the one place the
#   project's machines reach that ships a whole Node distribution: the package
#   node-linux-<arch> holds the official build (bin/node), and the package npm
#   gives the matching npm/npx. Debian's own nodejs (18) is too old to run the
#   project; when no npm is present at all, Debian's npm is installed (as root)
#   only to fetch those two packages.
#
# Env: SUPPLYGRAPH_NODE_VERSION (default 24.22.3), SUPPLYGRAPH_NPM_VERSION
#      (default 11.21.3), SUPPLYGRAPH_CACHE_DIR (default ~/.cache/supplygraph).
set -euo pipefail

min_major=22
node_version="${SUPPLYGRAPH_NODE_VERSION:-24.22.3}"
npm_version="${SUPPLYGRAPH_NPM_VERSION:-11.21.3}"
cache_root="${SUPPLYGRAPH_CACHE_DIR:-${HOME:-/root}/.cache/supplygraph}"
dest="$cache_root/node-$node_version"

log() { printf '[install-node] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

major_of() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if command -v node >/dev/null 2>&1 && [[ "$(major_of node)" -ge $min_major ]]; then
  dirname "$(command -v node)"
  exit 0
fi

# The .complete marker (not the dir's existence) is the cache key, so an
# interrupted install is never mistaken for a usable one.
if [[ -f "$dest/.complete" ]]; then
  printf '%s\n' "$dest/bin"
  exit 0
fi

case "$(uname -m)" in
  x86_64|amd64) arch=x64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) die "no Node.js package for $(uname -m) in the npm registry; install Node.js >= $min_major by hand" ;;
esac

if ! command -v npm >/dev/null 2>&1; then
  [[ "$(id -u)" -eq 0 ]] || die "npm is needed once to fetch Node.js $node_version from the npm registry; install Debian's npm (apt-get install -y npm) or Node.js >= $min_major"
  log "no npm on this machine: installing Debian's npm, only to fetch Node.js $node_version"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm >&2
fi

mkdir -p "$dest"
# Two runs on one machine must not both write the same directory.
exec 9>"$dest/.lock"
flock 9
if [[ -f "$dest/.complete" ]]; then
  printf '%s\n' "$dest/bin"
  exit 0
fi

tmp="$(mktemp -d "$cache_root/node-install.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
log "installing Node.js $node_version and npm $npm_version from the npm registry into $dest (one-off, ~55 MB) ..."
# npm pack checks each tarball against the registry's integrity hash.
(cd "$tmp" && npm pack --silent --no-audit --no-fund "node-linux-$arch@$node_version" "npm@$npm_version" >&2)
mkdir -p "$tmp/node" "$tmp/node/lib/node_modules/npm"
tar -xzf "$tmp/node-linux-$arch-$node_version.tgz" -C "$tmp/node" --strip-components=1
tar -xzf "$tmp/npm-$npm_version.tgz" -C "$tmp/node/lib/node_modules/npm" --strip-components=1
# The node package ships bin/node only: npm and npx run npm's own CLI scripts
# with this node (wrappers, since a registry tarball keeps no exec bits).
for tool in npm npx; do
  printf '#!/bin/sh\nd="$(dirname "$0")"\nexec "$d/node" "$d/../lib/node_modules/npm/bin/%s-cli.js" "$@"\n' "$tool" >"$tmp/node/bin/$tool"
  chmod 755 "$tmp/node/bin/$tool"
done
got="$("$tmp/node/bin/node" --version)"
[[ "$got" == "v$node_version" ]] || die "the node-linux-$arch package gave node $got, expected v$node_version"
PATH="$tmp/node/bin:$PATH" npm --version >/dev/null || die "npm $npm_version does not run under node $got"

rm -rf "$dest/bin" "$dest/lib" "$dest/include" "$dest/share"
mv "$tmp/node/bin" "$tmp/node/lib" "$dest/"
touch "$dest/.complete"
log "Node.js $got ready in $dest/bin"
printf '%s\n' "$dest/bin"
