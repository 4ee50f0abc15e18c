#!/usr/bin/env bash
# Times the whole `metatable diff MANIFEST --db CONNINFO` process against whole Alembic
# autogenerate comparisons on the same throwaway PostgreSQL: Alembic 1.19 / SQLAlchemy 2.0 (the
# headline peer, unpacked from the shared tarball into a temporary directory, never installed)
# and Debian's Alembic 1.8 / SQLAlchemy 1.4.
# Builds bench-diff and the CLI (RelWithDebInfo, as the release preset ships them) in
# build/bench, starts a server with tests/scripts/pg-up.sh, stops it and removes every
# temporary file on exit.
# usage: bench/diff/run.sh [bench-diff options, e.g. --classes 1000 --runs 7 --target 20]
# env: BENCH_BUILD_DIR, BENCH_ALEMBIC_TARBALL (default ../shared/bench/alembic-*.tar.xz)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build/bench}
tarball=${BENCH_ALEMBIC_TARBALL:-$root/../shared/bench/alembic-1.19.2-sqlalchemy-2.0.52.tar.xz}
# Debian's Python: python3-psycopg2 is built for it, and both peers run on it.
python=/usr/bin/python3
debian_packages=/usr/lib/python3/dist-packages

fail() {
    echo "bench/diff/run.sh: $*" >&2
    exit 2
}

# Check the peers before spending minutes on a build.
[ -f "$tarball" ] || fail "no $tarball (Alembic 1.19.2 / SQLAlchemy 2.0.52 sources); set BENCH_ALEMBIC_TARBALL"
[ -x "$python" ] || fail "no $python; install Debian's python3"
"$python" -c 'import psycopg2' 2>/dev/null || fail "$python cannot import psycopg2; install python3-psycopg2"
"$python" -c 'import alembic, sqlalchemy, mako' 2>/dev/null ||
    fail "$python cannot import Debian's Alembic; install python3-alembic python3-sqlalchemy python3-mako"

pgdir=""
peerdir=""
cleanup() {
    if [ -n "$pgdir" ]; then
        "$root/tests/scripts/pg-down.sh" "$pgdir" >/dev/null 2>&1 || true
        rm -rf "$pgdir"
    fi
    [ -z "$peerdir" ] || rm -rf "$peerdir"
}
trap cleanup EXIT

peerdir=$(mktemp -d /tmp/metatable-bench-alembic.XXXXXX)
tar -xJf "$tarball" -C "$peerdir" || fail "cannot unpack $tarball"
# The unpacked trees come first so that they shadow Debian's SQLAlchemy 1.4 and Alembic 1.8;
# Debian's dist-packages still supplies psycopg2 and mako.
current_path="$peerdir/sa:$peerdir:$debian_packages"
# The tarball holds no compiled extensions: say so rather than let SQLAlchemy probe for them.
# Debian's SQLAlchemy 1.4 is pure Python too (python3-sqlalchemy-ext is not needed).
export DISABLE_SQLALCHEMY_CEXT_RUNTIME=1
# Compile the bytecode now, as pip does on install and Debian's packages ship it: otherwise,
# with PYTHONDONTWRITEBYTECODE set, every run would compile SQLAlchemy 2.0 from source.
"$python" -m compileall -q -j 0 "$peerdir" >/dev/null || fail "cannot compile $peerdir"
versions=$(PYTHONPATH="$current_path" "$python" -c \
    'import sqlalchemy, alembic; print(sqlalchemy.__version__, alembic.__version__)') ||
    fail "the unpacked Alembic does not import (PYTHONPATH=$current_path)"
[ "$versions" = "2.0.52 1.19.2" ] || fail "expected SQLAlchemy 2.0.52 and Alembic 1.19.2, got $versions"

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
    --peer "$current_path" --peer "$debian_packages" "$@"
