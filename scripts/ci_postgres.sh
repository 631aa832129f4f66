#!/usr/bin/env bash
# Start Debian's PostgreSQL for the store tests (issue #15) and print the URL they connect to.
# Installs the server when missing, as .ci/run does for Chromium; run as root on Debian.
# Any failure exits non-zero, so CI fails rather than skipping the PostgreSQL tests.
# Only the URL goes to stdout (the caller captures it); everything else goes to stderr.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
  pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port"
as_postgres() { runuser -u postgres -- "$@"; }
as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 -c "
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sp4n') THEN
    CREATE ROLE sp4n LOGIN PASSWORD 'sp4n' CREATEDB;
  END IF;
END \$\$;
GRANT pg_signal_backend TO sp4n;" >/dev/null
if ! as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = 'sp4n_test'" | grep -qx 1; then
  as_postgres createdb -p "$port" -O sp4n sp4n_test >&2
fi
echo "postgresql+psycopg://sp4n:sp4n@127.0.0.1:${port}/sp4n_test"
