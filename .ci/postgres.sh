#!/usr/bin/env bash
# Installs (if needed) and starts a PostgreSQL server on loopback, then prints a DATABASE_URL for it.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 1
done
su postgres -c "psql -q -c \"alter user postgres password 'postgres'\"" >&2
su postgres -c "psql -tAc \"select 1 from pg_database where datname = 'cards_test'\"" | grep -q 1 ||
  su postgres -c "createdb cards_test" >&2
echo "postgres://postgres:postgres@127.0.0.1:5432/cards_test"
