#!/usr/bin/env bash
# The README's test command: installs dependencies, builds, starts throwaway MariaDB and
# PostgreSQL servers, runs every ctest (unit, integration, corpora), stops the servers.
# Extra arguments go to ctest, e.g. scripts/test.sh -L unit or -R dsn.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
"$repo/scripts/install-deps.sh"
"$repo/scripts/build.sh"
# Our own state dir, so a developer's running servers are left alone.
export M2PG_SERVERS_STATE=$repo/build/test-servers
trap '"$repo/scripts/servers.sh" stop' EXIT
eval "$("$repo/scripts/servers.sh" start)"
cd "$repo/build"
ctest --output-on-failure -j "$(nproc)" "$@"
