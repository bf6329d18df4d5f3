#!/usr/bin/env bash
# Builds a source database in the throwaway MariaDB from a profile's MySQL migrations and
# sample data, recording each applied migration in db_migrations (morph's layout), the
# way the application itself would have left it.
#   scripts/load-sample.sh [PROFILE] [DATABASE]     (defaults: chat chat)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
profile=${1:-chat}
database=${2:-chat}
eval "$("$repo/scripts/servers.sh" env)"
dir=$repo/migrations/$profile
mysql_cli() { mariadb --no-defaults --socket="$M2PG_TEST_MYSQL_SOCKET" -um2pg -p"$M2PG_TEST_PASSWORD" "$@"; }

mysql_cli -e "DROP DATABASE IF EXISTS \`$database\`; CREATE DATABASE \`$database\` CHARACTER SET utf8mb4"
mysql_cli "$database" -e "CREATE TABLE db_migrations (Version bigint NOT NULL PRIMARY KEY, Name varchar(64) NOT NULL)"
for up in "$dir"/mysql/*.up.sql; do
  file=$(basename "$up")
  version=$((10#${file%%_*}))
  name=${file#*_}; name=${name%.up.sql}
  mysql_cli "$database" <"$up"
  mysql_cli "$database" -e "INSERT INTO db_migrations VALUES ($version, '$name')"
done
if [ -f "$dir/sample-data.sql" ]; then mysql_cli "$database" <"$dir/sample-data.sql"; fi
echo "load-sample: database '$database' holds the '$profile' sample ($(ls "$dir"/mysql/*.up.sql | wc -l) migrations)"
