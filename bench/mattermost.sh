#!/usr/bin/env bash
# Times moving the REAL Mattermost v10.12 schema (built from ../shared/corpora, seeded by
# m2pg_seed_mattermost) from MariaDB into the schema Mattermost's own Postgres migrations make,
# data and indexes, two ways, each into a fresh database made by the same migrations:
#   migration-assist  its flow: pgloader with the command file its config.tmpl generates (data
#                     only into the app's schema with every app index live but the two full-text
#                     ones, dropped before load), then its post-migrate step (the two full-text
#                     indexes, one session)
#   m2pg              m2pg copy --profile mattermost (sets the app's indexes and constraints
#                     aside), then m2pg index --profile mattermost (puts them back, builds the
#                     full-text ones, ANALYZE); then m2pg verify, not timed, must say OK
# and prints wall time and peak RSS of each and the ratio.
#
#   bench/mattermost.sh [--posts N] [--keep]
#     --posts N  posts to seed (default 200000); every other table is sized from it
#     --keep     keep the databases (MariaDB mm_bench; Postgres mm_ma, mm_m2pg) afterwards
#
# Uses the throwaway servers of scripts/servers.sh (started if not running). Logs go to
# $M2PG_BUILD_DIR/bench-logs/mattermost-N (default build/).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${M2PG_BUILD_DIR:-$repo/build}
corpus=$repo/../shared/corpora/mattermost-v10.12
posts=200000
keep=0

die() { echo "bench/mattermost.sh: $*" >&2; exit 1; }
say() { printf '\n== %s\n' "$*" >&2; }
usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --posts) [ $# -ge 2 ] || die "--posts needs a value"; posts=$2; shift 2 ;;
    --posts=*) posts=${1#*=}; shift ;;
    --keep) keep=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done
[[ $posts =~ ^[1-9][0-9]*$ ]] || die "--posts wants a positive integer, got '$posts'"
[ -d "$corpus/postgres" ] || die "no Mattermost corpus at $corpus"

say "dependencies and build"
"$repo/scripts/install-deps.sh"
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
M2PG_BUILD_DIR=$build "$repo/scripts/build.sh" m2pg_tools m2pg_seed_mattermost >"$build/bench-build.log" 2>&1 \
  || die "build failed (see $build/bench-build.log)"
m2pg=$build/tools/m2pg

say "servers"
eval "$("$repo/scripts/servers.sh" start)"
export MYSQL_PWD=$M2PG_TEST_PASSWORD PGPASSWORD=$M2PG_TEST_PASSWORD
psql_cmd=(env PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1
          -p "$M2PG_TEST_PG_PORT" -U m2pg)
mysql_dsn="mysql://m2pg@127.0.0.1:$M2PG_TEST_MYSQL_PORT/mm_bench"
pg_dsn_for() { echo "postgresql://m2pg@127.0.0.1:$M2PG_TEST_PG_PORT/$1"; }
logs=$build/bench-logs/mattermost-$posts
rm -rf "$logs" && mkdir -p "$logs"

seconds_of() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
max_rss_mb() { cat "$@" | awk -F': ' '/Maximum resident set size/ { if ($2 > m) m = $2 } END { printf "%.0f", m / 1024 }'; }

say "seed: the real schema from the corpus, $posts posts (no planted problems: both flows must finish)"
mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$M2PG_TEST_MYSQL_PORT" -u m2pg -e "DROP DATABASE IF EXISTS mm_bench"
"$build/bench/m2pg_seed_mattermost" --mysql "$mysql_dsn" --posts "$posts" --no-problems --no-plugins \
  --corpora "$repo/../shared/corpora" >&2
"$m2pg" check "$mysql_dsn" --profile mattermost --migrations-dir "$corpus/postgres" \
  --output "$logs/mysql.output" --force >"$logs/check.log" 2>&1 || true

fresh_target() {  # the app's own schema at the source's version, as both flows start from it
  "${psql_cmd[@]}" -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  "$m2pg" schema "$(pg_dsn_for "$1")" --run-migrations --profile mattermost --migrations-dir "$corpus/postgres" \
    --applied-migrations "$logs/mysql.output" >"$logs/$1.schema.log" 2>&1 || die "schema failed: $logs/$1.schema.log"
}

say "migration-assist: pgloader (its config.tmpl), then post-migrate's full-text indexes"
fresh_target mm_ma
# The command file config.tmpl generates (research/anchors.md §3.7), passwords from the environment.
# pgloader sets the database's search_path to the renamed schema; migration-assist answers with an
# ALTER USER ... SET search_path, here the database's setting is reset instead (same effect,
# and the throwaway server's role keeps its default).
cat >"$logs/ma.load" <<EOF
LOAD DATABASE
    FROM mysql://m2pg@127.0.0.1:$M2PG_TEST_MYSQL_PORT/mm_bench
    INTO pgsql://m2pg@127.0.0.1:$M2PG_TEST_PG_PORT/mm_ma
WITH data only, workers = 8, concurrency = 1, multiple readers per thread, rows per range = 10000,
     prefetch rows = 10000, batch rows = 2500, create no tables, create no indexes, preserve index names
