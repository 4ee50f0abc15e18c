#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the tests: initdb into DIR, listen only on a Unix socket in
# DIR/sock (no TCP), trust authentication (the socket directory is private to its owner).
# As root the server runs as the unprivileged 'postgres' user, since initdb refuses root.
# Prints the libpq connection string on stdout and writes it to DIR/conninfo.
# usage: pg-up.sh DIR
set -euo pipefail
dir=${1:?usage: pg-up.sh DIR}

bindir=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    bindir=$(pg_config --bindir)
fi
if [ -z "$bindir" ]; then
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "pg-up: no PostgreSQL server binaries found; install Debian's 'postgresql' package" >&2
    exit 1
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
run=()
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "pg-up: running as root needs the 'postgres' user (installed with the postgresql package)" >&2; exit 1; }
    chown postgres: "$dir"
    run=(runuser -u postgres --)
    # postgres must be able to walk down to DIR; a folder under /root, say, it cannot enter.
    if ! "${run[@]}" test -x "$dir"; then
        echo "pg-up: the 'postgres' user cannot reach $dir (a folder above it is closed to it);" \
            "use a DIR under /tmp, e.g. \$(mktemp -d /tmp/pg.XXXXXX)" >&2
        exit 1
    fi
fi
chmod 700 "$dir"
"${run[@]}" mkdir -p "$dir/sock"

if [ ! -f "$dir/data/PG_VERSION" ]; then
    "${run[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
fi
"${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir/sock -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

conninfo="host=$dir/sock port=5432 user=postgres dbname=postgres"
echo "$conninfo" >"$dir/conninfo"
echo "$conninfo"
