#!/usr/bin/env bash
# The README's demo command: installs dependencies, builds, starts throwaway MariaDB and
# PostgreSQL servers, loads the sample chat database (with its nasty cases) into MariaDB,
# and runs the m2pg pipeline into PostgreSQL. The servers keep running afterwards so you
# can look around; `scripts/servers.sh stop` ends them.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "installing dependencies"
"$repo/scripts/install-deps.sh"
step "building"
"$repo/scripts/build.sh"
step "starting throwaway servers"
eval "$("$repo/scripts/servers.sh" start)"
step "loading the sample chat database into MariaDB"
"$repo/scripts/load-sample.sh" chat chat

m2pg=$repo/build/tools/m2pg
mysql_dsn="m2pg@tcp(127.0.0.1:$M2PG_TEST_MYSQL_PORT)/chat"
pg_dsn="postgresql://m2pg@127.0.0.1:$M2PG_TEST_PG_PORT/chat"
# Passwords travel in the environment, never on the command line.
export MYSQL_PWD=$M2PG_TEST_PASSWORD PGPASSWORD=$M2PG_TEST_PASSWORD
psql -X -q "postgresql://m2pg@127.0.0.1:$M2PG_TEST_PG_PORT/postgres" \
  -c 'DROP DATABASE IF EXISTS chat WITH (FORCE)' -c 'CREATE DATABASE chat'

step "m2pg schema generate: the Postgres DDL generated from the MySQL catalog"
"$m2pg" schema generate --from-mysql "$mysql_dsn"

step "m2pg schema: creating the tables in PostgreSQL"
"$m2pg" schema "$pg_dsn" --from-mysql "$mysql_dsn"

step "m2pg copy: streaming every row (NUL bytes, zero dates, JSON \\u0000 are counted below)"
"$m2pg" copy --mysql "$mysql_dsn" --postgres "$pg_dsn" --yes

step "tables now in PostgreSQL"
psql -X "$pg_dsn" -c '\dt+'
