#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, from Debian's packages, without systemd.
#
#   eval "$(.ci/postgres.sh)"     # install if missing, start (or reuse) the cluster, export the URL
#   .ci/postgres.sh stop          # stop the cluster and delete its folder
#
# Prints `export CONTRACTC_TEST_POSTGRES_URL=postgresql://...` on stdout (and appends it to
# $GITHUB_ENV when set); progress goes to stderr. Idempotent: a second run reuses the running
# cluster. The cluster lives in $CONTRACTC_PG_DIR (default: $TMPDIR/contractc-postgres), listens
# on 127.0.0.1 on a free port with trust authentication, and never touches other clusters.
set -euo pipefail

PG_DIR="${CONTRACTC_PG_DIR:-${TMPDIR:-/tmp}/contractc-postgres}"
DB_NAME="${CONTRACTC_PG_DATABASE:-contractc_test}"
DATA="$PG_DIR/data"

log() { echo "postgres.sh: $*" >&2; }

bin_dir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

install_postgres() {
  [ "$(id -u)" = 0 ] || { log "PostgreSQL is not installed and installing it needs root"; exit 1; }
  log "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends postgresql >&2; then
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
  fi
}

# Run a PostgreSQL program as the postgres user when we are root (initdb refuses root).
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

emit_url() {
  local url="postgresql://postgres@127.0.0.1:$(cat "$PG_DIR/port")/$DB_NAME"
  echo "export CONTRACTC_TEST_POSTGRES_URL=$url"
  if [ -n "${GITHUB_ENV:-}" ]; then echo "CONTRACTC_TEST_POSTGRES_URL=$url" >>"$GITHUB_ENV"; fi
}

BIN="$(bin_dir || true)"

if [ "${1:-start}" = stop ]; then
  if [ -n "$BIN" ] && [ -f "$DATA/postmaster.pid" ]; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true
  fi
  rm -rf "$PG_DIR"
  log "stopped and removed $PG_DIR"
  exit 0
fi

if [ -z "$BIN" ]; then
  install_postgres
  BIN="$(bin_dir)"
fi

if [ -f "$PG_DIR/port" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  log "reusing the cluster in $PG_DIR"
  emit_url
  exit 0
fi

if [ ! -f "$DATA/PG_VERSION" ]; then
  rm -rf "$PG_DIR"
  mkdir -p "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
  log "initdb $DATA"
  as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
fi

PORT="$(free_port)"
echo "$PORT" >"$PG_DIR/port"
log "starting PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
as_owner "$BIN/pg_ctl" -D "$DATA" -l "$PG_DIR/server.log" -w -t 60 start -o \
  "-p $PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2

if ! as_owner "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
  as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB_NAME"
fi
emit_url
