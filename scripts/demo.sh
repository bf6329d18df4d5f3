#!/usr/bin/env bash
# The README's demo command: installs dependencies, builds, starts throwaway MariaDB and
# PostgreSQL servers, loads the sample chat database (with its nasty cases) into MariaDB,
# and runs the whole m2pg pipeline into PostgreSQL, ending with verify's verdict:
#   check -> check --fix-* --apply -> schema --run-migrations -> copy -> index -> verify
# The servers keep running afterwards so you can look around; `scripts/servers.sh stop`
# ends them.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "installing dependencies"
"$repo/scripts/install-deps.sh"
step "building"
"$repo/scripts/build.sh" m2pg_tools
step "starting throwaway servers"
eval "$("$repo/scripts/servers.sh" start)"
step "loading the sample chat database into MariaDB"
"$repo/scripts/load-sample.sh" chat chat

m2pg=$repo/build/tools/m2pg
work=$repo/build/demo
mkdir -p "$work"
mysql_dsn="m2pg@tcp(127.0.0.1:$M2PG_TEST_MYSQL_PORT)/chat"
pg_dsn="postgresql://m2pg@127.0.0.1:$M2PG_TEST_PG_PORT/chat"
# Passwords travel in the environment, never on the command line.
export MYSQL_PWD=$M2PG_TEST_PASSWORD PGPASSWORD=$M2PG_TEST_PASSWORD
psql -X -q "postgresql://m2pg@127.0.0.1:$M2PG_TEST_PG_PORT/postgres" \
  -c 'DROP DATABASE IF EXISTS chat WITH (FORCE)' -c 'CREATE DATABASE chat'
rm -f "$work/mysql.output" "$work/mysql-fixed.output"

step "1 m2pg check: what would break the migration (exit 1 means blockers remain)"
"$m2pg" check "$mysql_dsn" --profile chat --output "$work/mysql.output" || echo "(check exit code $?: blockers found, fixing them next)"

step "1 m2pg check --fix-artifacts --fix-unicode --apply: fix them, archiving every changed row"
"$m2pg" check "$mysql_dsn" --profile chat --fix-artifacts --fix-unicode --apply --output "$work/mysql-fixed.output"

step "2 m2pg schema --run-migrations: the app's Postgres schema, the same migrations MySQL had (from the report)"
"$m2pg" schema "$pg_dsn" --run-migrations --profile chat --applied-migrations "$work/mysql-fixed.output"

step "3 m2pg copy: every row, exactly (what had to change is counted per column)"
"$m2pg" copy --mysql "$mysql_dsn" --postgres "$pg_dsn" --profile chat --yes

step "4 m2pg index: full-text and every other index"
"$m2pg" index "$pg_dsn" --profile chat --create-indexes

step "tables now in PostgreSQL"
psql -X "$pg_dsn" -c '\dt+'

step "5 m2pg verify: is the copy exact?"
"$m2pg" verify --mysql "$mysql_dsn" --postgres "$pg_dsn" --profile chat
