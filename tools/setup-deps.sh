#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs to build, test and run its demo.
# Idempotent: installs only what is missing. Needs root (or sudo) for apt-get.
# usage: tools/setup-deps.sh [--list]
#   --list  prints the packages, one per line, and installs nothing: tools/check-deps.sh reads
#           the list from here so there is only one.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config clang clang-format libclang-rt-14-dev
    # libraries
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6svg6 libqt6opengl6-dev libqt6sql6-psql libqt6sql6-sqlite libgl-dev
    qtkeychain-qt6-dev
    libpqxx-dev libpq-dev nlohmann-json3-dev libsimdjson-dev libexpected-dev libssl-dev
    # database server for the sandbox, the demo and the integration tests
    postgresql
    # the Python bridge and the Alembic peer
    python3 python3-sqlalchemy python3-pandas python3-alembic python3-psycopg2
    # looking at the GUI without a desktop
    xvfb xauth imagemagick
)

case "${1:-}" in
    '') ;;
    --list) printf '%s\n' "${packages[@]}"; exit 0 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "setup-deps: unknown argument '$1' (expected --list)" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup-deps: all ${#packages[@]} Debian packages are installed"
    exit 0
fi

sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo)
echo "setup-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
