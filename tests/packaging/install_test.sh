#!/usr/bin/env bash
# Installs what scripts/package.sh built, as an admin would, and runs the installed copy:
#   deb     dpkg -i into a private root with a private copy of this machine's dpkg database, so
#           Depends are checked against what is installed here and nothing of the machine's own
#           changes; dpkg -r at the end must leave no file behind.
#   bundle  the air-gapped tarball: its checksum, install.sh --prefix into a temp dir (and a
#           damaged copy refused); every library the programs load comes from the prefix or
#           from a package a minimal Debian 12 has.
# From the installed copy: --version, every tool's --help, every man page (man -l), the bash
# completion, and a real m2pg check (with a profile only the installed copy has), copy and
# verify against the test servers (scripts/servers.sh).
#   tests/packaging/install_test.sh deb|bundle BUILD_DIR
set -euo pipefail
mode=$1
build=$(realpath "$2")
repo=$(cd "$(dirname "$0")/../.." && pwd)
packages=$build/packages

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "-- $*"; }
[ -n "${M2PG_TEST_MYSQL_PORT:-}" ] && [ -n "${M2PG_TEST_PG_PORT:-}" ] ||
  fail "no test servers: run scripts/test.sh, or scripts/servers.sh start and eval \"\$(scripts/servers.sh env)\""

tmp=$(mktemp -d /tmp/m2pg-packaging.XXXXXX)
db=m2pg_pkg_${mode}_$$
export MYSQL_PWD=$M2PG_TEST_PASSWORD PGPASSWORD=$M2PG_TEST_PASSWORD
mysql_cli() { mariadb --no-defaults --default-character-set=utf8mb4 --socket="$M2PG_TEST_MYSQL_SOCKET" -um2pg "$@"; }
pg_cli() { psql -X -q -v ON_ERROR_STOP=1 "postgresql://m2pg@127.0.0.1:$M2PG_TEST_PG_PORT/$1" "${@:2}"; }
cleanup() {
  mysql_cli -e "DROP DATABASE IF EXISTS $db; DROP USER IF EXISTS ${db}_ed" 2>/dev/null || true
  pg_cli postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

deb=$(ls "$packages"/m2pg_*.deb)
tarball=$(ls "$packages"/m2pg-*.tar)

if [ "$mode" = deb ]; then
  step "Depends are derived from the binaries (dpkg-shlibdeps): the client libraries, no -dev package"
  depends=$(dpkg-deb -f "$deb" Depends)
  for lib in libmariadb3 libpq5 libicu72 libfmt9 libssl3; do
    [[ "$depends" == *"$lib "* ]] || fail "Depends lacks $lib: $depends"
  done
  [[ "$depends" != *-dev* ]] || fail "Depends names a -dev package: $depends"

  step "dpkg -i into a private root, dependencies checked against this machine's packages"
  root=$tmp/root
  admin=$tmp/dpkg
  mkdir -p "$root" "$admin/updates" "$admin/info"
  cp /var/lib/dpkg/status "$admin/status"
  : >"$admin/available"
  dpkg_private() { dpkg --admindir="$admin" --instdir="$root" --force-not-root --force-script-chrootless --no-triggers "$@"; }
  dpkg_private -i "$deb" >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log" >&2; fail "dpkg -i failed"; }
  [ "$(dpkg-query --admindir="$admin" -W -f='${Status}' m2pg)" = "install ok installed" ] ||
    fail "m2pg is not 'install ok installed' after dpkg -i"
  prefix=$root
else
  step "the tarball matches its .sha256, and install.sh refuses a damaged copy"
  (cd "$packages" && sha256sum --quiet -c "$(basename "$tarball").sha256") || fail "checksum of $tarball"
  tar -C "$tmp" -xf "$tarball"
  bundle=$(ls -d "$tmp"/m2pg-*/)
  cp -r "$bundle" "$tmp/damaged"
  printf 'x' >>"$(ls "$tmp"/damaged/debs/libpq5_*.deb)"
  if "$tmp/damaged/install.sh" --prefix "$tmp/nowhere" 2>"$tmp/damaged.err"; then fail "install.sh took a damaged bundle"; fi
  grep -q "damaged" "$tmp/damaged.err" || fail "install.sh did not say the bundle is damaged: $(cat "$tmp/damaged.err")"
  [ ! -e "$tmp/nowhere" ] || fail "install.sh unpacked a damaged bundle"

  step "install.sh --prefix into a temp dir"
  prefix=$tmp/prefix
  "$bundle/install.sh" --prefix "$prefix" >/dev/null

  step "every library the programs load is in the prefix or in a minimal Debian 12"
  minimal=$("$repo/packaging/deb-closure.sh" --minimal 2>/dev/null)
  libs=$(for program in "$prefix"/usr/bin/*; do ldd "$program"; done | awk '/=>/ { print $3 }' | sort -u)
  ! grep -qx not <<<"$libs" || fail "a library is not found: $(ldd "$prefix"/usr/bin/* | grep 'not found' | sort -u)"
  outside=$(grep -v "^$prefix/" <<<"$libs" || true)
  # dpkg knows a file by the path its package gave it: /lib/... or /usr/lib/... (merged /usr).
  # shellcheck disable=SC2086
  owners=$(dpkg -S $outside $(sed 's|^/lib/|/usr/lib/|; t; s|^/usr/lib/|/lib/|' <<<"$outside") 2>/dev/null || true)
  for lib in $outside; do
    owner=$(awk -v a="$lib" -v b="$(sed 's|^/lib/|/usr/lib/|; t; s|^/usr/lib/|/lib/|' <<<"$lib")" \
      '$2 == a || $2 == b { sub(/:.*/, "", $1); print $1; exit }' <<<"$owners")
    grep -qx "$owner" <<<"$minimal" ||
      fail "the programs load $lib (package '$owner'), which a minimal Debian 12 lacks and the bundle does not bring"
  done
