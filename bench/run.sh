#!/usr/bin/env bash
# Times copying a generated chat database from MariaDB to PostgreSQL with three contenders,
# each into a freshly created, empty database:
#   raw pipe  `mariadb -B | psql \copy` per table, --jobs tables at a time: the conversion-free floor
#   pgloader  the Debian package, with a command file in migration-assist's style
#   m2pg      `m2pg copy --jobs N` (its default, 4)
# and prints wall time, rows/s and peak RSS for each, checking row counts afterwards.
# With --end-to-end the job is the whole migration, data and indexes: MariaDB's bench gets
# three FULLTEXT indexes (bench/fulltext.sql), and the contenders are
#   raw pipe  the same pipe, then bench/pg_indexes.sql (the CREATE INDEX statements m2pg runs,
#             then ANALYZE) in one psql session
#   pgloader  the same command file with create indexes (and its foreign-key-free schema)
#   m2pg      `m2pg copy --create-tables --with-indexes` (copy and index as one pipeline)
# printing per-phase times and the CPU seconds of each process (tool, PostgreSQL, MariaDB).
#
#   bench/run.sh [--rows N] [--jobs N] [--end-to-end] [--keep]
#     --rows N       number of posts (default 200000); users, channels, files, reactions scale with it
#     --jobs N       parallel streams for the raw pipe and m2pg (default 4, m2pg's default)
#     --end-to-end   data and every index, full-text included, and ANALYZE (see above)
#     --keep         keep the databases (MariaDB bench; Postgres bench_raw, bench_pgloader,
#                    bench_m2pg) after the run instead of dropping them
#
# Uses the throwaway servers of scripts/servers.sh (started if not running). Generated data is
# cached in $M2PG_BUILD_DIR/bench-data/N (default build/), logs go to .../bench-logs/N.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${M2PG_BUILD_DIR:-$repo/build}
rows=200000
parallel=4
keep=0
e2e=0