SET PostgreSQL PARAMETERS maintenance_work_mem to '128MB', work_mem to '12MB'
SET MySQL PARAMETERS net_read_timeout = '120', net_write_timeout = '120'
CAST column Channels.Type to "channel_type" drop typemod,
     column Teams.Type to "team_type" drop typemod,
     column UploadSessions.Type to "upload_session_type" drop typemod,
     column ChannelBookmarks.Type to "channel_bookmark_type" drop typemod,
     column Drafts.Priority to text,
     type int when (= precision 11) to integer drop typemod,
     type bigint when (= precision 20) to bigint drop typemod,
     type text to varchar drop typemod using remove-null-characters,
     type tinyint when (<= precision 4) to boolean using tinyint-to-boolean,
     type json to jsonb drop typemod using remove-null-characters
EXCLUDING TABLE NAMES MATCHING ~<IR_>, ~<focalboard>, ~<calls>, 'schema_migrations', 'db_migrations',
     'db_lock', 'configurations', 'configurationfiles', 'db_config_migrations'
BEFORE LOAD DO
  \$\$ ALTER SCHEMA public RENAME TO mm_bench; \$\$,
  \$\$ TRUNCATE TABLE mm_bench.systems; \$\$,
  \$\$ DROP INDEX IF EXISTS mm_bench.idx_posts_message_txt; \$\$,
  \$\$ DROP INDEX IF EXISTS mm_bench.idx_fileinfo_content_txt; \$\$
AFTER LOAD DO
  \$\$ ALTER SCHEMA mm_bench RENAME TO public; \$\$,
  \$\$ ALTER DATABASE mm_ma RESET search_path; \$\$;
EOF
ma_status=ok
/usr/bin/time -v -o "$logs/ma.pgloader.time" pgloader --dynamic-space-size 4096 --root-dir "$logs/pgloader" \
  "$logs/ma.load" >"$logs/ma.pgloader.log" 2>&1 || ma_status="pgloader failed ($logs/ma.pgloader.log)"
/usr/bin/time -v -o "$logs/ma.index.time" "${psql_cmd[@]}" -d mm_ma \
  -c "CREATE INDEX IF NOT EXISTS idx_fileinfo_content_txt ON fileinfo USING gin(to_tsvector('english', content))" \
  -c "CREATE INDEX IF NOT EXISTS idx_posts_message_txt ON posts USING gin(to_tsvector('english', message))" \
  >"$logs/ma.index.log" 2>&1 || ma_status="post-migrate failed ($logs/ma.index.log)"

say "m2pg: copy, then index (verify afterwards, not timed)"
fresh_target mm_m2pg
m2pg_status=ok
/usr/bin/time -v -o "$logs/m2pg.copy.time" "$m2pg" copy --mysql "$mysql_dsn" --postgres "$(pg_dsn_for mm_m2pg)" \
  --profile mattermost --yes >"$logs/m2pg.copy.log" 2>&1 || m2pg_status="copy failed ($logs/m2pg.copy.log)"
/usr/bin/time -v -o "$logs/m2pg.index.time" "$m2pg" index "$(pg_dsn_for mm_m2pg)" --profile mattermost \
  >"$logs/m2pg.index.log" 2>&1 || m2pg_status="index failed ($logs/m2pg.index.log)"
"$m2pg" verify --mysql "$mysql_dsn" --postgres "$(pg_dsn_for mm_m2pg)" --profile mattermost \
  >"$logs/m2pg.verify.log" 2>&1 || m2pg_status="verify did not say OK ($logs/m2pg.verify.log)"

posts_in() { "${psql_cmd[@]}" -d "$1" -tAc "SELECT count(*) FROM posts"; }
ma_data=$(seconds_of "$logs/ma.pgloader.time"); ma_index=$(seconds_of "$logs/ma.index.time")
m2_data=$(seconds_of "$logs/m2pg.copy.time"); m2_index=$(seconds_of "$logs/m2pg.index.time")
ma_total=$(awk "BEGIN { print $ma_data + $ma_index }"); m2_total=$(awk "BEGIN { print $m2_data + $m2_index }")

printf '\nMattermost v10.12, %s posts (%s in mm_ma, %s in mm_m2pg)\n' "$posts" "$(posts_in mm_ma)" "$(posts_in mm_m2pg)"
printf '%-18s %10s %10s %10s %12s  %s\n' flow 'data s' 'indexes s' 'total s' 'peak RSS MB' status
printf '%-18s %10.1f %10.1f %10.1f %12s  %s\n' migration-assist "$ma_data" "$ma_index" "$ma_total" \
  "$(max_rss_mb "$logs"/ma.*.time)" "$ma_status"
printf '%-18s %10.1f %10.1f %10.1f %12s  %s\n' m2pg "$m2_data" "$m2_index" "$m2_total" \
  "$(max_rss_mb "$logs"/m2pg.*.time)" "$m2pg_status"
printf 'm2pg / migration-assist: %.2f of the wall time\n' "$(awk "BEGIN { print $m2_total / $ma_total }")"

if [ "$keep" -eq 0 ]; then
  "${psql_cmd[@]}" -d postgres -c "DROP DATABASE IF EXISTS mm_ma" -c "DROP DATABASE IF EXISTS mm_m2pg"
  mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$M2PG_TEST_MYSQL_PORT" -u m2pg -e "DROP DATABASE mm_bench"
fi
