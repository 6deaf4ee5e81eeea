# Sourced by the scripts that start private PostgreSQL clusters (fault-cluster.sh, replica.sh): checks, before
# anything is created, what such a cluster needs from this machine, and names everything that is missing at once.
#   cluster_prereqs "<binaries in PG_BIN>" "<port>:<data dir> ..."
# A port counts as busy only when its data directory is not already a running cluster (start is idempotent).
# Exit code 2 when something is missing, so that the tests calling the scripts fail with this message.
cluster_prereqs() {
  local binaries=$1 ports=$2 missing=() bin entry port dir sharedir
  for bin in $binaries; do
    [ -x "$PG_BIN/$bin" ] || missing+=("PostgreSQL server binary $PG_BIN/$bin (install postgresql-15, or set PG_BIN to a server's bin directory)")
  done
  if [ -x "$PG_BIN/pg_config" ]; then
    sharedir=$("$PG_BIN/pg_config" --sharedir)
    [ -f "$sharedir/extension/vector.control" ] \
      || missing+=("pgvector for the server in $PG_BIN ($sharedir/extension/vector.control; scripts/setup-db.sh builds it)")
  fi
  if [ "$(id -un)" != postgres ]; then
    if [ "$(id -u)" != 0 ]; then
      missing+=("root or the postgres user (the clusters run as postgres; now running as $(id -un))")
    elif ! command -v runuser >/dev/null; then
      missing+=("runuser (util-linux), to run the clusters as postgres")
    fi
  fi
  for entry in $ports; do
    port=${entry%%:*}; dir=${entry#*:}
    if ! { [ -f "$dir/PG_VERSION" ] && [ -x "$PG_BIN/pg_ctl" ] && as_pg "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; } \
       && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      missing+=("free port 127.0.0.1:$port (something else listens there; the port is set by the script's env)")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "$(basename "$0"): this machine cannot start the private PostgreSQL clusters these tests need; missing:" >&2
    printf '  - %s\n' "${missing[@]}" >&2
    echo "  (the tests tagged \"clusters\" need them; they run with -Pclusters, see docs/contributing.md)" >&2
    exit 2
  fi
}
