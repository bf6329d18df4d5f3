#!/usr/bin/env bash
# Writes the man page of one m2pg program from its own --help and --version (help2man), so
# the page cannot drift from the flags: the build runs this for every tool.
#   packaging/man/make-man.sh PROGRAM OUT.1.gz
set -euo pipefail
program=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
# The summary is --help's line after the Usage: and or: lines ("m2pg check - readiness report
# ..."), from tools/common/synopsis.cpp; --version is "m2pg 0.1.0 (git abc)".
# awk reads to the end: leaving early would kill a long --help with SIGPIPE (exit 141 under pipefail).
summary=$("$program" --help | awk '!done && !/^(Usage:|  or:)/ { sub(/^m2pg[a-z ]* - /, ""); print; done = 1 }')
version=$("$program" --version)
number=$(echo "$version" | awk '{ print $2 }')
[ -n "$summary" ] || { echo "make-man.sh: $program --help has no summary line" >&2; exit 1; }
# The page's date is the commit's, not the build's, so rebuilding one commit gives one page.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || date +%s)}
help2man --no-info --no-discard-stderr --section=1 --source="$version" \
  --name="$summary" --version-string="$number" --include="$here/see-also.h2m" "$program" \
  | gzip -9n >"$out.tmp"
mv "$out.tmp" "$out"
