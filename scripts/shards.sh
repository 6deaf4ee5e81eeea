#!/usr/bin/env bash
# Private PostgreSQL 15 + pgvector clusters on loopback for sharding tests: a coordinator with postgres_fdw and N
# shards (never the shared cluster on 5432). The coordinator gets one foreign server per shard, named shard1..shardN,
# with `extensions 'vector'` (so pgvector's operators are shipped to the shards) and a user mapping for postgres;
# the tests create their tables themselves (a partitioned table on the coordinator whose partitions are foreign
# tables over the shards' tables).
#
# Usage: scripts/shards.sh start|stop|status
#   start   creates and starts what is missing (idempotent) and prints one JDBC URL a line:
#             coordinator=jdbc:postgresql://127.0.0.1:5450/postgres?user=postgres
#             shard1=jdbc:postgresql://127.0.0.1:5451/postgres?user=postgres   ... up to shardN
#   stop    stops every cluster and removes the data directories.
#   status  prints what runs; exit code 3 if a cluster is down.
#   stop-shard <i> / start-shard <i>   stops or starts one shard (for the "a shard is down" tests).
#
# Env: SHARDS_COUNT (2), SHARDS_PORT (5450: the coordinator; shard i listens on SHARDS_PORT + i),
#      SHARDS_DIR (/var/tmp/vectororm-shards-$SHARDS_PORT), PG_BIN (/usr/lib/postgresql/15/bin).
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# commands run as postgres, which may not enter the caller's directory (e.g. a 0700 mktemp checkout)
cd /
COUNT="${SHARDS_COUNT:-2}"
PORT="${SHARDS_PORT:-5450}"
BASE="${SHARDS_DIR:-/var/tmp/vectororm-shards-$PORT}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
COMMON="-c listen_addresses=127.0.0.1 -k /tmp -c max_connections=40 -c shared_buffers=32MB -c fsync=off"

as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
running() { [ -f "$1/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }
psql_at() { local port=$1; shift; as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -X -qAt -v ON_ERROR_STOP=1 "$@" postgres; }
dir_of() { if [ "$1" = 0 ]; then echo "$BASE/coordinator"; else echo "$BASE/shard$1"; fi; }
url_of() { echo "jdbc:postgresql://127.0.0.1:$((PORT + $1))/postgres?user=postgres"; }

start_one() {
  local i=$1 dir port
  dir=$(dir_of "$i"); port=$((PORT + i))
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir" && chown postgres:postgres "$BASE" "$dir" && chmod 700 "$dir"
    as_pg "$PG_BIN/initdb" -D "$dir" -A trust -U postgres >/dev/null
  fi
  if ! running "$dir"; then
    as_pg "$PG_BIN/pg_ctl" -D "$dir" -o "-p $port $COMMON" -l "$dir/server.log" -w start >/dev/null
  fi
  psql_at "$port" -c "set client_min_messages = warning" -c "create extension if not exists vector"
}

case "${1:-}" in
  start)
    [[ "$COUNT" =~ ^[1-9][0-9]?$ ]] || { echo "SHARDS_COUNT must be 1..99, not '$COUNT'" >&2; exit 2; }
    source "$SCRIPT_DIR/cluster-prereqs.sh"
    ports=""; for i in $(seq 0 "$COUNT"); do ports="$ports $((PORT + i)):$(dir_of "$i")"; done
    cluster_prereqs "initdb pg_ctl psql" "$ports"
    mkdir -p "$BASE" && chown postgres:postgres "$BASE"
    for i in $(seq 0 "$COUNT"); do start_one "$i"; done
    psql_at "$PORT" -c "set client_min_messages = warning" -c "create extension if not exists postgres_fdw"
    for i in $(seq 1 "$COUNT"); do
      psql_at "$PORT" -c "set client_min_messages = warning" \
        -c "do \$\$ begin
              if not exists (select from pg_foreign_server where srvname = 'shard$i') then
                create server shard$i foreign data wrapper postgres_fdw
                  options (host '127.0.0.1', port '$((PORT + i))', dbname 'postgres', extensions 'vector');
                create user mapping for postgres server shard$i options (user 'postgres');
              end if;
            end \$\$"
    done
    echo "coordinator=$(url_of 0)"
    for i in $(seq 1 "$COUNT"); do echo "shard$i=$(url_of "$i")"; done
    ;;
  start-shard)
    start_one "${2:?shard number}"
    ;;
  stop-shard)
    dir=$(dir_of "${2:?shard number}")
    as_pg "$PG_BIN/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null
    ;;
  stop)
    for dir in "$BASE"/coordinator "$BASE"/shard*; do
      [ -f "$dir/PG_VERSION" ] && { as_pg "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true; }
    done
    rm -rf "$BASE"
    ;;
  status)
    down=0
    for i in $(seq 0 "$COUNT"); do
      if running "$(dir_of "$i")"; then echo "$(basename "$(dir_of "$i")") running on 127.0.0.1:$((PORT + i))"
      else echo "$(basename "$(dir_of "$i")") not running"; down=1; fi
    done
    [ "$down" = 0 ] || exit 3
    ;;
  *)
    echo "usage: $0 start|stop|status|start-shard <i>|stop-shard <i>" >&2; exit 2 ;;
esac
