# SPDX-License-Identifier: MIT
"""The part of the Main Sequence SDK surface that example_project uses.

The SDK (``mainsequence.meta_tables``) is not installable where the console runs, so this
module restates what the storage, configuration and node classes rely on: the naming helpers
(byte for byte as in ``mainsequence/meta_tables/schema_names.py``), the SQLAlchemy naming
convention built on them, the automatic unique grain index of time-indexed tables, and the
``DataNode`` base class (``DataNodeConfiguration`` is in configs.py, so that
the storage classes import without pydantic). In a project that has the SDK, import
these names from ``mainsequence.meta_tables`` instead; nothing else changes.
"""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import Index
from sqlalchemy.ext.declarative import declared_attr

POSTGRES_IDENTIFIER_LIMIT = 63
_PART_SEPARATOR = "__"
_DIGEST_LENGTH = 10
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def _md5_10(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()[:_DIGEST_LENGTH]


def slugify_identifier(value: str) -> str:
    slug = _NON_ALNUM.sub("_", value).strip("_").lower()
    if not slug:
        return "table"
    if slug[0].isdigit():
        return "t_" + slug
    return slug


def normalize_identifier_part(value: object, field_name: str) -> str:
    raw = str(value).strip()
    if not raw:
        raise ValueError(f"Schema {field_name} is required.")
    if not any(ch.isalnum() for ch in raw):
        raise ValueError(f"Schema {field_name} must contain letters or digits.")
    return slugify_identifier(raw)


def schema_table_name(app: str, concept: str, suffix: str | None = None) -> str:
    a = normalize_identifier_part(app, "table name app")
    c = normalize_identifier_part(concept, "table name concept")
    s = None if suffix is None else normalize_identifier_part(suffix, "table name suffix")
    candidate = _PART_SEPARATOR.join([a, c] if s is None else [a, c, s])
    if len(candidate) <= POSTGRES_IDENTIFIER_LIMIT:
        return candidate
    marker = "_" + _md5_10(candidate)
    prefix = a + _PART_SEPARATOR
    if s is None:
        budget = POSTGRES_IDENTIFIER_LIMIT - len(prefix) - len(marker)
        if budget < 1:
            raise ValueError(f"Schema table name app is too long: {a!r}.")
        return prefix + (c[:budget].rstrip("_") or c[0]) + marker
    room = POSTGRES_IDENTIFIER_LIMIT - len(prefix) - len(marker) - len(_PART_SEPARATOR)
    if room < 2:
        raise ValueError(f"Schema table name app is too long: {a!r}.")
    sb = min(len(s), max(1, room // 2))
    cb = room - sb
    if cb > len(c):
        sb = min(len(s), sb + cb - len(c))
        cb = len(c)
    concept_part = c[:cb].rstrip("_") or c[0]
    suffix_part = s[-sb:].strip("_") or s[-1]
    return prefix + concept_part + marker + _PART_SEPARATOR + suffix_part


def bounded_identifier(*parts: object, max_length: int = POSTGRES_IDENTIFIER_LIMIT) -> str:
    normalized = []
    for part in parts:
        raw = str(part).strip()
        if not raw:
            raise ValueError("Schema identifier part is required.")
        pieces = [normalize_identifier_part(p, "identifier part") for p in raw.split(_PART_SEPARATOR)]
        normalized.append(_PART_SEPARATOR.join(pieces))
    candidate = _PART_SEPARATOR.join(normalized)
    if len(candidate) <= max_length:
        return candidate
    marker = "_" + _md5_10(candidate)
    budget = max_length - len(marker)
    if budget < 1:
        raise ValueError(f"Identifier max_length is too small: {max_length}.")
    return (candidate[:budget].rstrip("_") or candidate[0]) + marker


def _column_parts(columns) -> list[str]:
    parts = [normalize_identifier_part(c, "column name") for c in columns]
    if not parts:
        raise ValueError("At least one column is required for schema names.")
    return parts


def schema_index_name(table_name: str, columns, unique: bool = False) -> str:
    return bounded_identifier("uix" if unique else "ix", table_name, *_column_parts(columns))


def schema_unique_constraint_name(table_name: str, columns) -> str:
    return bounded_identifier("uq", table_name, *_column_parts(columns))


def schema_foreign_key_name(table_name: str, columns, target_table: str, target_columns=()) -> str:
    targets = [normalize_identifier_part(c, "column name") for c in target_columns]
    return bounded_identifier("fk", table_name, *_column_parts(columns), target_table, *targets)


def schema_primary_key_name(table_name: str) -> str:
    return bounded_identifier("pk", table_name)


def schema_check_constraint_name(table_name: str, name: str | None = None) -> str:
    return bounded_identifier("ck", table_name, name) if name else bounded_identifier("ck", table_name)


def sqlalchemy_naming_convention() -> dict:
    """MetaData(naming_convention=...) that names constraints as the SDK does."""

    def ix_name(index, table):
        return schema_index_name(table.name, [e.name for e in index.expressions], unique=index.unique)

    def fk_name(constraint, table):
        target = constraint.elements[0].target_fullname.split(".")
        target_table = target[-2]
        target_columns = [e.target_fullname.split(".")[-1] for e in constraint.elements]
        return schema_foreign_key_name(table.name, constraint.column_keys, target_table, target_columns)

    def pk_name(constraint, table):
        return schema_primary_key_name(table.name)

    def uq_name(constraint, table):
        return schema_unique_constraint_name(table.name, [c.name for c in constraint.columns])

    def ck_name(constraint, table):
        return schema_check_constraint_name(table.name, constraint.name)

    return {
        "ix_name": ix_name, "fk_name": fk_name, "pk_name": pk_name, "uq_name": uq_name,
        "ck_name": ck_name,
        "ix": "%(ix_name)s", "fk": "%(fk_name)s", "pk": "%(pk_name)s", "uq": "%(uq_name)s",
        "ck": "%(ck_name)s",
    }


class PlatformManagedMetaTable:
    """A relational table whose catalog row the platform owns (no time index)."""

    __metatable_labels__: list[str] = []


class PlatformTimeIndexMetaTable:
    """A time-indexed table: unique over ``__index_names__``, no database primary key."""

    __metatable_labels__: list[str] = []
    __time_index_name__ = "time_index"
    __index_names__: list[str] | None = None
    __cadence__: str | None = None

    @classmethod
    def resolved_index_names(cls) -> list[str]:
        return list(cls.__index_names__ or [cls.__time_index_name__])

    @declared_attr
    def __table_args__(cls):
        # The SDK adds this unique grain index itself; authors never repeat it.
        names = cls.resolved_index_names()
        return (Index(schema_index_name(cls.__tablename__, names, unique=True), *names, unique=True),)

    @declared_attr
    def __mapper_args__(cls):
        # ORM identity only: the database table has no primary key.
        return {"primary_key": [cls.__table__.c[name] for name in cls.resolved_index_names()]}


class DataNode:
    """Update logic over one storage class. ``update()`` returns the rows to persist: a pandas
    DataFrame indexed by the storage class's index_names."""

    def __init__(self, config: DataNodeConfiguration, storage_table=None, *, hash_namespace: str | None = None):
        self.config = config
        self.storage_table = storage_table
        self.hash_namespace = (hash_namespace or "").strip()

    def dependencies(self) -> dict:
        return {}

    def update(self):
        raise NotImplementedError(f"{type(self).__name__} must implement update()")
