#!/usr/bin/env bash
# The full row path of a node run, runner -> parse -> validate -> COPY writer, through
# `metatable run` into a local PostgreSQL: into an empty table (the direct COPY path) and again
# over the same rows (every row conflicts: staging table + INSERT ... ON CONFLICT), beside
# `psql \copy` of the same rows as CSV into an identical table (the physical reference) and
# pandas DataFrame.to_sql(method="multi", chunksize=10000) through SQLAlchemy + psycopg2 on a
# slice (what a Python user would otherwise do). Prints rows/s and the ratios against the
# targets of issue 11 (>= 0.6x \copy empty, >= 0.3x \copy conflicting, >= 20x pandas).
#
# The runner is `cat` of the sample node's NDJSON rows (written once, as bench-ingest writes
# them), so the figures are the console's path and not the row generator's.
#
# usage: bench/ingest/write.sh [--rows N] [--pandas-rows N]
# env: BENCH_BUILD_DIR (default build/bench; any RelWithDebInfo build dir), BENCH_INGEST_WORK,
#      BENCH_PG (a libpq conninfo; default: a throwaway server from tests/scripts/pg-up.sh),
#      PYTHON (default python3, with pandas, SQLAlchemy and psycopg2 from Debian)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build/bench}
work=${BENCH_INGEST_WORK:-/tmp/metatable-bench-ingest}
python=${PYTHON:-python3}
rows=1000000
pandas_rows=500000
while [ $# -gt 0 ]; do
    case $1 in
        --rows) rows=$2; shift 2 ;;
        --pandas-rows) pandas_rows=$2; shift 2 ;;
        *) echo "usage: $0 [--rows N] [--pandas-rows N]" >&2; exit 2 ;;
    esac
done

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target metatable metatable-sample-node -j "$(nproc)" >/dev/null
cli=$build/app/cli/metatable
sample=$build/app/samplenode/metatable-sample-node
mkdir -p "$work"

pgdir=""
cleanup() { if [ -n "$pgdir" ]; then "$root/tests/scripts/pg-down.sh" "$pgdir" >/dev/null 2>&1 || true; fi; }
trap cleanup EXIT
if [ -z "${BENCH_PG:-}" ]; then
    pgdir=$(mktemp -d /tmp/pg-bench.XXXXXX)
    chmod 755 "$pgdir"
    BENCH_PG=$("$root/tests/scripts/pg-up.sh" "$pgdir")
fi
psql "$BENCH_PG" -qc "DROP DATABASE IF EXISTS metatable_bench_write" -c "CREATE DATABASE metatable_bench_write" >/dev/null
db="$BENCH_PG dbname=metatable_bench_write"

# The rows: the sample node over the bench storage class, NDJSON for the run, CSV for \copy.
contract=$root/bench/ingest/minute_bars.storage.json
for format in ndjson csv; do
    file=$work/rows-$rows.$format
    if [ ! -s "$file" ]; then
        echo "writing $rows $format rows with metatable-sample-node..." >&2
        echo '{}' >"$work/config.json"
        METATABLE_CONTRACT_FILE=$contract METATABLE_CONFIG_FILE=$work/config.json \
            "$sample" --rows "$rows" --format "$format" --entities 100 --seed 1 >"$file.tmp" 2>/dev/null
        mv "$file.tmp" "$file"
    fi
done

# A manifest with the bench storage class and one node whose runner is `cat` of the rows.
manifest=$work/bench-manifest.json
"$python" - "$contract" "$work/rows-$rows.ndjson" "$manifest" <<'EOF'
import json, sys
contract, rows, out = sys.argv[1:]
storage = json.load(open(contract))
node = {
    "class": {"module": "ingest_bench.nodes", "qualname": "MinuteBarsNode"},
    "storage_class": storage["registration"]["table_contract"]["physical"]["table_name"],
    "config_class": {"module": "ingest_bench.nodes", "qualname": "MinuteBarsConfig"},
    "config_schema": {"properties": {}, "title": "MinuteBarsConfig", "type": "object"},
    "config": {},
    "hash_namespace": None,
    "runner": {"command": ["cat", rows], "row_format": "ndjson", "working_directory": None, "environment": {}},
}
manifest = {
    "format": "metatable-provider/1",
    "provider": {"package": "ingest_bench", "migration_namespace": "example-data", "schema": "public",
                 "alembic_registry": {"identifier": "ingest_bench.alembic_version",
                                      "table_name": "ingest_bench__alembic_version"}},
    "storage_classes": [storage], "external_tables": [], "nodes": [node],
}
json.dump(manifest, open(out, "w"), indent=1)
EOF
"$cli" upgrade "$manifest" --db "$db" --yes >/dev/null
table=ingest_bench__minute_bars
psql "$db" -qc "CREATE TABLE copy_reference (LIKE $table INCLUDING ALL)" \
    -c "CREATE TABLE pandas_reference (LIKE $table INCLUDING ALL)" >/dev/null

