#!/usr/bin/env bash
# From a finished build: the Debian package (CPack) and the air-gapped bundle, into
# BUILD/packages. scripts/package.sh builds first; the packaging tests call this directly.
#   packaging/make-packages.sh BUILD_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(realpath "$1")
out=$build/packages
rm -rf "$out"
(cd "$build" && cpack -G DEB --config CPackConfig.cmake >"$build/cpack.log" 2>&1) ||
  { cat "$build/cpack.log" >&2; exit 1; }
deb=$(ls "$out"/m2pg_*.deb)
echo "make-packages.sh: $deb ($(du -h "$deb" | cut -f1)), Depends: $(dpkg-deb -f "$deb" Depends)"
"$here/bundle.sh" "$deb" "$out"
rm -rf "$out/_CPack_Packages"
