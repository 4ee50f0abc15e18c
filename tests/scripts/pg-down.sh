#!/usr/bin/env bash
# Stops the server pg-up.sh started in DIR and removes DIR. Safe to call when nothing runs.
# usage: pg-down.sh DIR
set -uo pipefail
dir=${1:?usage: pg-down.sh DIR}
[ -d "$dir" ] || exit 0
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -f "$dir/data/postmaster.pid" ] && [ -n "$bindir" ]; then
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
    else
        "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
    fi
fi
rm -rf "$dir"
