#!/usr/bin/env bash
# Times the whole `metatable diff MANIFEST --db CONNINFO` process against a whole Alembic
# autogenerate comparison (Debian's Alembic 1.8 / SQLAlchemy 1.4) on the same throwaway
# PostgreSQL. Builds bench-diff and the CLI (RelWithDebInfo, as the release preset ships them)
# in build/bench, starts a server with tests/scripts/pg-up.sh, stops it on exit.
# usage: bench/diff/run.sh [bench-diff options, e.g. --classes 1000 --runs 7 --target 20]
# env: BENCH_BUILD_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build/bench}
# Debian's Python: python3-psycopg2 is built for it.
python=/usr/bin/python3
debian_packages=/usr/lib/python3/dist-packages

fail() {
    echo "bench/diff/run.sh: $*" >&2
    exit 2
}

# Check the peer before spending minutes on a build.
[ -x "$python" ] || fail "no $python; install Debian's python3"
"$python" -c 'import psycopg2' 2>/dev/null || fail "$python cannot import psycopg2; install python3-psycopg2"
"$python" -c 'import alembic, sqlalchemy, mako' 2>/dev/null ||
    fail "$python cannot import Debian's Alembic; install python3-alembic python3-sqlalchemy python3-mako"

pgdir=""
cleanup() {
    if [ -n "$pgdir" ]; then
        "$root/tests/scripts/pg-down.sh" "$pgdir" >/dev/null 2>&1 || true
        rm -rf "$pgdir"
    fi
}
trap cleanup EXIT

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target bench-diff metatable -j "$(nproc)" >/dev/null

pgdir=$(mktemp -d /tmp/metatable-bench-pg.XXXXXX)
conninfo=$("$root/tests/scripts/pg-up.sh" "$pgdir")

label="metatable $(git -C "$root" describe --tags --always --dirty 2>/dev/null || echo unknown)"
echo "machine: $(nproc) cores (nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'),"\
     "load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(date -u +%Y-%m-%d)"
# Exit status: 0 target met, 1 not met, 2 the benchmark could not run.
"$build/bench/diff/bench-diff" --db "$conninfo" --python "$python" \
    --script "$root/bench/diff/alembic_compare.py" --label "$label" \
    --peer "$debian_packages" "$@"
