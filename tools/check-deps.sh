#!/usr/bin/env bash
# Checks, after a build, that every file the build read from outside the source and build trees
# comes from a Debian package tools/setup-deps.sh installs or pulls in through Depends or
# Pre-Depends. A file from a package that is merely installed here (by hand, or through a
# Recommends, which setup-deps.sh does not install) works on this machine and breaks a fresh
# one; this catches that without a fresh machine.
# Files checked: the config file of each CMake package found (CMakeCache.txt *_DIR entries),
# every system header in `ninja -t deps`, every shared library the built ELF executables load
# (ldd).
# usage: tools/check-deps.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: tools/check-deps.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)
[ -f "$build/CMakeCache.txt" ] || { echo "check-deps: $build has no CMakeCache.txt; build first" >&2; exit 2; }
[ -f "$build/.ninja_deps" ] || { echo "check-deps: $build has no .ninja_deps; build it with Ninja first" >&2; exit 2; }
# The source tree the build was configured from (usually this checkout).
src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt")
src=$(cd "${src:-$root}" && pwd)
start=$EPOCHREALTIME

work=$(mktemp -d /tmp/check-deps.XXXXXX)
trap 'rm -rf "$work"' EXIT

# --- the packages setup-deps.sh provides: its list plus the Depends/Pre-Depends closure -------
mapfile -t listed < <("$root/tools/setup-deps.sh" --list)
# apt-cache's answer only changes with the list or the package index, so it is cached in the
# build folder under a key of both (one apt-cache call takes seconds).
key=$( { printf '%s\n' "${listed[@]}"; stat -c '%Y %s' /var/cache/apt/pkgcache.bin 2>/dev/null || true; } | sha256sum | cut -c1-16)
closure_cache="$build/check-deps.closure.$key"
if [ ! -s "$closure_cache" ]; then
    rm -f "$build"/check-deps.closure.*
    apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
        --no-replaces --no-enhances "${listed[@]}" >"$work/depends"
    # apt-cache lists every alternative and every provider; a fresh machine gets only what apt
    # picks, so the walk follows, per Depends line, the first alternative that exists (a real
    # package in the index, or a virtual one's providers), as apt does when none is installed.
    # Names lose their ':any' / ':arch' qualifier; '<name>' marks a virtual package.
    awk -v roots="$(printf '%s ' "${listed[@]}")" '
        function bare(n) { sub(/:.*/, "", n); gsub(/[<>]/, "", n); return n }
        /^[^ ]/ { node = bare($1); real[node] = 1; cont = 0; next }
        /^ [ |](Pre)?Depends: / {
            alt = $2; virt = (alt ~ /^</); alt = bare(alt)
            if (!cont) { ngroups[node]++ }
            g = node SUBSEP ngroups[node]
            n = ++nalts[g]; alts[g, n] = alt; isvirt[g, n] = virt
            cont = ($0 ~ /^ \|/)
            next
        }
        /^    / { p = bare($1); nprov[g, n]++; prov[g, n, nprov[g, n]] = p; next }
        END {
            split(roots, queue, " "); head = 1; tail = length(queue)
            for (i = 1; i <= tail; i++) seen[queue[i]] = 1
            while (head <= tail) {
                pkg = queue[head++]
                for (k = 1; k <= ngroups[pkg]; k++) {
                    g = pkg SUBSEP k
                    for (a = 1; a <= nalts[g]; a++) {
                        if (isvirt[g, a] ? nprov[g, a] == 0 : !(alts[g, a] in real)) continue
                        if (isvirt[g, a]) {
                            for (j = 1; j <= nprov[g, a]; j++) {
                                p = prov[g, a, j]
                                if (!(p in seen)) { seen[p] = 1; queue[++tail] = p }
                            }
                        } else if (!(alts[g, a] in seen)) {
                            seen[alts[g, a]] = 1; queue[++tail] = alts[g, a]
                        }
                        break
                    }
                }
            }
            for (p in seen) print p
        }' "$work/depends" | sort -u >"$closure_cache.tmp"
    mv "$closure_cache.tmp" "$closure_cache"
fi