die() { echo "bench/run.sh: $*" >&2; exit 1; }
say() { printf '\n== %s\n' "$*" >&2; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
usage() { sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --rows) [ $# -ge 2 ] || die "--rows needs a value"; rows=$2; shift 2 ;;
    --rows=*) rows=${1#*=}; shift ;;
    --jobs) [ $# -ge 2 ] || die "--jobs needs a value"; parallel=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --end-to-end) e2e=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done
[[ $rows =~ ^[1-9][0-9]*$ ]] || die "--rows wants a positive integer, got '$rows'"

# ---------------------------------------------------------------------------------------------
say "dependencies"
"$repo/scripts/install-deps.sh"
extra=()
command -v pgloader >/dev/null || extra+=(pgloader)
[ -x /usr/bin/time ] || extra+=(time)
if [ "${#extra[@]}" -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "installing ${extra[*]}" >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${extra[@]}" \
    || { "${sudo_cmd[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
         --no-install-recommends "${extra[@]}"; }
fi

# ---------------------------------------------------------------------------------------------
say "build"
mkdir -p "$build"
generator=$build/generate_chat
if [ ! -x "$generator" ] || [ "$repo/bench/generate_chat.cpp" -nt "$generator" ]; then
  g++ -O2 -std=c++20 "$repo/bench/generate_chat.cpp" -o "$generator"
fi
# A broken m2pg build only costs the m2pg column: the other contenders do not need it.
if ! M2PG_BUILD_DIR=$build "$repo/scripts/build.sh" >"$build/bench-build.log" 2>&1; then
  echo "m2pg build failed (see $build/bench-build.log); the m2pg run will be skipped" >&2
fi

# ---------------------------------------------------------------------------------------------
say "servers"
eval "$("$repo/scripts/servers.sh" start)"
# Passwords travel in the environment, never on a command line (MYSQL_PWD: mariadb, pgloader;
# PGPASSWORD: psql, pgloader).
export MYSQL_PWD=$M2PG_TEST_PASSWORD PGPASSWORD=$M2PG_TEST_PASSWORD
# scripts/servers.sh starts PostgreSQL with ssl=on (for the TLS tests), and libpq's default
# sslmode=prefer would then encrypt the loopback for psql and m2pg alike (about 20% of m2pg's
# copy at 200,000 posts). Measure without TLS, as before; PGSSLMODE=prefer bench/run.sh to see it.
export PGSSLMODE=${PGSSLMODE:-disable}
mysql_cmd=(mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$M2PG_TEST_MYSQL_PORT" -u m2pg
           --default-character-set=utf8mb4)
psql_cmd=(env PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$M2PG_TEST_PG_PORT" -U m2pg)
# m2pg takes the passwords from the same variables (see `m2pg --help`).
mysql_dsn="mysql://m2pg@127.0.0.1:$M2PG_TEST_MYSQL_PORT/bench"
pg_dsn_for() { echo "postgresql://m2pg@127.0.0.1:$M2PG_TEST_PG_PORT/$1"; }

# ---------------------------------------------------------------------------------------------
say "data: $rows posts"
data=$build/bench-data/$rows
stamp=$(sha256sum "$repo/bench/generate_chat.cpp" | cut -c1-16)
if [ "$(cat "$data/.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$data"
  start=$(date +%s.%N)
  "$generator" --posts "$rows" --out "$data" >/dev/null
  echo "$stamp" >"$data/.stamp"
  printf 'generated in %.1f s into %s\n' "$(calc "$(date +%s.%N) - $start")" "$data" >&2
else
  echo "reusing $data" >&2
fi
tables=() expected=()
while IFS=$'\t' read -r table count; do tables+=("$table"); expected+=("$count"); done <"$data/counts.txt"
raw_tables=(Posts FileInfo Reactions Users Channels)  # largest first, so the pair stays busy

"${mysql_cmd[@]}" -e 'DROP DATABASE IF EXISTS bench; CREATE DATABASE bench CHARACTER SET utf8mb4'
"${mysql_cmd[@]}" bench <"$repo/bench/schema.sql"
start=$(date +%s.%N)
warnings=$(cd "$data" && "${mysql_cmd[@]}" --local-infile=1 --show-warnings bench <load.sql 2>&1) \
  || die "loading MariaDB failed: $warnings"
[ -z "$warnings" ] || die "LOAD DATA reported problems: $(echo "$warnings" | head -20)"
for i in "${!tables[@]}"; do
  got=$("${mysql_cmd[@]}" -N -B bench -e "SELECT COUNT(*) FROM ${tables[$i]}")
  [ "$got" = "${expected[$i]}" ] || die "MariaDB ${tables[$i]} holds $got rows, expected ${expected[$i]}"
done
printf 'loaded MariaDB database bench in %.1f s\n' "$(calc "$(date +%s.%N) - $start")" >&2
if [ "$e2e" = 1 ]; then
  start=$(date +%s.%N)
  "${mysql_cmd[@]}" bench <"$repo/bench/fulltext.sql"
  printf 'added the FULLTEXT indexes in %.1f s\n' "$(calc "$(date +%s.%N) - $start")" >&2
fi

# ---------------------------------------------------------------------------------------------
logs=$build/bench-logs/$rows
rm -rf "$logs"
mkdir -p "$logs"

fresh_pg_db() {
  "${psql_cmd[@]}" -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1 OWNER m2pg"
  "${psql_cmd[@]}" -d postgres -c CHECKPOINT  # start every run with no dirty pages left behind
}

max_rss_kb() {  # /usr/bin/time -v outputs → the largest "Maximum resident set size"
  cat "$@" 2>/dev/null | awk -F': ' '/Maximum resident set size/ { if ($2 > m) m = $2 } END { print m + 0 }'
}

# The raw pipe cannot convert, so each SELECT does by hand what a converter would: NUL bytes
# and the \u0000 JSON escape (which jsonb rejects) are removed and binary goes out as \x hex.
# mariadb -B prints NULL as the word NULL, hence COPY ... NULL 'NULL' (no chat value is 'NULL').
raw_select() {
  case $1 in
    Posts) cat <<'SQL' ;;
SELECT Id, CreateAt, UpdateAt, EditAt, DeleteAt, IsPinned, UserId, ChannelId, RootId,
       REPLACE(Message, CHAR(0), ''), Type, REPLACE(Props, '\\u0000', ''), Hashtags, FileIds FROM Posts
SQL
    FileInfo) cat <<'SQL' ;;
SELECT Id, CreatorId, PostId, CreateAt, Path, Name, Extension, Size, MimeType, Width, Height,
       HasPreviewImage, REPLACE(Content, CHAR(0), ''), CONCAT('\\x', HEX(Checksum)) FROM FileInfo
SQL
    *) echo "SELECT * FROM $1" ;;
  esac
}

raw_copy_table() {
  local table=$1 lower=${1,,}
  set -o pipefail
  /usr/bin/time -v -o "$logs/raw.$table.mysql.time" "${mysql_cmd[@]}" --quick -B -N bench -e "$(raw_select "$table")" \
    | /usr/bin/time -v -o "$logs/raw.$table.psql.time" "${psql_cmd[@]}" -d bench_raw \
        -c "\\copy $lower FROM STDIN WITH (NULL 'NULL')"
}

run_raw() {
  "${psql_cmd[@]}" -d bench_raw -f "$repo/bench/pg_schema.sql"
  local table
  for table in "${raw_tables[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
    ( raw_copy_table "$table" >"$logs/raw.$table.log" 2>&1; echo $? >"$logs/raw.$table.rc" ) &
  done
  wait
  local failed=0
  for table in "${raw_tables[@]}"; do
    if [ "$(cat "$logs/raw.$table.rc")" != 0 ]; then
      echo "raw pipe: $table failed: $(head -5 "$logs/raw.$table.log")" >&2
      failed=1
    fi
  done
  [ "$failed" = 0 ] || return 1
  [ "$e2e" = 1 ] || return 0
  # The same indexes as m2pg's, one statement after the other in one session, then ANALYZE.
  local start
  start=$(date +%s.%N)
  phase[raw.copy]=$(calc "$start - $contender_start")
  /usr/bin/time -v -o "$logs/raw.indexes.time" "${psql_cmd[@]}" -d bench_raw -f "$repo/bench/pg_indexes.sql" \
    >"$logs/raw.indexes.log" 2>&1 || { tail -5 "$logs/raw.indexes.log" >&2; return 1; }
  phase[raw.indexes]=$(calc "$(date +%s.%N) - $start")
}

run_pgloader() {
  local pg_db=bench_pgloader
  sed -e "s/@MYSQL_USER@/m2pg/; s/@MYSQL_HOST@/127.0.0.1/; s/@MYSQL_PORT@/$M2PG_TEST_MYSQL_PORT/" \
      -e "s/@MYSQL_DB@/bench/g; s/@PG_USER@/m2pg/; s/@PG_HOST@/127.0.0.1/; s/@PG_PORT@/$M2PG_TEST_PG_PORT/" \
      -e "s/@PG_DB@/$pg_db/" "$repo/bench/pgloader.load.template" >"$logs/bench.load"
  local heap=()
  if [ "$e2e" = 1 ]; then
    # The same job as the others: tables and their indexes (FULLTEXT ones included), with a
    # heap that holds 2,000,000 posts (SBCL's runtime option, before pgloader's own).
    sed -i -e 's/create no indexes, no foreign keys/create indexes, no foreign keys/' "$logs/bench.load"
    heap=(--dynamic-space-size "${PGLOADER_HEAP_MB:-8192}")
  fi
  # pgloader exits 0 even when it gave up on a table, so the row counts are the real verdict.
  /usr/bin/time -v -o "$logs/pgloader.time" pgloader "${heap[@]}" --root-dir "$logs/pgloader" "$logs/bench.load" \
    >"$logs/pgloader.log" 2>&1 || { tail -20 "$logs/pgloader.log" >&2; return 1; }
  grep -E ' (ERROR|FATAL) ' "$logs/pgloader.log" | head -10 >&2 || true
}

run_m2pg() {
  local pipeline=()
  [ "$e2e" = 1 ] && pipeline=(--with-indexes)
  /usr/bin/time -v -o "$logs/m2pg.time" "$build/tools/m2pg" copy --mysql "$mysql_dsn" \
    --postgres "$(pg_dsn_for bench_m2pg)" --jobs "$parallel" --yes --create-tables "${pipeline[@]}" \
    >"$logs/m2pg.log" 2>&1 || { tail -20 "$logs/m2pg.log" >&2; return 1; }
  if [ "$e2e" = 1 ]; then
    # "m2pg copy: 12.34 s in all: copy 3.21 s, then indexes 9.13 s more (session time: builds 15.00 s, ANALYZE 2.00 s)"
    local line
    line=$(grep -E '^m2pg copy: [0-9.]+ s in all' "$logs/m2pg.log" | tail -1)
    phase[m2pg.copy]=$(sed -E 's/.* copy ([0-9.]+) s.*/\1/' <<<"$line")
    phase[m2pg.indexes]=$(sed -E 's/.*then indexes ([0-9.]+) s more.*/\1/' <<<"$line")
    phase[m2pg.builds]=$(sed -E 's/.*builds ([0-9.]+) s.*/\1/' <<<"$line")
    phase[m2pg.analyze]=$(sed -E 's/.*ANALYZE ([0-9.]+) s.*/\1/' <<<"$line")
  fi
}

# CPU seconds (user + system) of a server: the process, its live children, and the children
# it has reaped (a PostgreSQL backend that ended is counted by the postmaster's cutime).
server_cpu_ticks() {
  local pid=$1 total=0 child
  local -a f
  read -r -a f <"/proc/$pid/stat" || { echo 0; return; }
  total=$((f[13] + f[14] + f[15] + f[16]))
  for child in $(pgrep -P "$pid"); do
    read -r -a f <"/proc/$child/stat" 2>/dev/null || continue
    total=$((total + f[13] + f[14]))
  done
  echo "$total"
}
postmaster_pid=$(head -n1 "$("${psql_cmd[@]}" -At -d postgres -c "SHOW data_directory")/postmaster.pid")
mariadbd_pid=$(cat "$("${mysql_cmd[@]}" -N -B -e 'SELECT @@pid_file')" 2>/dev/null || echo "")
clk_tck=$(getconf CLK_TCK)

tool_cpu_s() {  # /usr/bin/time -v outputs → user + system seconds summed
  cat "$@" 2>/dev/null | awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }'
}

# Results, one entry per contender that ran.
declare -A wall=() rss=() moved=() status=() counted=() phase=() cpu=() indexes=()
contender_start=0

count_rows() {  # contender pg_db table... → fills counted[contender.table], moved[contender]
  local who=$1 db=$2 total=0 table n; shift 2
  for table in "$@"; do
    n=$("${psql_cmd[@]}" -At -d "$db" -c "SELECT count(*) FROM ${table,,}" 2>/dev/null) || n=missing
    counted[$who.$table]=$n
    [[ $n =~ ^[0-9]+$ ]] && total=$((total + n))
  done
  moved[$who]=$total
}

contend() {  # name pg_db runner tables...
  local who=$1 db=$2 runner=$3; shift 3
  say "$who"
  fresh_pg_db "$db"
  local start end pg_before my_before
  pg_before=$(server_cpu_ticks "$postmaster_pid")
  my_before=$(server_cpu_ticks "${mariadbd_pid:-1}")
  start=$(date +%s.%N)
  contender_start=$start
  if "$runner"; then status[$who]=ok; else status[$who]=FAILED; fi
  end=$(date +%s.%N)
  wall[$who]=$(calc "$end - $start")
  cpu[$who.postgres]=$(calc "($(server_cpu_ticks "$postmaster_pid") - $pg_before) / $clk_tck")
  cpu[$who.mariadb]=$(calc "($(server_cpu_ticks "${mariadbd_pid:-1}") - $my_before) / $clk_tck")
  count_rows "$who" "$db" "$@"
  indexes[$who]=$("${psql_cmd[@]}" -At -d "$db" -c "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'")
  printf '%s: %.2f s, %s rows (%s)\n' "$who" "${wall[$who]}" "${moved[$who]}" "${status[$who]}" >&2
  # Untimed: vacuum the fresh rows now, so autovacuum does not run during the next contender.
  "${psql_cmd[@]}" -d "$db" -c "VACUUM (ANALYZE)" >/dev/null
}

contend raw bench_raw run_raw "${raw_tables[@]}"
rss[raw]=$(max_rss_kb "$logs"/raw.*.time)
cpu[raw.tool]=$(tool_cpu_s "$logs"/raw.*.time)
contend pgloader bench_pgloader run_pgloader "${tables[@]}"
rss[pgloader]=$(max_rss_kb "$logs/pgloader.time")
cpu[pgloader.tool]=$(tool_cpu_s "$logs/pgloader.time")
if [ -x "$build/tools/m2pg-copy" ]; then
  contend m2pg bench_m2pg run_m2pg "${tables[@]}"
  rss[m2pg]=$(max_rss_kb "$logs/m2pg.time")
  cpu[m2pg.tool]=$(tool_cpu_s "$logs/m2pg.time")
else
  say "m2pg"
  echo "m2pg copy: not built yet" >&2
fi

# ---------------------------------------------------------------------------------------------
say "row counts in PostgreSQL"
contenders=(raw pgloader)
[ -n "${wall[m2pg]:-}" ] && contenders+=(m2pg)
mismatches=0
printf '%-10s %10s' table expected
for who in "${contenders[@]}"; do printf ' %10s' "$who"; done
echo
for i in "${!tables[@]}"; do
  table=${tables[$i]}
  printf '%-10s %10s' "$table" "${expected[$i]}"
  for who in "${contenders[@]}"; do
    n=${counted[$who.$table]:-}
    if [ -z "$n" ]; then
      printf ' %10s' "-"
    elif [ "$n" = "${expected[$i]}" ]; then
      printf ' %10s' "$n"
    else
      printf ' %10s' "!!$n"
      mismatches=$((mismatches + 1))
      status[$who]="rows differ"
    fi
  done
  echo
done

say "results: $rows posts (raw pipe: ${raw_tables[*]}; the others: all ${#tables[@]} tables)"
printf '%-10s %8s %10s %12s %12s  %s\n' contender 'wall s' rows 'rows/s' 'peak RSS MB' status
for who in "${contenders[@]}"; do
  printf '%-10s %8.2f %10s %12.0f %12.1f  %s\n' "$who" "${wall[$who]}" "${moved[$who]}" \
    "$(calc "${moved[$who]} / ${wall[$who]}")" "$(calc "${rss[$who]} / 1024")" "${status[$who]}"
done
echo "(raw pipe RSS: the largest single mariadb or psql process)"
if [ -n "${wall[m2pg]:-}" ]; then
  printf 'm2pg / pgloader wall time: %.2f\n' "$(calc "${wall[m2pg]} / ${wall[pgloader]}")"
  printf 'm2pg / raw pipe wall time: %.2f (raw pipe skips Types)\n' "$(calc "${wall[m2pg]} / ${wall[raw]}")"
else
  echo "m2pg: pending (not built yet)"
fi

say "CPU seconds (user + system) and indexes"
printf '%-10s %8s %10s %10s %10s %10s  %s\n' contender tool postgres mariadb total 'total/cores' 'indexes in public'
for who in "${contenders[@]}"; do
  total=$(calc "${cpu[$who.tool]} + ${cpu[$who.postgres]} + ${cpu[$who.mariadb]}")
  printf '%-10s %8.2f %10.2f %10.2f %10.2f %10.2f  %s\n' "$who" "${cpu[$who.tool]}" "${cpu[$who.postgres]}" \
    "${cpu[$who.mariadb]}" "$total" "$(calc "$total / $(nproc)")" "${indexes[$who]}"
done
echo "(tool: /usr/bin/time of the contender's processes, for the raw pipe every mariadb and psql; servers: /proc of"
echo " mariadbd and of the postmaster with its children, reaped ones included, over the contender's run)"
if [ "$e2e" = 1 ]; then
  say "phases (end to end)"
  printf 'raw pipe: copy %.2f s, then CREATE INDEX ... and ANALYZE in one session %.2f s\n' \
    "${phase[raw.copy]:-0}" "${phase[raw.indexes]:-0}"
  if [ -n "${wall[m2pg]:-}" ]; then
    printf 'm2pg:     copy %.2f s, then indexes %.2f s more (session time: builds %.2f s, ANALYZE %.2f s)\n' \
      "${phase[m2pg.copy]:-0}" "${phase[m2pg.indexes]:-0}" "${phase[m2pg.builds]:-0}" "${phase[m2pg.analyze]:-0}"
  fi
  echo "pgloader: its own summary (seconds per step):"
  grep -E '^ *(fetch meta data|Create Schemas|Create SQL Types|Create tables|Set Table OIDs|COPY Threads Completion|Create Indexes|Index Build Completion|Reset Sequences|Primary Keys|Create Foreign Keys|Create Triggers|Install Comments|Total import time)' \
    "$logs/pgloader.log" | sed 's/^/  /' || echo "  (no summary in $logs/pgloader.log)"
  # Same indexes: the raw pipe's and m2pg's definitions, names aside, must be equal.
  if [ -n "${wall[m2pg]:-}" ]; then
    defs() { "${psql_cmd[@]}" -At -d "$1" -c "SELECT tablename || ' ' || regexp_replace(indexdef, 'INDEX \\S+ ON', 'INDEX ON') FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'types' ORDER BY 1"; }
    if [ "$(defs bench_raw)" = "$(defs bench_m2pg)" ]; then
      echo "raw pipe and m2pg built the same indexes ($(defs bench_m2pg | wc -l); m2pg also types_pkey: the raw pipe skips Types)"
    else
      echo "raw pipe and m2pg built different indexes:"; diff <(defs bench_raw) <(defs bench_m2pg) | head -20
      mismatches=$((mismatches + 1))
    fi
  fi
fi
echo "logs: $logs"

# ---------------------------------------------------------------------------------------------
if [ "$keep" = 0 ]; then
  for db in bench_raw bench_pgloader bench_m2pg; do
    "${psql_cmd[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  done
  "${mysql_cmd[@]}" -e 'DROP DATABASE IF EXISTS bench'
else
  echo "kept: MariaDB bench; PostgreSQL bench_raw, bench_pgloader, bench_m2pg" >&2
fi
[ "$mismatches" = 0 ] || exit 1
