#!/usr/bin/env bash
# Builds m2pg and packs it for installing like any software, into build/packages/:
#   m2pg_VERSION_ARCH.deb                        apt install ./m2pg_VERSION_ARCH.deb
#   m2pg-VERSION-debian12-ARCH.tar (+ .sha256)   the air-gapped bundle: the .deb, the .debs
#                                                of its dependencies, install.sh, SHA256SUMS
# Details and measurements: packaging/README.md.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${M2PG_BUILD_DIR:-$repo/build}
"$repo/scripts/build.sh" m2pg_tools m2pg_man
"$repo/packaging/make-packages.sh" "$build"
