#!/usr/bin/env bash
# Builds the manifest fuzz target with the `fuzz` preset (clang, libFuzzer, ASan, UBSan) and runs
# it for SECONDS (default 60), seeded from tests/data/manifest-errors, tests/data/manifest and
# the demo manifests. New inputs go to a fresh corpus folder that is printed at the end.
# usage: tools/fuzz-manifest.sh [SECONDS]   (BUILD_DIR overrides build/fuzz)
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build/fuzz}
cd "$root"
cmake --preset fuzz -B "$build" >/dev/null
cmake --build "$build" --target fuzz_manifest
corpus=$(mktemp -d /tmp/fuzz-manifest.XXXXXX)
seeds=("$root/tests/data/manifest-errors" "$root/tests/data/manifest")
[ -d "$root/resources/demo" ] && seeds+=("$root/resources/demo")
"$build/tests/fuzz/fuzz_manifest" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -print_final_stats=1 "$corpus" "${seeds[@]}"
echo "corpus: $corpus"
