#!/bin/sh
# Installs m2pg from this air-gapped bundle, with no network: checks every file against
# SHA256SUMS first.
#   ./install.sh                 as root: m2pg and the dependencies not installed yet, with dpkg
#                                (remove with: apt-get remove m2pg && apt-get autoremove)
#   ./install.sh --prefix DIR    as anyone: unpack everything into DIR; run DIR/usr/bin/m2pg
#                                (remove with: rm -r DIR)
set -eu
cd "$(dirname "$0")"
if ! sha256sum --quiet --strict -c SHA256SUMS; then
  echo "install.sh: files differ from SHA256SUMS: the bundle is damaged; nothing installed" >&2
  exit 1
fi

if [ "${1:-}" = --prefix ]; then
  [ -n "${2:-}" ] || { echo "usage: ./install.sh [--prefix DIR]" >&2; exit 2; }
  mkdir -p "$2"
  # The programs look for their libraries in DIR/usr/lib/<arch> first (their RPATH), and
  # for profiles and templates in DIR/usr/share/m2pg.
  for deb in debs/*.deb; do dpkg-deb -x "$deb" "$2"; done
  echo "install.sh: m2pg unpacked into $2; run $2/usr/bin/m2pg (man: man -l $2/usr/share/man/man1/m2pg.1.gz)"
  exit 0
fi
[ $# -eq 0 ] || { echo "usage: ./install.sh [--prefix DIR]" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root, or use --prefix DIR" >&2; exit 2; }

# Only what is missing: a library already installed (maybe newer) is left as it is.
debs=""
deps=""
for deb in debs/*.deb; do
  pkg=$(dpkg-deb -f "$deb" Package)
  if [ "$pkg" != m2pg ] && dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
    continue
  fi
  debs="$debs $deb"
  [ "$pkg" = m2pg ] || deps="$deps $pkg"
done
# shellcheck disable=SC2086
dpkg -i $debs
# The libraries came in for m2pg: apt-get autoremove takes them away with it.
# shellcheck disable=SC2086
[ -z "$deps" ] || apt-mark auto $deps >/dev/null
echo "install.sh: installed $(dpkg-query -W -f='${Package} ${Version}' m2pg)$( [ -z "$deps" ] || echo " and$deps")"
