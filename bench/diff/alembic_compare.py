#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Times Alembic's autogenerate comparison on the database the console's diff benchmark built.

Reads a metatable-provider/1 manifest, builds the equivalent SQLAlchemy MetaData (columns with
the SQLAlchemy types the backend_type strings come from, primary keys, unique and check
constraints, indexes, foreign keys), then runs
alembic.autogenerate.compare_metadata(MigrationContext(compare_type=True), metadata) against
the database several times. Prints one JSON object on stdout: the median and every run in
milliseconds, and the number of differences Alembic found.

Needs Debian's python3-alembic, python3-sqlalchemy and python3-psycopg2 (Alembic 1.8 on
SQLAlchemy 1.4). Run it with /usr/bin/python3, or with another Python 3.11 whose PYTHONPATH
includes /usr/lib/python3/dist-packages.
"""

import argparse
import json
import re
import statistics
import sys
import time

import psycopg2
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.dialects import postgresql

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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", required=True, help="metatable-provider/1 JSON file")
    parser.add_argument("--dsn", required=True, help="libpq connection string of the database")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (median is reported)")
    args = parser.parse_args()

    with open(args.manifest, encoding="utf-8") as f:
        manifest = json.load(f)
    metadata = build_metadata(manifest)
    engine = sa.create_engine("postgresql+psycopg2://", creator=lambda: psycopg2.connect(args.dsn))

    runs = []
    differences = 0
    for _ in range(max(1, args.runs)):
        with engine.connect() as conn:
            started = time.perf_counter()
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, metadata)
            runs.append((time.perf_counter() - started) * 1000.0)
            differences = len(diffs)
    json.dump(
        {
            "median_ms": statistics.median(runs),
            "runs_ms": runs,
            "differences": differences,
            "alembic": __import__("alembic").__version__,
            "sqlalchemy": sa.__version__,
            "python": sys.version.split()[0],
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