fi

bin=$prefix/usr/bin
step "m2pg --version is the version and commit of this build"
[ "$("$bin/m2pg" --version)" = "$("$build/tools/m2pg" --version)" ] || fail "installed --version: $("$bin/m2pg" --version)"

step "every tool's --help, directly and through m2pg"
tools=()
for program in "$bin"/m2pg-*; do tools+=("${program##*/m2pg-}"); done
[ "${#tools[@]}" -ge 7 ] || fail "only ${#tools[@]} tools in $bin"
for tool in "${tools[@]}"; do
  "$bin/m2pg-$tool" --help >"$tmp/help" || fail "m2pg-$tool --help exited $?"
  head -n1 "$tmp/help" | grep -q "^Usage: m2pg $tool " || fail "m2pg-$tool --help: $(head -n1 "$tmp/help")"
  "$bin/m2pg" "$tool" --help | cmp -s - "$tmp/help" || fail "m2pg $tool --help differs from m2pg-$tool --help"
done

step "every man page renders with its NAME and SYNOPSIS (man -l)"
for page in m2pg "${tools[@]/#/m2pg-}"; do
  file=$prefix/usr/share/man/man1/$page.1.gz
  [ -f "$file" ] || fail "no man page $file"
  MANWIDTH=200 man -l "$file" 2>"$tmp/man.err" >"$tmp/man" || fail "man -l $file: $(cat "$tmp/man.err")"
  grep -q "^NAME" "$tmp/man" && grep -q "^SYNOPSIS" "$tmp/man" || fail "$page(1) lacks NAME or SYNOPSIS"
  grep -q "^ *$page - " "$tmp/man" || fail "$page(1) has no '$page - summary' NAME line"
done
MANWIDTH=200 man -l "$prefix/usr/share/man/man1/m2pg-index.1.gz" 2>/dev/null | grep -q -- "--create-indexes" ||
  fail "m2pg-index(1) does not list --create-indexes"

