#!/usr/bin/env bash
# The test command: installs what is missing, builds with the 'ci' preset (warnings are errors),
# checks the build used only packages setup-deps.sh installs (tools/check-deps.sh), starts a
# throwaway PostgreSQL, runs every ctest label (unit, gui, integration; the 'ci' test preset
# fails integration tests that find no server), stops the server whatever happened, and exits
# with ctest's status.
# usage: tools/run-tests.sh [extra ctest arguments...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

echo "== run-tests: installing Debian packages that are missing"
tools/setup-deps.sh

echo "== run-tests: configuring and building (preset ci)"
cmake --preset ci
cmake --build --preset ci

# A file the build took from a package setup-deps.sh does not install works here and breaks a
# fresh machine; fail now rather than there.
echo "== run-tests: checking that the build used only packages tools/setup-deps.sh installs"
tools/check-deps.sh build/ci

pgdir=$(mktemp -d /tmp/metatable-test-pg.XXXXXX)
cleanup() { echo "== run-tests: stopping the test PostgreSQL"; tests/scripts/pg-down.sh "$pgdir"; }
trap cleanup EXIT

echo "== run-tests: starting a throwaway PostgreSQL in $pgdir"
METATABLE_TEST_PG=$(tests/scripts/pg-up.sh "$pgdir")
export METATABLE_TEST_PG

echo "== run-tests: running ctest (labels unit, gui, integration)"
set +e
ctest --preset ci "$@"
status=$?
set -e
echo "== run-tests: ctest exited with $status"
exit $status
