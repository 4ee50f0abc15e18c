#!/usr/bin/env bash
# The demo command: installs what is missing, builds, starts the console's private PostgreSQL
# sandbox, and opens metatable-console on the demo workspace. Without a display ($DISPLAY and
# $WAYLAND_DISPLAY unset) or with --headless, it walks the same demo through the CLI instead and
# prints a summary.
# usage: tools/run-demo.sh [--headless]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

headless=0
for arg in "$@"; do
    case "$arg" in
        --headless) headless=1 ;;
        -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
        *) echo "run-demo: unknown argument '$arg' (expected --headless)" >&2; exit 2 ;;
    esac
done
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    headless=1
fi

step() { printf '\n== run-demo: %s\n' "$*"; }

step "installing Debian packages that are missing"
tools/setup-deps.sh

step "configuring and building (preset release)"
cmake --preset release >/dev/null
cmake --build --preset release

build="$root/build/release"
export PATH="$build/app/cli:$build/app/console:$build/app/samplenode:$PATH"
demo="$root/resources/demo"
v1="$demo/example_project.v1.json"
v2="$demo/example_project.v2.json"

step "starting the sandbox PostgreSQL (metatable sandbox start)"
metatable sandbox start
server=$(metatable sandbox status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["conninfo"])')

# A fresh demo database every run, so the walk-through always starts from an empty schema.
db="${server/dbname=metatable/dbname=metatable_demo}"
psql "$server" -q -v ON_ERROR_STOP=1 -c 'DROP DATABASE IF EXISTS metatable_demo WITH (FORCE)' \
    -c 'CREATE DATABASE metatable_demo' >/dev/null

if [ "$headless" = 0 ]; then
    # Connected to the empty demo database: the migration review shows what v1 creates, ready
    # to rehearse and apply; opening v2 afterwards shows the evolution.
    step "opening metatable-console on $v1, reviewing it against metatable_demo in the sandbox"
    exec metatable-console "$v1" --db "$db"
fi

exec tools/demo-walkthrough.sh "$v1" "$v2" "$db"
