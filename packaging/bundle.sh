#!/usr/bin/env bash
# Builds the air-gapped bundle: one tarball holding the m2pg .deb, the .debs of every runtime
# dependency that a minimal Debian 12 (debootstrap --variant=minbase: the Priority: required
# packages and what they need) lacks, install.sh and SHA256SUMS; next to it TARBALL.sha256 for
# checking the copy carried across. Dependencies are resolved on this (build) machine, where
# they are installed, and taken from apt's cache or downloaded.
#   packaging/bundle.sh M2PG.deb OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
deb=$(realpath "$1")
out=$(realpath "$2")
version=$(dpkg-deb -f "$deb" Version)
arch=$(dpkg-deb -f "$deb" Architecture)
name=m2pg-$version-debian12-$arch
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/$name/debs" "$out"

roots=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/(.*)//; s/^ *//; s/ *$//; s/ *| */|/g')
# shellcheck disable=SC2086
needed=$(comm -23 <("$here/deb-closure.sh" $roots) <("$here/deb-closure.sh" --minimal))

# apt's candidate versions, not the installed ones: they are what the archive serves now (an
# installed version superseded by a security update is gone from it) and they fit together.
fetch() {
  local candidates ver file downloads=()
  # shellcheck disable=SC2086
  candidates=$(apt-cache policy $needed | awk '/^[^ ]/ { sub(/:$/, ""); pkg = $1 } /Candidate:/ { print pkg, $2 }')
  for pkg in $needed; do
    ver=$(awk -v p="$pkg" '$1 == p { print $2 }' <<<"$candidates")
    [ -n "$ver" ] && [ "$ver" != "(none)" ] || ver=$(dpkg-query -W -f='${Version}' "$pkg")
    file=${pkg}_${ver//:/%3a}_$(dpkg-query -W -f='${Architecture}' "$pkg").deb
    if [ -f "/var/cache/apt/archives/$file" ]; then
      cp "/var/cache/apt/archives/$file" "$work/$name/debs/"
    else
      downloads+=("$pkg=$ver")
    fi
  done
  [ "${#downloads[@]}" -eq 0 ] || (cd "$work/$name/debs" && apt-get download -qq "${downloads[@]}" 2>/dev/null)
}
if ! fetch; then
  # apt's package lists may be older than the archive: refresh them once (as root) and retry.
  [ "$(id -u)" -eq 0 ] || { echo "bundle.sh: download failed; run apt-get update and try again" >&2; exit 1; }
  rm -f "$work/$name/debs"/*.deb
  apt-get update -qq
  fetch || { echo "bundle.sh: cannot get the dependencies' .debs (apt's cache, then the archive)" >&2; exit 1; }
fi
[ "$(ls "$work/$name/debs" | wc -l)" -eq "$(echo $needed | wc -w)" ] ||
  { echo "bundle.sh: got $(ls "$work/$name/debs" | wc -l) .debs for $(echo $needed | wc -w) packages" >&2; exit 1; }
cp "$deb" "$work/$name/debs/"
install -m 755 "$here/bundle-install.sh" "$work/$name/install.sh"
(cd "$work/$name" && sha256sum install.sh debs/*.deb >SHA256SUMS)

tar -C "$work" -cf "$out/$name.tar" "$name"
(cd "$out" && sha256sum "$name.tar" >"$name.tar.sha256")
echo "bundle.sh: $out/$name.tar ($(du -h "$out/$name.tar" | cut -f1), $(ls "$work/$name/debs" | wc -l) .debs: m2pg and $(echo $needed | wc -w) dependencies)"
