#!/usr/bin/env bash
# Runs bench-diff against a throwaway PostgreSQL: builds bench-diff (Release) in build/bench,
# starts a server with tests/scripts/pg-up.sh, runs the benchmark, stops the server.
# usage: bench/diff/run.sh [bench-diff options, e.g. --classes 1000 --runs 7 --alembic-runs 3]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build/bench}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target bench-diff >/dev/null

pgdir=$(mktemp -d /tmp/metatable-bench-pg.XXXXXX)
trap '"$root/tests/scripts/pg-down.sh" "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"' EXIT
conninfo=$("$root/tests/scripts/pg-up.sh" "$pgdir")

# Alembic and SQLAlchemy come from Debian's packages, for Debian's Python.
python=/usr/bin/python3
if ! "$python" -c 'import alembic, sqlalchemy, psycopg2' 2>/dev/null; then
    python=python3
    export PYTHONPATH=/usr/lib/python3/dist-packages${PYTHONPATH:+:$PYTHONPATH}
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(date -u +%Y-%m-%d)"
"$build/bench/diff/bench-diff" --db "$conninfo" --python "$python" \
    --script "$root/bench/diff/alembic_compare.py" "$@"
