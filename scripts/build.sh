#!/usr/bin/env bash
# Configures and builds m2pg into build/ (tools in build/tools, tests in build/tests).
#   scripts/build.sh [TARGET...]   e.g. m2pg_tools for the tools only (the demo); default: all
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${M2PG_BUILD_DIR:-$repo/build}
# ccache hashes paths relative to the repo, so a fresh clone elsewhere reuses the cache.
export CCACHE_BASEDIR=$repo CCACHE_NOHASHDIR=true
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE="${M2PG_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$build" -j "$(nproc)" "${targets[@]}"
