#!/usr/bin/env bash
# A persistent PostgreSQL cluster for benchmarks (bin/with-postgres deletes its own).
#
#   bench/pg-cluster.sh start [DIR] [PORT]   # prints the DATABASE_URL to export
#   bench/pg-cluster.sh stop  [DIR]
#
# DIR defaults to /tmp/newsroom-bench-pg, PORT to 54329. Same settings as the
# test cluster (fsync off: benchmark data is disposable).
set -euo pipefail
ACTION=${1:?start or stop}
DIR=${2:-/tmp/newsroom-bench-pg}
PORT=${3:-54329}
BINDIR=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
AS=()
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); fi
case "$ACTION" in
  start)
    if [ ! -d "$DIR/data" ]; then
      mkdir -p "$DIR"; chmod 755 "$DIR"
      [ ${#AS[@]} -gt 0 ] && chown postgres "$DIR"
      "${AS[@]}" "$BINDIR/initdb" -D "$DIR/data" -U newsroom --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
      FRESH=1
    fi
    "${AS[@]}" "$BINDIR/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
      -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c work_mem=16MB -c maintenance_work_mem=256MB -c max_wal_size=4GB" >/dev/null
    [ -n "${FRESH:-}" ] && "$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U newsroom newsroom
    echo "export DATABASE_URL=postgres://newsroom@127.0.0.1:$PORT/newsroom"
    ;;
  stop)
    "${AS[@]}" "$BINDIR/pg_ctl" -D "$DIR/data" -m fast stop
    ;;
  *) echo "start or stop" >&2; exit 2 ;;
esac
