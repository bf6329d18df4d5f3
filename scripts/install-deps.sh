#!/usr/bin/env bash
# Installs every Debian 12 package that building, testing and the demo need.
# Idempotent: apt-get skips what is already installed. Runs as root (or via sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libmariadb-dev libmariadb-dev-compat
  libpq-dev
  libicu-dev libcli11-dev libtoml11-dev doctest-dev libfmt-dev nlohmann-json3-dev libssl-dev ccache
  mariadb-server mariadb-client
  postgresql-15 postgresql-client-15
  xz-utils procps
  openssl  # scripts/servers.sh makes a throwaway CA and certificates for the TLS tests
  eatmydata  # the throwaway MariaDB runs under it: its DDL fsyncs (ddl_recovery.log, redo log) made
             # building the real Mattermost schema take 28 s instead of a few
  help2man man-db file  # man pages from --help at build time, `man -l` in the packaging test; file: CPack's shlibdeps
  pgloader  # m2pg pgloader's integration test runs the real one on the file it writes
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
# policy-rc.d keeps the distro's own mariadb/postgresql services from starting:
# m2pg only ever uses the throwaway instances from scripts/servers.sh.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
  "${sudo_cmd[@]}" chmod +x "$policy"
  created_policy=1
fi
trap '[ "$created_policy" = 1 ] && "${sudo_cmd[@]}" rm -f "$policy"' EXIT
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