now() { date +%s.%N; }
echo "machine: $(nproc) cores (nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(date -u +%Y-%m-%d)," \
     "commit $(git -C "$root" rev-parse --short HEAD)"

run_node() {
    local start end out
    start=$(now)
    out=$("$cli" run "$manifest" --node ingest_bench.nodes:MinuteBarsNode --db "$db" --format json 2>/dev/null) || {
        echo "metatable run failed: $out" >&2; exit 2; }
    end=$(now)
    "$python" -c "
import json, sys
r = json.loads(sys.argv[1]); c = r['counters']
assert r['status'] == 'succeeded', r['message']
print(f\"{float(sys.argv[2]) - float(sys.argv[3]):.3f} {c['inserted']} {c['updated']}\")" "$out" "$end" "$start"
}

read -r t_empty ins_empty upd_empty < <(run_node)
read -r t_conflict ins_conflict upd_conflict < <(run_node)

start=$(now)
psql "$db" -qc "\\copy copy_reference FROM '$work/rows-$rows.csv' WITH (FORMAT csv, HEADER true)" >/dev/null
t_copy=$("$python" -c "import sys; print(f'{float(sys.argv[1]) - float(sys.argv[2]):.3f}')" "$(now)" "$start")

host=$(printf '%s\n' $BENCH_PG | sed -n 's/^host=//p')
port=$(printf '%s\n' $BENCH_PG | sed -n 's/^port=//p')
user=$(printf '%s\n' $BENCH_PG | sed -n 's/^user=//p')
t_pandas=$(PYTHONPATH=$root/tests/python/debian-site "$python" - "$work/rows-$rows.csv" "$pandas_rows" \
    "${host:-/var/run/postgresql}" "${port:-5432}" "${user:-postgres}" <<'EOF'
import sys, time
import pandas as pd
from sqlalchemy import create_engine
path, n, host, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
frame = pd.read_csv(path, nrows=n, parse_dates=["time_index"])
engine = create_engine(f"postgresql+psycopg2://{user}@/metatable_bench_write?host={host}&port={port}")
start = time.monotonic()
frame.to_sql("pandas_reference", engine, if_exists="append", index=False, method="multi", chunksize=10000)
print(f"{time.monotonic() - start:.3f}")
EOF
)

"$python" - "$rows" "$pandas_rows" "$t_empty" "$t_conflict" "$t_copy" "$t_pandas" \
    "$ins_empty" "$upd_empty" "$ins_conflict" "$upd_conflict" <<'EOF'
import sys
rows, prow = int(sys.argv[1]), int(sys.argv[2])
te, tc, tcopy, tp = map(float, sys.argv[3:7])
ie, ue, ic, uc = map(int, sys.argv[7:11])
copy = rows / tcopy
def line(name, n, t, extra=""):
    print(f"| {name} | {n:,} | {t:.2f} s | {n / t:,.0f} | {extra} |")
print("| side | rows | time | rows/s | |")
print("| --- | --- | --- | --- | --- |")
line("metatable run, empty table (direct COPY)", rows, te, f"{rows / te / copy:.2f}x \\copy (target 0.6x); inserted {ie:,}, updated {ue:,}")
line("metatable run, every row conflicts (staged upsert)", rows, tc, f"{rows / tc / copy:.2f}x \\copy (target 0.3x); inserted {ic:,}, updated {uc:,}")
line("psql \\copy, CSV", rows, tcopy, "1.00x")
line("pandas to_sql(method=\"multi\", chunksize=10000)", prow, tp, f"run empty / pandas: {rows / te / (prow / tp):.1f}x (target 20x)")
ok = rows / te >= 0.6 * copy and rows / tc >= 0.3 * copy and rows / te >= 20 * prow / tp
sys.exit(0 if ok else 1)
EOF
