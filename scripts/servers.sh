#!/usr/bin/env bash
# Throwaway MariaDB 10.11 and PostgreSQL 15 for tests, the demo and benchmarks.
#
#   scripts/servers.sh start   start both on free private ports, sockets under a temp dir
#   scripts/servers.sh env     print the connection variables (eval "$(scripts/servers.sh env)")
#   scripts/servers.sh stop    stop both by pid and remove the temp dir
#   scripts/servers.sh status  say whether they run
#   scripts/servers.sh restart mariadb|postgres   stop one cleanly and start it again on the same
#                              port and data (the fault tests restart a server mid-copy)
#
# Never touches the distro's own services, ports or data directories. MariaDB's buffer pool
# is 4G (M2PG_MYSQL_BUFFER_POOL overrides), sized like a production server's so that the
# 2,000,000-post benchmark reads from memory; the memory is only taken as pages are used. The state lives in
# $M2PG_SERVERS_STATE (default: .servers/ at the top of the repo), which points at the temp dir.
#
# TLS: at start a throwaway CA signs a server certificate (localhost, 127.0.0.1) and a client
# certificate, under the temp dir's tls/ (M2PG_TEST_TLS_DIR; the CA is M2PG_TEST_CA). Both servers
# offer TLS; the users m2pg (MariaDB and PostgreSQL) connect with or without it, as before. TLS-only
# users for the TLS tests, same password: MariaDB m2pg_tls (REQUIRE SSL) and m2pg_x509 (REQUIRE X509:
# the client certificate), PostgreSQL m2pg_tls (pg_hba: hostssl only, hostnossl reject).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state_dir=${M2PG_SERVERS_STATE:-$repo/.servers}
state_file=$state_dir/state
pg_bin=/usr/lib/postgresql/15/bin
# Both servers refuse to run as root, so as root they run as this unprivileged user.
service_user=m2pg-servers
# A password with characters that need escaping in every DSN form, so tests exercise them.
password='T3st-p@ss:w/rd%x'
password_uri='T3st-p%40ss%3Aw%2Frd%25x'

die() { echo "servers.sh: $*" >&2; exit 1; }

as_service() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$service_user" -- "$@"; else "$@"; fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local base=$1 port
  for _ in $(seq 1 200); do
    port=$((base + RANDOM % 2000))
    if port_is_free "$port"; then echo "$port"; return; fi
  done
  die "no free port near $base"
}

load_state() {
  [ -f "$state_file" ] || return 1
  # shellcheck disable=SC1090
  . "$state_file"
}

wait_for() {
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  die "$what did not come up in ${seconds}s"
}