# --- the files the build read from outside the trees ----------------------------------------
outside() { # keeps absolute paths outside the source and build trees
    grep '^/' | grep -v -e "^$src/" -e "^$build/" || true
}
{
    # CMake packages: the <Name>Config.cmake / <name>-config.cmake that find_package read. Other
    # *_DIR entries (include folders, the project's own) name no package and are skipped.
    sed -n 's/^\([A-Za-z0-9_.+-]*\)_DIR:[A-Z]*=\(\/.*\)$/\1 \2/p' "$build/CMakeCache.txt" |
        while read -r name dir; do
            lower=$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]')
            for f in "$dir/${name}Config.cmake" "$dir/${lower}-config.cmake"; do
                if [ -f "$f" ]; then echo "$f"; fi
            done
        done | outside | sed 's/^/cmake\t/'
    # Headers, as the compiler reported them to Ninja.
    ninja -C "$build" -t deps | sed -n 's/^    //p' | outside | sort -u | sed 's/^/header\t/'
    # Shared libraries of every ELF executable built (applications, tests, benchmarks); an
    # unresolved one is an error of its own.
    find "$build" -type f -perm -u+x -print0 |
        while IFS= read -r -d '' f; do
            [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] && printf '%s\0' "$f"
        done | { xargs -0 -r ldd 2>/dev/null || true; } |
        awk '/=> not found/ { print "missing\t" $1; next }
             / => \// { print "library\t" $3; next }
             /^[ \t]+\/[^ ]+ \(0x/ { print "library\t" $1 }' |
        grep -v -e "	$src/" -e "	$build/" || true
} | sort -u >"$work/files"

if grep -q '^missing' "$work/files"; then
    echo "check-deps: the built executables need libraries ldd cannot find:" >&2
    sed -n 's/^missing\t/  /p' "$work/files" >&2
    exit 1
fi

# --- who owns them ---------------------------------------------------------------------------
# dpkg may know a file only under one spelling: /lib/... or /usr/lib/... (merged /usr), or the
# target of a symlink (libfoo.so.1 -> libfoo.so.1.2.3). Every spelling goes into one dpkg -S
# call (batched by xargs), and a file belongs to the owner of the first spelling dpkg knows.
cut -f2 "$work/files" | xargs -r -d '\n' realpath -m -- >"$work/real"
paste "$work/files" "$work/real" | awk -F'\t' '
    function variant(s) {
        if (s ~ /^\/usr\/(bin|sbin|lib|lib32|lib64|libx32)\//) return substr(s, 5)
        if (s ~ /^\/(bin|sbin|lib|lib32|lib64|libx32)\//) return "/usr" s
        return ""
    }
    { n = split($2 "\t" variant($2) "\t" $3 "\t" variant($3), s, "\t"); delete seen
      for (i = 1; i <= n; i++) if (s[i] != "" && !seen[s[i]]++) print $1 "\t" $2 "\t" s[i] }' \
    >"$work/spellings"
cut -f3 "$work/spellings" | sort -u | xargs -r -d '\n' dpkg-query -S 2>/dev/null |
    grep -v '^diversion by ' >"$work/owners" || true

# "pkg1:amd64, pkg2: /path" -> owners of /path; a file is fine when one owner is provided.
awk -F'\t' '
    FILENAME == ARGV[1] { provided[$1] = 1; next }
    FILENAME == ARGV[2] {
        i = index($0, ": /"); pk = substr($0, 1, i - 1); path = substr($0, i + 2)
        gsub(/:[a-z0-9_]+/, "", pk); gsub(/, /, " ", pk); own[path] = pk; next
    }
    { kind[$2] = $1 }
    !($2 in owner) && ($3 in own) { owner[$2] = own[$3] }
    END {
        for (p in kind) {
            n = split(owner[p], o, " "); ok = 0
            for (i = 1; i <= n; i++) if (o[i] in provided) ok = 1
            print (ok ? "ok" : "bad") "\t" kind[p] "\t" p "\t" owner[p]
        }
    }' "$closure_cache" "$work/owners" "$work/spellings" | sort -t$'\t' -k3 >"$work/verdicts"

checked=$(wc -l <"$work/verdicts")
elapsed=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
if grep -q '^bad' "$work/verdicts"; then
    bad=$(grep -c '^bad' "$work/verdicts")
    echo "check-deps: $bad of $checked files the build used come from outside what tools/setup-deps.sh installs:" >&2
    awk -F'\t' '$1 == "bad" {
        if ($4 == "") print "  " $3 " (" $2 "): no Debian package owns it (installed by hand?)"
        else print "  " $3 " (" $2 "): package " $4 ", installed here but not by tools/setup-deps.sh"
    }' "$work/verdicts" >&2
    pkgs=$(awk -F'\t' '$1 == "bad" && $4 != "" { split($4, o, " "); print o[1] }' "$work/verdicts" | sort -u | tr '\n' ' ')
    if [ -n "$pkgs" ]; then
        echo "check-deps: fix: add ${pkgs% } to the package list in tools/setup-deps.sh" \
            "(a Recommends does not count: it installs with --no-install-recommends)" >&2
    fi
    if grep -q $'^bad\t[^\t]*\t[^\t]*\t$' "$work/verdicts"; then
        echo "check-deps: fix: take files no package owns from a Debian package instead, and add" \
            "that package to tools/setup-deps.sh" >&2
    fi
    exit 1
fi
echo "check-deps: all $checked files the build used from the system come from tools/setup-deps.sh's" \
    "${#listed[@]} packages or their Depends (${elapsed}s)"
