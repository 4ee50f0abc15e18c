#!/usr/bin/env bash
# The headless demo: walks an operator's day through the CLI against a database, and prints a
# summary. tools/run-demo.sh builds, starts the sandbox and calls this; it can also be run by
# hand against any empty database.
# usage: tools/demo-walkthrough.sh MANIFEST_V1 MANIFEST_V2 CONNINFO
set -uo pipefail
v1=${1:?usage: demo-walkthrough.sh MANIFEST_V1 MANIFEST_V2 CONNINFO}
v2=${2:?usage: demo-walkthrough.sh MANIFEST_V1 MANIFEST_V2 CONNINFO}
db=${3:?usage: demo-walkthrough.sh MANIFEST_V1 MANIFEST_V2 CONNINFO}

work=$(mktemp -d /tmp/metatable-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
summary=()
step() { printf '\n== demo: %s\n' "$*"; }
# Runs a command, shows its output, records "what -> exit status" for the summary.
record() {
    local what=$1 expect=$2; shift 2
    echo "\$ $*"
    "$@"
    local rc=$?
    local verdict="ok"
    [ "$rc" = "$expect" ] || verdict="UNEXPECTED (wanted exit $expect)"
    summary+=("$(printf '%-58s exit %s  %s' "$what" "$rc" "$verdict")")
    return 0
}
contract() { # storage class JSON object of TABLE from MANIFEST, for runners
    python3 -c 'import json,sys
m=json.load(open(sys.argv[1]))
print(json.dumps(next(s for s in m["storage_classes"] if s["registration"]["table_contract"]["physical"]["table_name"]==sys.argv[2])))' "$1" "$2"
}
sql() { psql "$db" -X -q -v ON_ERROR_STOP=1 -At "$@"; }

step "1. lint the provider manifest (SDK contract rules, migration guide)"
record "lint v1" 0 metatable lint "$v1"

step "2. preview the first migration (plan with risks) as text, then as SQL"
record "diff v1 (changes pending)" 1 bash -c "set -o pipefail; metatable diff '$v1' --db '$db' | tail -n 4"
metatable diff "$v1" --db "$db" --format sql | sed -n '/CREATE TABLE "public"."example_project__account_positions"/,/);/p'
metatable diff "$v1" --db "$db" --format sql | grep -A3 'FOREIGN KEY' | head -n 4

step "3. apply it: one transaction, catalog reservation, DDL, finalize, Alembic stamp"
record "upgrade v1" 0 metatable upgrade "$v1" --db "$db" --yes
record "status v1 (all registered)" 0 metatable status "$v1" --db "$db"
record "diff v1 after upgrade (empty)" 0 metatable diff "$v1" --db "$db"

step "4. node configurations: update_hash as the SDK computes it (bound storage classes)"
record "hash DailyMetricsNode" 0 metatable hash "$v1" --node example_project.nodes:DailyMetricsNode
record "hash SpreadNode (storage class bound from the catalog)" 0 \
    metatable hash "$v1" --node example_project.nodes:SpreadNode --db "$db"
record "hash SpreadNode without bindings (SDK refuses)" 1 \
    metatable hash "$v1" --node example_project.nodes:SpreadNode

step "5. a node run: metatable-sample-node writes rows for the spreads table"
contract "$v1" example_project__spreads >"$work/spreads.json"
echo '{}' >"$work/config.json"
METATABLE_CONTRACT_FILE="$work/spreads.json" METATABLE_CONFIG_FILE="$work/config.json" \
    metatable-sample-node --rows 300 --format csv --seed 7 >"$work/spreads.csv"
columns=$(head -n 1 "$work/spreads.csv")
sql -c "\\copy public.example_project__spreads ($columns) FROM '$work/spreads.csv' WITH (FORMAT csv, HEADER true)"
rows=$(sql -c 'SELECT count(*) FROM public.example_project__spreads')
nulls=$(sql -c 'SELECT count(*) FROM public.example_project__spreads WHERE base_value IS NULL')
echo "spreads now holds $rows rows; $nulls of them have no base_value"
METATABLE_CONTRACT_FILE="$work/spreads.json" METATABLE_CONFIG_FILE="$work/config.json" \
    metatable-sample-node --rows 20 --seed 7 --bad naive-timestamp --bad wrong-type --bad-every 5 \
    >"$work/bad.ndjson"
echo "a run with injected bad rows (every 5th: naive timestamp, wrong type):"
sed -n '5p;10p' "$work/bad.ndjson"

step "6. the migration guide's checklist: each node run once, then checked against the catalog"
echo "seeding the accounts AccountPositionsNode's rows point at (resources/demo/seed-accounts.sql)"
sql -f "$(dirname "$v1")/seed-accounts.sql"
for node in DailyMetricsNode ObservationNode SpreadNode AccountPositionsNode; do
    record "run $node" 0 bash -c "set -o pipefail; metatable run '$v1' --node example_project.nodes:$node --db '$db' 2>/dev/null | tail -n 3"
done
record "checklist v1 (every node fully migrated)" 0 \
    bash -c "set -o pipefail; metatable checklist '$v1' --db '$db' | tail -n 1"
record "testgen v1 (the guide's nine validation tests)" 0 metatable testgen "$v1" --output "$work/tests"

step "7. preview v2: added column, new index, new FK, NOT NULL change, new descriptions"
record "diff v2 (risks counted on live rows)" 1 metatable diff "$v2" --db "$db"
record "revision v2 (Alembic file)" 0 metatable revision "$v2" --db "$db" --output "$work" --message "evolve to v2"
revision_file=$(ls "$work"/*.py 2>/dev/null | head -n 1)
[ -n "$revision_file" ] && python3 -m py_compile "$revision_file" && echo "wrote $(basename "$revision_file"): valid Python"

step "8. apply v2: refused while NULLs would make SET NOT NULL fail"
record "upgrade v2 (blocked by $nulls NULLs)" 1 metatable upgrade "$v2" --db "$db" --yes
echo "the operator fills the gaps, then upgrades again:"
sql -c 'UPDATE public.example_project__spreads SET base_value = 0 WHERE base_value IS NULL'
record "upgrade v2" 0 metatable upgrade "$v2" --db "$db" --yes
record "status v2" 0 metatable status "$v2" --db "$db"
record "diff v2 after upgrade (empty)" 0 metatable diff "$v2" --db "$db"

step "summary"
printf '%s\n' "${summary[@]}"
tables=$(sql -c "SELECT count(*) FROM metatable_catalog.meta_tables WHERE provisioning_status = 'active'")
revision=$(sql -c 'SELECT version_num FROM public.example_project__alembic_version')
echo "catalog: $tables active storage classes; Alembic revision $revision"
if printf '%s\n' "${summary[@]}" | grep -q UNEXPECTED; then
    echo "demo: some steps did not behave as expected" >&2
    exit 1
fi
echo "demo: every step behaved as expected"
