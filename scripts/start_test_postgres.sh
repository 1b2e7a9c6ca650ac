#!/usr/bin/env bash
# Start a local PostgreSQL for the storage tests and print its URL on stdout (progress goes to stderr):
#   export TLDVC_TEST_POSTGRES_URL="$(scripts/start_test_postgres.sh)"
# Idempotent: installs the Debian package only if missing, starts the cluster only if it is down,
# creates the test role (allowed to create databases) and database only if they do not exist.
# Needs root or sudo.
set -euo pipefail

ROLE=tldvc_test
PASSWORD=tldvc_test
DATABASE=tldvc_test

log() { echo "start_test_postgres: $*" >&2; }

if [ "$(id -u)" -eq 0 ]; then
    as_root() { "$@"; }
    as_postgres() { runuser -u postgres -- "$@"; }
elif command -v sudo >/dev/null; then
    as_root() { sudo "$@"; }
    as_postgres() { sudo -u postgres "$@"; }
else
    log "starting PostgreSQL and creating the test database needs root or sudo"
    exit 1
fi

bash "$(dirname "$0")/system_packages.sh" postgresql

# The first cluster Debian knows about (created by the package), e.g. "15 main 5432 down ...".
read -r VERSION CLUSTER PORT STATUS _ < <(pg_lsclusters --no-header | head -n 1)
if [ -z "${VERSION:-}" ]; then
    log "no cluster found; creating one"
    VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    as_root pg_createcluster "$VERSION" main >&2
    read -r VERSION CLUSTER PORT STATUS _ < <(pg_lsclusters --no-header | head -n 1)
fi
if [ "$STATUS" != "online" ]; then
    log "starting cluster $VERSION/$CLUSTER on port $PORT"
    as_root pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

for _ in $(seq 30); do
    pg_isready -q -h 127.0.0.1 -p "$PORT" && break
    sleep 1
done

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -tA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
    log "creating role $ROLE"
    psql_admin -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'"
fi
# The scale-out test makes a database of its own, out of reach of the tests that empty this one.
if [ "$(psql_admin -c "SELECT rolcreatedb FROM pg_roles WHERE rolname = '$ROLE'")" != "t" ]; then
    log "letting role $ROLE create databases"
    psql_admin -c "ALTER ROLE $ROLE CREATEDB"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != "1" ]; then
    log "creating database $DATABASE"
    psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE"
fi

echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
