#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the tests: `start DIR` makes a new cluster in DIR
# (removing one this script made there before) and starts it on a Unix socket in DIR only
# (no TCP port, nothing to collide with); `stop DIR` stops it and removes DIR. CTest runs
# them as the setup and cleanup of the `postgresql` fixture (cmake/NetvetHelpers.cmake);
# the tests reach the server at postgresql:///postgres?host=DIR/socket&user=netvet_test.
#
# PostgreSQL refuses to run as root; as root, the cluster runs as the `postgres` system
# user that Debian's postgresql package creates.
set -euo pipefail
action=${1:?usage: postgresql.sh start|stop DIR}
dir=${2:?usage: postgresql.sh start|stop DIR}
bin=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
[ -n "$bin" ] || { echo "postgresql.sh: PostgreSQL 15 is not installed (Debian package postgresql-15)" >&2; exit 1; }
marker=$dir/.netvet-test-cluster

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$marker" ] || return 0   # never remove a folder this script did not make
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case $action in
  start)
    stop
    [ ! -e "$dir" ] || { echo "postgresql.sh: $dir exists and is not a test cluster; not touching it" >&2; exit 1; }
    mkdir -p "$dir/socket"
    touch "$marker"
    [ "$(id -u)" -ne 0 ] || chown -R postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U netvet_test --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync stays on: the fault tests kill the server's clients, and durability is
    # what they check. Small settings: the tests make many short-lived databases.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir/socket' -c max_connections=200 -c shared_buffers=32MB" \
      >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql.sh: a test cluster runs at postgresql:///postgres?host=$dir/socket&user=netvet_test"
    ;;
  stop) stop ;;
  *) echo "usage: postgresql.sh start|stop DIR" >&2; exit 2 ;;
esac