# A CA, a server certificate signed by it (for localhost and 127.0.0.1) and a client certificate
# (CN m2pg_x509), in $1/tls. EC keys: quick to make. The server key is the servers' own (0600).
make_tls() {
  local tls=$1/tls
  command -v openssl >/dev/null || die "openssl not found: run scripts/install-deps.sh"
  mkdir -p "$tls"
  (
    cd "$tls"
    local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
    openssl req -x509 "${ec[@]}" -days 30 -subj "/CN=m2pg throwaway test CA" -keyout ca-key.pem -out ca.pem \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    openssl req "${ec[@]}" -subj "/CN=localhost" -keyout server-key.pem -out server.csr
    printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=CA:FALSE" \
      "extendedKeyUsage=serverAuth" >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 \
      -extfile server.ext -out server.pem
    openssl req "${ec[@]}" -subj "/CN=m2pg_x509" -keyout client-key.pem -out client.csr
    printf '%s\n' "basicConstraints=CA:FALSE" "extendedKeyUsage=clientAuth" >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 \
      -extfile client.ext -out client.pem
    rm -f ./*.csr ./*.ext ca.srl
    chmod 644 ca.pem server.pem client.pem
    chmod 600 ca-key.pem server-key.pem client-key.pem
  ) >"$1/tls.log" 2>&1 || { cat "$1/tls.log" >&2; die "making the test certificates failed"; }
  [ "$(id -u)" -eq 0 ] && chown "$service_user" "$tls/server-key.pem" "$tls/server.pem"
  return 0
}

# Starts mariadbd on an installed data directory and waits until it answers.
launch_mariadb() {
  local dir=$1 port=$2
  local user_opt=()
  [ "$(id -u)" -eq 0 ] && user_opt=(--user="$service_user")
  # Like PostgreSQL's fsync=off below: a throwaway server need not survive a crash. DDL syncs
  # its files however innodb_flush_* are set (ddl_recovery.log, redo log, each new .ibd), and
  # the 133 migrations of the real Mattermost schema spent most of their time in fdatasync.
  local no_sync=()
  command -v eatmydata >/dev/null && no_sync=(eatmydata)
  # Its own session: a test that restarts the server must not take it down when it ends.
  setsid "${no_sync[@]}" mariadbd --no-defaults --datadir="$dir/mariadb/data" "${user_opt[@]}" \
    --port="$port" --bind-address=127.0.0.1 --socket="$dir/mariadb/run/mysqld.sock" \
    --pid-file="$dir/mariadb/run/mariadbd.pid" --log-error="$dir/mariadb/error.log" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
    --innodb-buffer-pool-size="${M2PG_MYSQL_BUFFER_POOL:-4G}" --innodb-log-file-size=256M --innodb-flush-log-at-trx-commit=2 \
    --max-allowed-packet=1G --skip-log-bin --local-infile=1 \
    --ssl-ca="$dir/tls/ca.pem" --ssl-cert="$dir/tls/server.pem" --ssl-key="$dir/tls/server-key.pem" >>"$dir/mariadb/error.log" 2>&1 &
  disown
  wait_for MariaDB 60 mariadb --no-defaults -uroot --socket="$dir/mariadb/run/mysqld.sock" -e 'SELECT 1'
}

start_mariadb() {
  local dir=$1 port=$2
  mkdir -p "$dir/mariadb/data" "$dir/mariadb/run"
  [ "$(id -u)" -eq 0 ] && chown -R "$service_user" "$dir/mariadb"
  local user_opt=()
  [ "$(id -u)" -eq 0 ] && user_opt=(--user="$service_user")
  mariadb-install-db --no-defaults --datadir="$dir/mariadb/data" "${user_opt[@]}" \
    --auth-root-authentication-method=normal --skip-test-db >"$dir/mariadb/install.log" 2>&1 \
    || { cat "$dir/mariadb/install.log" >&2; die "mariadb-install-db failed"; }
  launch_mariadb "$dir" "$port"
  mariadb --no-defaults -uroot --socket="$dir/mariadb/run/mysqld.sock" <<SQL
CREATE USER 'm2pg'@'%' IDENTIFIED BY '$password';
CREATE USER 'm2pg'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO 'm2pg'@'%' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'm2pg'@'localhost' WITH GRANT OPTION;
CREATE USER 'm2pg_tls'@'%' IDENTIFIED BY '$password' REQUIRE SSL;
CREATE USER 'm2pg_tls'@'localhost' IDENTIFIED BY '$password' REQUIRE SSL;
GRANT ALL PRIVILEGES ON *.* TO 'm2pg_tls'@'%';
GRANT ALL PRIVILEGES ON *.* TO 'm2pg_tls'@'localhost';
CREATE USER 'm2pg_x509'@'%' IDENTIFIED BY '$password' REQUIRE X509;
CREATE USER 'm2pg_x509'@'localhost' IDENTIFIED BY '$password' REQUIRE X509;
GRANT ALL PRIVILEGES ON *.* TO 'm2pg_x509'@'%';
GRANT ALL PRIVILEGES ON *.* TO 'm2pg_x509'@'localhost';
CREATE DATABASE m2pg_test CHARACTER SET utf8mb4;
SQL
}

start_postgres() {
  local dir=$1 port=$2
  mkdir -p "$dir/postgres"
  [ "$(id -u)" -eq 0 ] && chown -R "$service_user" "$dir/postgres"
  printf '%s\n' "$password" >"$dir/postgres/pwfile"
  [ "$(id -u)" -eq 0 ] && chown "$service_user" "$dir/postgres/pwfile"
  as_service "$pg_bin/initdb" -D "$dir/postgres/data" -U postgres --pwfile="$dir/postgres/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
    >"$dir/postgres/initdb.log" 2>&1 || { cat "$dir/postgres/initdb.log" >&2; die "initdb failed"; }
  rm -f "$dir/postgres/pwfile"
  # m2pg_tls only over TLS; first match wins, so these go before initdb's host lines.
  local hba=$dir/postgres/data/pg_hba.conf
  {
    printf '%s\n' "hostssl   all m2pg_tls 127.0.0.1/32 scram-sha-256" "hostnossl all m2pg_tls 0.0.0.0/0 reject" \
      "hostnossl all m2pg_tls ::/0 reject"
    cat "$hba"
  } >"$hba.new" && mv "$hba.new" "$hba"
  [ "$(id -u)" -eq 0 ] && chown "$service_user" "$hba"
  as_service "$pg_bin/pg_ctl" -D "$dir/postgres/data" -l "$dir/postgres/server.log" -w -t 60 start \
    -o "-p $port -k $dir/postgres -c listen_addresses=127.0.0.1 -c max_connections=100 \
        -c shared_buffers=256MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
        -c max_wal_size=4GB -c maintenance_work_mem=256MB -c ssl=on -c ssl_ca_file=$dir/tls/ca.pem \
        -c ssl_cert_file=$dir/tls/server.pem -c ssl_key_file=$dir/tls/server-key.pem" >/dev/null \
    || { cat "$dir/postgres/server.log" >&2; die "PostgreSQL did not start"; }
  as_service "$pg_bin/psql" -X -q -h "$dir/postgres" -p "$port" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 <<SQL
CREATE ROLE m2pg LOGIN SUPERUSER PASSWORD '$password';
CREATE ROLE m2pg_tls LOGIN SUPERUSER PASSWORD '$password';
CREATE DATABASE m2pg_test OWNER m2pg;
SQL
}

cmd_start() {
  if load_state && kill -0 "$(cat "$M2PG_SERVERS_DIR/mariadb/run/mariadbd.pid" 2>/dev/null)" 2>/dev/null; then
    echo "servers.sh: already running under $M2PG_SERVERS_DIR" >&2
    cmd_env
    return
  fi
  command -v mariadbd >/dev/null || die "mariadbd not found: run scripts/install-deps.sh"
  [ -x "$pg_bin/postgres" ] || die "PostgreSQL 15 not found: run scripts/install-deps.sh"
  if [ "$(id -u)" -eq 0 ] && ! id "$service_user" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$service_user"
  fi
  local dir mysql_port pg_port
  dir=$(mktemp -d /tmp/m2pg-servers.XXXXXX)
  chmod 755 "$dir"
  mysql_port=$(pick_port 23306)
  pg_port=$(pick_port 25432)
  mkdir -p "$state_dir"
  cat >"$state_file" <<STATE
M2PG_SERVERS_DIR=$dir
M2PG_MYSQL_PORT=$mysql_port
M2PG_PG_PORT=$pg_port
STATE
  make_tls "$dir"
  start_mariadb "$dir" "$mysql_port"
  start_postgres "$dir" "$pg_port"
  load_state
  echo "servers.sh: MariaDB on 127.0.0.1:$mysql_port, PostgreSQL on 127.0.0.1:$pg_port, under $dir" >&2
  cmd_env
}

cmd_env() {
  load_state || die "not running: scripts/servers.sh start"
  local d=$M2PG_SERVERS_DIR
  cat <<ENV
export M2PG_TEST_MYSQL_DSN='mysql://m2pg:$password_uri@127.0.0.1:$M2PG_MYSQL_PORT/m2pg_test'
export M2PG_TEST_PG_DSN='postgresql://m2pg:$password_uri@127.0.0.1:$M2PG_PG_PORT/m2pg_test'
export M2PG_TEST_PASSWORD='$password'
export M2PG_TEST_MYSQL_HOST=127.0.0.1
export M2PG_TEST_MYSQL_PORT=$M2PG_MYSQL_PORT
export M2PG_TEST_MYSQL_SOCKET='$d/mariadb/run/mysqld.sock'
export M2PG_TEST_PG_HOST=127.0.0.1
export M2PG_TEST_PG_PORT=$M2PG_PG_PORT
export M2PG_TEST_PG_SOCKET_DIR='$d/postgres'
export M2PG_TEST_TLS_DIR='$d/tls'
export M2PG_TEST_CA='$d/tls/ca.pem'
ENV
}

stop_pid() {
  local name=$1 pid=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid"
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  echo "servers.sh: $name ($pid) ignored SIGTERM for 30s; killing it" >&2
  kill -9 "$pid" 2>/dev/null || true
}

cmd_stop() {
  load_state || { echo "servers.sh: nothing to stop" >&2; return 0; }
  local d=$M2PG_SERVERS_DIR
  stop_pid MariaDB "$(cat "$d/mariadb/run/mariadbd.pid" 2>/dev/null || true)"
  stop_pid PostgreSQL "$(head -n1 "$d/postgres/data/postmaster.pid" 2>/dev/null || true)"
  case "$d" in /tmp/m2pg-servers.*) rm -rf "$d" ;; esac
  rm -f "$state_file"
  echo "servers.sh: stopped" >&2
}

cmd_restart() {
  load_state || die "not running: scripts/servers.sh start"
  local d=$M2PG_SERVERS_DIR
  case "${1:-}" in
    mariadb)
      stop_pid MariaDB "$(cat "$d/mariadb/run/mariadbd.pid" 2>/dev/null || true)"
      launch_mariadb "$d" "$M2PG_MYSQL_PORT" ;;
    postgres)
      as_service "$pg_bin/pg_ctl" -D "$d/postgres/data" -l "$d/postgres/server.log" -w -t 60 -m fast restart >/dev/null \
        || { tail -20 "$d/postgres/server.log" >&2; die "PostgreSQL did not restart"; } ;;
    *) die "restart what: mariadb or postgres" ;;
  esac
  echo "servers.sh: ${1} restarted" >&2
}

cmd_status() {
  load_state || { echo "not running"; return 1; }
  local d=$M2PG_SERVERS_DIR
  kill -0 "$(cat "$d/mariadb/run/mariadbd.pid" 2>/dev/null)" 2>/dev/null && echo "MariaDB running on $M2PG_MYSQL_PORT" || echo "MariaDB down"
  kill -0 "$(head -n1 "$d/postgres/data/postmaster.pid" 2>/dev/null)" 2>/dev/null && echo "PostgreSQL running on $M2PG_PG_PORT" || echo "PostgreSQL down"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  env) cmd_env ;;
  status) cmd_status ;;
  restart) cmd_restart "${2:-}" ;;
  *) echo "usage: scripts/servers.sh start|stop|env|status|restart mariadb|postgres" >&2; exit 2 ;;
esac
