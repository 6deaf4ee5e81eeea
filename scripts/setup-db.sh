#!/usr/bin/env bash
# Makes a local PostgreSQL with the pgvector extension usable for vector-orm's tests, without Docker.
#  - builds and installs pgvector from Debian's `pgvector` source package when vector.control is missing
#  - starts the local cluster when it is down
#  - creates the test database and the extension in it
#  - prints the JDBC URL to use (VECTORORM_JDBC_URL)
# Idempotent: when everything is in place it takes a few seconds.
set -euo pipefail
# commands run as postgres, which may not enter the caller's directory (e.g. a 0700 mktemp checkout)
cd /

DB_NAME="${VECTORORM_DB_NAME:-vectororm}"
PG_PORT="${PGPORT:-5432}"

log() { printf '[setup-db] %s\n' "$*" >&2; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

command -v pg_lsclusters >/dev/null || { log "PostgreSQL (postgresql-common) is not installed: apt-get install postgresql"; exit 1; }

PG_MAJOR="${PG_MAJOR:-$(pg_lsclusters -h | awk 'NR==1{print $1}')}"
[ -n "$PG_MAJOR" ] || { log "no PostgreSQL cluster found (pg_lsclusters is empty)"; exit 1; }
PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config"
EXT_DIR="/usr/share/postgresql/${PG_MAJOR}/extension"
apt_updated=0
apt_update() { [ "$apt_updated" = 1 ] || { apt-get update -qq; apt_updated=1; }; }

if [ ! -f "${EXT_DIR}/vector.control" ]; then
  log "pgvector missing for PostgreSQL ${PG_MAJOR}: building it from Debian's pgvector source package"
  [ "$(id -u)" = 0 ] || { log "building pgvector needs root (apt-get); rerun as root"; exit 1; }
  src_list=/etc/apt/sources.list.d/vectororm-trixie-src.sources
  if [ ! -f "$src_list" ]; then
    cat > "$src_list" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  fi
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-server-dev-${PG_MAJOR}" make gcc dpkg-dev >/dev/null
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1 || apt-get source pgvector)
  src=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
  [ -n "$src" ] || { log "apt-get source pgvector produced no source tree"; exit 1; }
  # OPTFLAGS='' keeps the build portable (no -march=native in the installed library).
  make -s -C "$src" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" >/dev/null
  make -s -C "$src" PG_CONFIG="$PG_CONFIG" install >/dev/null
  log "installed pgvector $(sed -n "s/^default_version = '\(.*\)'/\1/p" "${EXT_DIR}/vector.control")"
fi

status=$(pg_lsclusters -h | awk -v v="$PG_MAJOR" '$1==v && $2=="main"{print $4}')
if [ "$status" != "online" ]; then
  log "starting PostgreSQL ${PG_MAJOR}/main"
  pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start
fi
for _ in $(seq 1 30); do
  as_postgres psql -p "$PG_PORT" -qtAc 'select 1' postgres >/dev/null 2>&1 && break
  sleep 1
done

if ! as_postgres psql -p "$PG_PORT" -qtAc "select 1 from pg_database where datname='${DB_NAME}'" postgres | grep -q 1; then
  log "creating database ${DB_NAME}"
  as_postgres createdb -p "$PG_PORT" "$DB_NAME"
fi
as_postgres psql -p "$PG_PORT" -qtAc "create extension if not exists vector" "$DB_NAME" >/dev/null
version=$(as_postgres psql -p "$PG_PORT" -qtAc "select extversion from pg_extension where extname='vector'" "$DB_NAME")
log "database ${DB_NAME} ready, pgvector ${version}"

echo "jdbc:postgresql://localhost:${PG_PORT}/${DB_NAME}?user=postgres"
