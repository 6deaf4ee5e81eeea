#!/usr/bin/env bash
# A throw-away PostgreSQL 15 + pgvector cluster on a loopback port, for tests that restart the server
# (never the shared cluster on 5432). Usage: scripts/fault-cluster.sh start|restart|stop|status
# Env: FAULT_PORT (5440), FAULT_DIR (/var/tmp/vectororm-faults-$FAULT_PORT), PG_BIN (/usr/lib/postgresql/15/bin).
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# commands run as postgres, which may not enter the caller's directory (e.g. a 0700 mktemp checkout)
cd /
PORT="${FAULT_PORT:-5440}"
DIR="${FAULT_DIR:-/var/tmp/vectororm-faults-$PORT}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
OPTS="-p $PORT -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=30 -c shared_buffers=32MB -c fsync=off"
as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
source "$SCRIPT_DIR/cluster-prereqs.sh"
case "${1:-}" in
  start)
    cluster_prereqs "initdb pg_ctl psql" "$PORT:$DIR"
    if [ ! -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR" && chown postgres:postgres "$DIR" && chmod 700 "$DIR"
      as_pg "$PG_BIN/initdb" -D "$DIR" -A trust -U postgres >/dev/null
    fi
    if ! as_pg "$PG_BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      as_pg "$PG_BIN/pg_ctl" -D "$DIR" -o "$OPTS" -l "$DIR/server.log" -w start >/dev/null
    fi
    as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qAtc "create extension if not exists vector" postgres
    echo "jdbc:postgresql://127.0.0.1:$PORT/postgres?user=postgres"
    ;;
  restart)
    as_pg "$PG_BIN/pg_ctl" -D "$DIR" -o "$OPTS" -l "$DIR/server.log" -m fast -w restart >/dev/null
    ;;
  stop)
    if [ -f "$DIR/PG_VERSION" ]; then
      as_pg "$PG_BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null 2>&1 || true
      rm -rf "$DIR"
    fi
    ;;
  status)
    if [ -f "$DIR/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then echo "running on 127.0.0.1:$PORT ($DIR)"; else echo "not running"; exit 3; fi
    ;;
  *) echo "usage: $0 start|restart|stop|status" >&2; exit 2 ;;
esac
