#!/usr/bin/env bash
# The console window on a generated provider of 10,000 storage classes whose tables exist in a
# throwaway PostgreSQL: open, live badges, the longest GUI stall, a filter keystroke, selecting a
# class. Builds bench-console (RelWithDebInfo) in build/bench, starts the server with
# tests/scripts/pg-up.sh and stops it on exit. Runs offscreen unless DISPLAY is set.
# usage: bench/console/run.sh [--classes N]     env: BENCH_BUILD_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build/bench}
pgdir=$(mktemp -d /tmp/metatable-bench-console.XXXXXX)
chmod 755 "$pgdir"
trap '"$root/tests/scripts/pg-down.sh" "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"' EXIT

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target bench-console -j "$(nproc)" >/dev/null
server=$("$root/tests/scripts/pg-up.sh" "$pgdir")
echo "bench/console: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git -C "$root" rev-parse --short HEAD)"
[ -n "${DISPLAY:-}" ] || export QT_QPA_PLATFORM=offscreen
METATABLE_TEST_PG="$server" METATABLE_SOURCE_DIR="$root" "$build/bench/console/bench-console" "$@"
