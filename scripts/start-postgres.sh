#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 server on 127.0.0.1 for the tests and benchmarks, installing Debian's
# package first when it is missing. Prints the connection URL on its last line.
#   scripts/start-postgres.sh [DIR] [PORT]      (defaults: /tmp/docket-postgres, 54329)
set -euo pipefail
dir=${1:-/tmp/docket-postgres}
port=${2:-54329}
bin=/usr/lib/postgresql/15/bin

if [ ! -x "$bin/pg_ctl" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

if [ -f "$dir/postmaster.pid" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  echo "postgres://postgres@127.0.0.1:$port/postgres"
  exit 0
fi

rm -rf "$dir"
mkdir -p "$dir"
chown postgres:postgres "$dir"
runuser -u postgres -- "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --no-locale >/dev/null
# fsync off: these databases are thrown away; the crash test kills Docket, never PostgreSQL.
runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=/tmp -c fsync=off -c max_connections=400 -c shared_buffers=128MB" \
  start >/dev/null
echo "postgres://postgres@127.0.0.1:$port/postgres"
