#!/usr/bin/env bash
# Prints, one a line, the installed packages that ROOT... need, transitively, through Depends
# and Pre-Depends: of alternatives the first installed one, a virtual package by its installed
# provider. With --minimal, what a minimal Debian (debootstrap --variant=minbase) holds: the
# Priority: required packages and what they need. Reads dpkg's database of this machine.
#   packaging/deb-closure.sh ROOT...  |  packaging/deb-closure.sh --minimal
set -euo pipefail
if [ "${1:-}" = --minimal ]; then
  # shellcheck disable=SC2046
  set -- $(dpkg-query -W -f='${db:Status-Abbrev} ${Priority} ${Package}\n' | awk '$1 ~ /^ii/ && $2 == "required" { print $3 }')
fi
dpkg-query -W -f='${db:Status-Abbrev}\t${Package}\t${Depends}, ${Pre-Depends}\t${Provides}\n' |
  awk -F'\t' -v roots="$*" '
    function bare(s) { sub(/^[ \t]+/, "", s); sub(/[ \t(:].*$/, "", s); return s }
    $1 ~ /^ii/ {
      installed[$2] = 1; deps[$2] = $3
      n = split($4, pv, ","); for (i = 1; i <= n; i++) if (bare(pv[i]) != "") provider[bare(pv[i])] = $2
    }
    function pick(alts,   n, a, i, name) {
      n = split(alts, a, "|")
      for (i = 1; i <= n; i++) { name = bare(a[i]); if (name in installed) return name }
      for (i = 1; i <= n; i++) { name = bare(a[i]); if (name in provider) return provider[name] }
      return ""
    }
    function visit(pkg,   n, d, i, dep) {
      if (pkg == "" || (pkg in seen)) return
      seen[pkg] = 1
      n = split(deps[pkg], d, ",")
      for (i = 1; i <= n; i++) if (bare(d[i]) != "") { dep = pick(d[i]); if (dep == "") missing[d[i]] = pkg; else visit(dep) }
    }
    END {
      n = split(roots, r, " "); for (i = 1; i <= n; i++) visit(pick(r[i]) != "" ? pick(r[i]) : r[i])
      for (m in missing) printf "deb-closure.sh: %s (needed by %s) is not installed here\n", m, missing[m] > "/dev/stderr"
      for (pkg in seen) print pkg
    }' | sort

