#!/usr/bin/env bash
# Takes the documentation's screenshots of the real console under Xvfb: the welcome page, the
# main window with a class selected, its Live table tab, the migration review with a risky
# operation selected, rehearsal results, an apply blocked by another session, and the node
# configuration editor. A throwaway PostgreSQL holds a fresh demo database; the window runs from
# a scratch folder holding copies of the demo manifests, so no home or build path shows in a
# picture.
# usage: tools/screenshot.sh [BUILD_DIR] [OUTPUT_DIR]   (default: build/ci, docs/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build/ci}" && pwd)
out=$(mkdir -p "${2:-$root/docs}" && cd "${2:-$root/docs}" && pwd)
tour="$build/tests/ui/metatable-screenshot-tour"
[ -x "$tour" ] || { echo "screenshot: $tour is not built; build the ci preset first" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "screenshot: needs xvfb-run (tools/setup-deps.sh installs it)" >&2; exit 1; }

scratch=$(mktemp -d /tmp/metatable-demo.XXXXXX)
chmod 755 "$scratch"
cleanup() { "$root/tests/scripts/pg-down.sh" "$scratch/pg" >/dev/null 2>&1 || true; rm -rf "$scratch"; }
trap cleanup EXIT
mkdir -p "$scratch/pg" "$scratch/demo" "$scratch/config"
chmod 755 "$scratch/pg"
server=$("$root/tests/scripts/pg-up.sh" "$scratch/pg")
cp "$root"/resources/demo/example_project.v*.json "$scratch/demo/"
# The demo project, for the generated validation tests (written into python/tests).
cp -r "$root/resources/demo/python" "$scratch/demo/python"
cd "$scratch/demo"
# A private settings folder, so the pictures do not depend on (or change) the user's settings.
PYTHONPATH="$root/tests/python/debian-site" PATH="$build/app/samplenode:$PATH" XDG_CONFIG_HOME="$scratch/config" METATABLE_DRAFTS_DIR="$scratch/drafts" METATABLE_PRESETS_DIR="$scratch/presets" METATABLE_TEST_PG="$server" METATABLE_SOURCE_DIR="$root" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$tour" "$out"
