#!/usr/bin/env bash
# The row path of a node run on rows from metatable-sample-node: today parse + validate alone,
# one thread, NDJSON and CSV at 1 M and 5 M rows (rows/s against 1.5 M rows/s, peak RSS against
# 200 MB), and the NDJSON parser candidates side by side. Builds bench-ingest and the sample node
# (RelWithDebInfo) in build/bench. The rows are written once into BENCH_INGEST_WORK (default
# /tmp/metatable-bench-ingest, about 1.3 GB for 5 M rows in both formats) and reused.
# usage: bench/ingest/run.sh [--rows 1000000,5000000] [--compare-rows N]
# env: BENCH_BUILD_DIR, BENCH_INGEST_WORK
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build/bench}
work=${BENCH_INGEST_WORK:-/tmp/metatable-bench-ingest}

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target bench-ingest metatable-sample-node -j "$(nproc)" >/dev/null

echo "machine: $(nproc) cores (nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'),"\
     "load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(date -u +%Y-%m-%d)," \
     "commit $(git -C "$root" rev-parse --short HEAD)"
# Exit status: 0 targets met, 1 not met, 2 the benchmark could not run.
"$build/bench/ingest/bench-ingest" --work "$work" "$@"
