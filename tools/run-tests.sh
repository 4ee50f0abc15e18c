#!/usr/bin/env bash
# The test command: installs what is missing, builds with the 'ci' preset (warnings are errors),
# starts a throwaway PostgreSQL, runs every ctest label (unit, gui, integration), stops the server
# whatever happened, and exits with ctest's status.
# usage: tools/run-tests.sh [extra ctest arguments...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

echo "== run-tests: installing Debian packages that are missing"
tools/setup-deps.sh

echo "== run-tests: configuring and building (preset ci)"
cmake --preset ci
cmake --build --preset ci

pgdir=$(mktemp -d /tmp/metatable-test-pg.XXXXXX)
cleanup() { echo "== run-tests: stopping the test PostgreSQL"; tests/scripts/pg-down.sh "$pgdir"; }
trap cleanup EXIT

echo "== run-tests: starting a throwaway PostgreSQL in $pgdir"
METATABLE_TEST_PG=$(tests/scripts/pg-up.sh "$pgdir")
export METATABLE_TEST_PG
export METATABLE_REQUIRE_PG=1

echo "== run-tests: running ctest (labels unit, gui, integration)"
set +e
ctest --preset ci "$@"
status=$?
set -e
echo "== run-tests: ctest exited with $status"
exit $status
