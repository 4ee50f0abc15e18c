#!/usr/bin/env bash
# usage: tools/format.sh --check|--fix [CLANG_FORMAT]
# Checks (or rewrites) every first-party C++ file with the repository's .clang-format.
set -euo pipefail
mode=${1:?usage: format.sh --check|--fix [clang-format]}
cf=${2:-clang-format}
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h')
[ ${#files[@]} -eq 0 ] && exit 0
if [ "$mode" = --fix ]; then
    "$cf" -i "${files[@]}"
else
    "$cf" --dry-run --Werror "${files[@]}"
    echo "format-check: ${#files[@]} files are clang-formatted"
fi