step "bash completion: commands, flags, a subcommand's flags, choices, profiles"
complete_line() {
  PATH=$bin:$PATH bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _m2pg; echo "${COMPREPLY[*]}"' \
    _ "$prefix/usr/share/bash-completion/completions/m2pg" "$@"
}
[ "$(complete_line m2pg ind)" = index ] || fail "m2pg ind<TAB>: $(complete_line m2pg ind)"
[ "$(complete_line m2pg index --create-i)" = --create-indexes ] || fail "--create-i<TAB>: $(complete_line m2pg index --create-i)"
[ "$(complete_line m2pg index --progress '')" = "auto always never" ] || fail "--progress <TAB>: $(complete_line m2pg index --progress '')"
[ "$(complete_line m2pg schema generate --from-r)" = --from-report ] || fail "generate --from-r<TAB>: $(complete_line m2pg schema generate --from-r)"
[[ " $(complete_line m2pg copy --profile '') " == *" chat "* ]] || fail "--profile <TAB>: $(complete_line m2pg copy --profile '')"

step "a real check, copy and verify against the test servers"
# A profile only the installed copy has: found through the installed data, never the source tree.
cp -r "$prefix/usr/share/m2pg/migrations/chat" "$prefix/usr/share/m2pg/migrations/pkgtest-$mode"
mysql_cli -e "CREATE DATABASE $db CHARACTER SET utf8mb4"
mysql_cli "$db" -e "CREATE TABLE t (id INT PRIMARY KEY, s TEXT, at DATETIME(6));
  INSERT INTO t VALUES (1, 'plain', '2024-02-29 12:00:00.123456'), (2, 'emoji 🐘 and עברית', NULL), (3, '', '1999-12-31 23:59:59')"
pg_cli postgres -c "CREATE DATABASE $db"
mysql_dsn="m2pg@tcp(127.0.0.1:$M2PG_TEST_MYSQL_PORT)/$db"
pg_dsn="postgresql://m2pg@127.0.0.1:$M2PG_TEST_PG_PORT/$db"
rc=0
"$bin/m2pg" check "$mysql_dsn" --profile "pkgtest-$mode" --output "$tmp/report.json" >"$tmp/check.out" 2>&1 || rc=$?
[ "$rc" -le 1 ] && [ -s "$tmp/report.json" ] || { cat "$tmp/check.out" >&2; fail "m2pg check exited $rc"; }
"$bin/m2pg" copy --mysql "$mysql_dsn" --postgres "$pg_dsn" --create-tables --yes >"$tmp/copy.out" 2>&1 ||
  { cat "$tmp/copy.out" >&2; fail "m2pg copy failed"; }
[ "$(pg_cli "$db" -tAc "SELECT string_agg(s, '|' ORDER BY id) FROM t")" = "plain|emoji 🐘 and עברית|" ] ||
  fail "the copied rows differ: $(pg_cli "$db" -tAc 'TABLE t')"
"$bin/m2pg" verify --mysql "$mysql_dsn" --postgres "$pg_dsn" >"$tmp/verify.out" 2>&1 ||
  { cat "$tmp/verify.out" >&2; fail "m2pg verify found differences"; }

if [ "$mode" = bundle ]; then
  step "libmariadb's authentication plugins load from the prefix (MySQL 8's caching_sha2_password is one)"
  mysql_cli -e "INSTALL SONAME 'auth_ed25519'" 2>/dev/null || true
  mysql_cli -e "CREATE USER ${db}_ed@'%' IDENTIFIED VIA ed25519 USING PASSWORD('$M2PG_TEST_PASSWORD'); GRANT ALL ON $db.* TO ${db}_ed@'%'"
  LD_DEBUG=files "$bin/m2pg-check" "${db}_ed@tcp(127.0.0.1:$M2PG_TEST_MYSQL_PORT)/$db" >/dev/null 2>"$tmp/ld.log" || rc=$?
  grep -q "file=$prefix/usr/lib/.*/libmariadb3/plugin/client_ed25519.so" "$tmp/ld.log" ||
    fail "client_ed25519.so was not loaded from the prefix: $(grep -o 'file=[^ ]*plugin[^ ]*' "$tmp/ld.log" | head -3)"
fi

if [ "$mode" = deb ]; then
  step "dpkg -r removes every file it installed"
  rm -rf "$prefix/usr/share/m2pg/migrations/pkgtest-$mode"
  dpkg_private -r m2pg >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log" >&2; fail "dpkg -r failed"; }
  left=$(find "$root" -type f | head -5)
  [ -z "$left" ] || fail "dpkg -r left files: $left"
fi
echo "packaging ($mode): the installed copy works"
