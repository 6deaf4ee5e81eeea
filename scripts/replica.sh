#!/usr/bin/env bash
# A private PostgreSQL 15 + pgvector primary and a streaming read replica (standby) of it, both on loopback
# ports and owned by postgres (never the shared cluster on 5432).
#
# Usage: scripts/replica.sh start|stop|status
#   start   creates and starts the primary (unless REPLICA_PRIMARY_EXTERNAL=1), then a standby made with
#           pg_basebackup -R (streaming replication, hot_standby); prints three JDBC URLs:
#             primary=jdbc:postgresql://127.0.0.1:5441/postgres?user=postgres
#             standby=jdbc:postgresql://127.0.0.1:5442/postgres?user=postgres
#             multihost=jdbc:postgresql://127.0.0.1:5441,127.0.0.1:5442/postgres?user=postgres
#           Idempotent: what already runs is left running.
#   stop    stops the standby and the primary and removes their data directories (an external primary is left alone).
#   status  prints what runs and the standby's replay position; exit code 3 if the standby is not streaming.
#
# Env: REPLICA_PRIMARY_PORT (5441), REPLICA_STANDBY_PORT (5442), REPLICA_DIR (/var/tmp/vectororm-replica; holds
#      primary/ and standby/), REPLICA_PRIMARY_EXTERNAL=1 to use an already running primary on 127.0.0.1 at
#      REPLICA_PRIMARY_PORT instead of creating one (it must allow replication connections from 127.0.0.1 for
#      postgres, and have wal_level replica or logical), PG_BIN (/usr/lib/postgresql/15/bin).
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# commands run as postgres, which may not enter the caller's directory (e.g. a 0700 mktemp checkout)
cd /
PRIMARY_PORT="${REPLICA_PRIMARY_PORT:-5441}"
STANDBY_PORT="${REPLICA_STANDBY_PORT:-5442}"
BASE="${REPLICA_DIR:-/var/tmp/vectororm-replica}"
EXTERNAL="${REPLICA_PRIMARY_EXTERNAL:-0}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PRIMARY_DIR="$BASE/primary"
STANDBY_DIR="$BASE/standby"
COMMON="-c listen_addresses=127.0.0.1 -k /tmp -c max_connections=40 -c shared_buffers=32MB -c fsync=off"

as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
running() { [ -f "$1/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }
psql_at() { local port=$1; shift; as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -X -qAt -v ON_ERROR_STOP=1 "$@" postgres; }
urls() {
  echo "primary=jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/postgres?user=postgres"
  echo "standby=jdbc:postgresql://127.0.0.1:$STANDBY_PORT/postgres?user=postgres"
  echo "multihost=jdbc:postgresql://127.0.0.1:$PRIMARY_PORT,127.0.0.1:$STANDBY_PORT/postgres?user=postgres"
}

start_primary() {
  if [ "$EXTERNAL" = 1 ]; then
    psql_at "$PRIMARY_PORT" -c "select 1" >/dev/null
  else
    if [ ! -f "$PRIMARY_DIR/PG_VERSION" ]; then
      mkdir -p "$PRIMARY_DIR" && chown postgres:postgres "$BASE" "$PRIMARY_DIR" && chmod 700 "$PRIMARY_DIR"
      # -A trust: initdb's pg_hba.conf then also trusts replication connections from 127.0.0.1
      as_pg "$PG_BIN/initdb" -D "$PRIMARY_DIR" -A trust -U postgres >/dev/null
    fi
    if ! running "$PRIMARY_DIR"; then
      as_pg "$PG_BIN/pg_ctl" -D "$PRIMARY_DIR" -o "-p $PRIMARY_PORT $COMMON -c wal_level=replica -c max_wal_senders=5" \
        -l "$PRIMARY_DIR/server.log" -w start >/dev/null
    fi
  fi
  psql_at "$PRIMARY_PORT" -c "set client_min_messages = warning" -c "create extension if not exists vector"
}

start_standby() {
  if [ ! -f "$STANDBY_DIR/PG_VERSION" ]; then
    mkdir -p "$BASE" && chown postgres:postgres "$BASE"
    rm -rf "$STANDBY_DIR"
    # -R writes primary_conninfo and standby.signal; -X stream copies the WAL written during the backup
    as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$STANDBY_DIR" -R -X stream \
      -c fast >/dev/null
    chmod 700 "$STANDBY_DIR"
  fi
  if ! running "$STANDBY_DIR"; then
    as_pg "$PG_BIN/pg_ctl" -D "$STANDBY_DIR" -o "-p $STANDBY_PORT $COMMON -c hot_standby=on" \
      -l "$STANDBY_DIR/server.log" -w start >/dev/null
  fi
  # wait (up to 30 s) until the standby accepts connections, is in recovery and streams from the primary
  for _ in $(seq 1 300); do
    if [ "$(psql_at "$STANDBY_PORT" -c "select pg_is_in_recovery() and exists (select from pg_stat_wal_receiver where status = 'streaming')" 2>/dev/null)" = t ]; then
      return 0
    fi
    sleep 0.1
  done
  echo "the standby on 127.0.0.1:$STANDBY_PORT does not stream from the primary; see $STANDBY_DIR/server.log:" >&2
  tail -n 20 "$STANDBY_DIR/server.log" >&2 || true
  exit 1
}

source "$SCRIPT_DIR/cluster-prereqs.sh"
case "${1:-}" in
  start)
    if [ "$EXTERNAL" = 1 ]; then
      cluster_prereqs "initdb pg_ctl psql pg_basebackup" "$STANDBY_PORT:$STANDBY_DIR"
    else
      cluster_prereqs "initdb pg_ctl psql pg_basebackup" "$PRIMARY_PORT:$PRIMARY_DIR $STANDBY_PORT:$STANDBY_DIR"
    fi
    start_primary
    start_standby
    urls
    ;;
  stop)
    for dir in "$STANDBY_DIR" "$PRIMARY_DIR"; do
      if [ "$dir" = "$PRIMARY_DIR" ] && [ "$EXTERNAL" = 1 ]; then continue; fi
      if [ -f "$dir/PG_VERSION" ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
      fi
      rm -rf "$dir"
    done
    rmdir "$BASE" 2>/dev/null || true
    ;;
  status)
    ok=1
    if [ "$EXTERNAL" = 1 ]; then
      echo "primary: external, 127.0.0.1:$PRIMARY_PORT"
    elif running "$PRIMARY_DIR"; then
      echo "primary: running on 127.0.0.1:$PRIMARY_PORT ($PRIMARY_DIR)"
    else
      echo "primary: not running"; ok=0
    fi
    if running "$STANDBY_DIR"; then
      echo "standby: running on 127.0.0.1:$STANDBY_PORT ($STANDBY_DIR), $(psql_at "$STANDBY_PORT" -F ' ' -c \
        "select 'in recovery=' || pg_is_in_recovery(), 'receiver=' || coalesce((select status from pg_stat_wal_receiver), 'none'), 'replayed=' || pg_last_wal_replay_lsn()" 2>/dev/null || echo "not answering")"
    else
      echo "standby: not running"; ok=0
    fi
    [ "$ok" = 1 ] && urls
    [ "$ok" = 1 ] || exit 3
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
