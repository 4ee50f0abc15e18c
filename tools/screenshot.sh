#!/usr/bin/env bash
# Takes a screenshot of the real console window on the demo workspace, under Xvfb, the way a
# person would see it, and writes docs/main-window.png (or the path given).
# usage: tools/screenshot.sh [BUILD_DIR] [OUTPUT.png] [MANIFEST] [ITEM]
# ITEM: a storage class (table name) or node (class name) to show.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/ci}
out=${2:-$root/docs/main-window.png}
manifest=${3:-$root/resources/demo/example_project.v1.json}
select=()
[ -n "${4:-}" ] && select=(--select "$4")
console="$build/app/console/metatable-console"
[ -x "$console" ] || { echo "screenshot: $console is not built; run cmake --build first" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "screenshot: needs xvfb-run (package xvfb) and import (imagemagick)" >&2; exit 1; }

settings=$(mktemp -d)
trap 'rm -rf "$settings"' EXIT
# A private settings folder, so the screenshot does not depend on (or change) the user's.
XDG_CONFIG_HOME="$settings" xvfb-run -a -s "-screen 0 1280x800x24" sh -c "
    '$console' ${select[*]:+--select '${4:-}'} '$manifest' & pid=\$!
    sleep 4
    import -window root '$out'
    kill \$pid
"
echo "screenshot: wrote $out"
