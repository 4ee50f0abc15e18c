#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs Alembic's autogenerate comparison on the database the console's diff benchmark built.

Reads a metatable-provider/1 manifest, builds the equivalent SQLAlchemy MetaData (columns with
the SQLAlchemy types the backend_type strings come from, primary keys, unique and check
constraints, indexes, foreign keys), connects, runs
alembic.autogenerate.compare_metadata(MigrationContext(compare_type=True), metadata) once and
prints the differences on stdout, one per line: what a user's script would do.

bench-diff starts this script once per timed run and times the whole process (interpreter start,
imports, reading the manifest, connecting, comparing, printing). With --report FILE the script
also writes where its own time went, as JSON: the phases from its first line to the end, the
compare_metadata call alone (the in-process figure), the differences found and the versions.

Works with Alembic 1.8 / SQLAlchemy 1.4 (Debian's python3-alembic, python3-sqlalchemy) and
with Alembic 1.19 / SQLAlchemy 2.0 put first on PYTHONPATH; both need python3-psycopg2.
"""

# Imported first so that the report can show what the heavy imports below cost.
import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402

import psycopg2  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from alembic.autogenerate import compare_metadata  # noqa: E402
from alembic.migration import MigrationContext  # noqa: E402
from sqlalchemy.dialects import postgresql  # noqa: E402

IMPORTED = time.perf_counter()

SIMPLE_TYPES = {
    "UUID": lambda: postgresql.UUID(as_uuid=True),
    "TEXT": sa.Text,
    "VARCHAR": sa.String,
    "BIGINT": sa.BigInteger,
    "INTEGER": sa.Integer,
    "SMALLINT": sa.SmallInteger,
    "FLOAT": sa.Float,
    "REAL": sa.REAL,
    "DOUBLE PRECISION": postgresql.DOUBLE_PRECISION,
    "BOOLEAN": sa.Boolean,
    "DATE": sa.Date,
    "TIMESTAMP WITH TIME ZONE": lambda: sa.DateTime(timezone=True),
    "JSON": sa.JSON,
    "JSONB": postgresql.JSONB,
}


def column_type(backend_type):
    text = backend_type.strip().upper()
    if text in SIMPLE_TYPES:
        return SIMPLE_TYPES[text]()
    match = re.fullmatch(r"VARCHAR\((\d+)\)", text)
    if match:
        return sa.String(int(match.group(1)))
    match = re.fullmatch(r"NUMERIC\((\d+),\s*(\d+)\)", text)
    if match:
        return sa.Numeric(int(match.group(1)), int(match.group(2)))
    raise SystemExit(f"alembic_compare.py: no SQLAlchemy type for backend_type {backend_type!r}")


def sa_schema(schema):
    # The SDK maps "public" to SQLAlchemy's blank (default) schema.
    return None if schema in (None, "", "public") else schema


def build_metadata(manifest):
    metadata = sa.MetaData()
    provider_schema = manifest["provider"].get("schema", "public")
    for cls in manifest["storage_classes"]:
        registration = cls["registration"]
        contract = registration["table_contract"]
        schema = sa_schema(registration.get("physical_schema", provider_schema))
        table_name = contract["physical"]["table_name"]
        ddl = cls["ddl"]
        defaults = ddl.get("server_defaults") or {}
        items = []
        for col in contract["columns"]:
            default = defaults.get(col["name"])
            items.append(
                sa.Column(
                    col["name"],
                    column_type(col.get("backend_type") or col["data_type"]),
                    nullable=col.get("nullable", True),
                    server_default=sa.text(default) if default is not None else None,
                    comment=col.get("description"),
                )
            )
        if ddl.get("primary_key"):
            pk = ddl["primary_key"]
            items.append(sa.PrimaryKeyConstraint(*pk["columns"], name=pk["name"]))
        for uq in ddl.get("unique_constraints", []):
            items.append(sa.UniqueConstraint(*uq["columns"], name=uq["name"]))
        for ck in ddl.get("check_constraints", []):
            items.append(sa.CheckConstraint(ck["sqltext"], name=ck["name"]))
        for fk in ddl.get("foreign_keys", []):
            target_schema = sa_schema(fk.get("target_schema"))
            prefix = f"{target_schema}.{fk['target_table']}" if target_schema else fk["target_table"]
            items.append(
                sa.ForeignKeyConstraint(
                    fk["columns"],
                    [f"{prefix}.{c}" for c in fk["target_columns"]],
                    name=fk["name"],
                    ondelete=fk.get("ondelete"),
                    onupdate=fk.get("onupdate"),
                    deferrable=fk.get("deferrable"),
                    initially=fk.get("initially"),
                    match=fk.get("match"),
                )
            )
        table = sa.Table(table_name, metadata, *items, schema=schema,
                         comment=registration.get("description"))
        for ix in ddl.get("indexes", []):
            kwargs = dict(ix.get("dialect_kwargs") or {})
            if ix.get("where"):
                kwargs["postgresql_where"] = sa.text(ix["where"])
            sa.Index(ix["name"], *[table.c[c] for c in ix["columns"]], unique=ix.get("unique", False),
                     **kwargs)
    return metadata


def milliseconds(start, end):
    return round((end - start) * 1000.0, 3)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", required=True, help="metatable-provider/1 JSON file")
    parser.add_argument("--dsn", required=True, help="libpq connection string of the database")
    parser.add_argument("--report", help="write the phase timings and versions here, as JSON")
    args = parser.parse_args()

    with open(args.manifest, encoding="utf-8") as f:
        manifest = json.load(f)
    metadata = build_metadata(manifest)
    loaded = time.perf_counter()

    engine = sa.create_engine("postgresql+psycopg2://", creator=lambda: psycopg2.connect(args.dsn))
    with engine.connect() as conn:
        connected = time.perf_counter()
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, metadata)
        compared = time.perf_counter()
    for diff in diffs:
        print(diff)
    sys.stdout.flush()
    printed = time.perf_counter()

    if args.report:
        report = {
            "imports_ms": milliseconds(STARTED, IMPORTED),
            "manifest_ms": milliseconds(IMPORTED, loaded),
            "connect_ms": milliseconds(loaded, connected),
            "compare_ms": milliseconds(connected, compared),
            "print_ms": milliseconds(compared, printed),
            "differences": len(diffs),
            "alembic": sys.modules["alembic"].__version__,
            "sqlalchemy": sa.__version__,
            "python": sys.version.split()[0],
        }
        with open(args.report, "w", encoding="utf-8") as f:
            json.dump(report, f)


if __name__ == "__main__":
    main()
