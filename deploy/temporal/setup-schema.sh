#!/bin/sh
# One-shot job (temporalio/admin-tools): creates Temporal's two PostgreSQL databases and brings their
# schemas to the version this image ships, with temporal-sql-tool. Safe to run on every `up`: the
# databases are created only when missing, and update-schema applies only the versions not yet applied
# (so bumping TEMPORAL_VERSION upgrades the schema before the new server starts).
set -eu
: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${SQL_PASSWORD:?}"
port=${DB_PORT:-5432}
schema_dir=/etc/temporal/schema/postgresql/v12

until nc -z -w 5 "$POSTGRES_SEEDS" "$port"; do echo "waiting for PostgreSQL at $POSTGRES_SEEDS:$port"; sleep 2; done

for db in temporal temporal_visibility; do
  case $db in temporal) versions=$schema_dir/temporal/versioned ;; *) versions=$schema_dir/visibility/versioned ;; esac
  sql() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$port" -u "$POSTGRES_USER" --db "$db" "$@"; }
  sql create
  sql setup-schema -v 0.0
  sql update-schema -d "$versions"
done
echo "Temporal schema ready"
