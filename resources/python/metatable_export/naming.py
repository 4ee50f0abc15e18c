# SPDX-License-Identifier: MIT
"""The SDK's identifier naming (sdk-contract.md section 1), restated so that the exporter names
the unique grain index exactly as ``mainsequence.meta_tables.schema_names`` does without
importing the SDK."""

from __future__ import annotations

import hashlib
import re

POSTGRES_IDENTIFIER_LIMIT = 63
_SEPARATOR = "__"
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
    candidate = _SEPARATOR.join([a, c] if s is None else [a, c, s])
    if len(candidate) <= POSTGRES_IDENTIFIER_LIMIT:
        return candidate
    marker = "_" + _md5_10(candidate)
    prefix = a + _SEPARATOR
    if s is None:
        budget = POSTGRES_IDENTIFIER_LIMIT - len(prefix) - len(marker)
        if budget < 1:
            raise ValueError(f"Schema table name app is too long: {a!r}.")
        return prefix + (c[:budget].rstrip("_") or c[0]) + marker
    room = POSTGRES_IDENTIFIER_LIMIT - len(prefix) - len(marker) - len(_SEPARATOR)
    if room < 2:
        raise ValueError(f"Schema table name app is too long: {a!r}.")
    sb = min(len(s), max(1, room // 2))
    cb = room - sb
    if cb > len(c):
        sb = min(len(s), sb + cb - len(c))
        cb = len(c)
    concept_part = c[:cb].rstrip("_") or c[0]
    suffix_part = s[-sb:].strip("_") or s[-1]
    return prefix + concept_part + marker + _SEPARATOR + suffix_part


def parse_schema_table_name(table_name: str) -> dict:
    raw = str(table_name).strip()
    if not raw:
        raise ValueError("Schema table name is required.")
    pieces = [normalize_identifier_part(p, "table name part") for p in raw.split(_SEPARATOR)]
    if len(pieces) < 2:
        raise ValueError("Schema table names must use the app__concept convention.")
    suffix = _SEPARATOR.join(pieces[2:]) if len(pieces) > 2 else None
    return {"app": pieces[0], "concept": pieces[1], "suffix": suffix}


def bounded_identifier(*parts: object, max_length: int = POSTGRES_IDENTIFIER_LIMIT) -> str:
    normalized = []
    for part in parts:
        raw = str(part).strip()
        if not raw:
            raise ValueError("Schema identifier part is required.")
        pieces = [normalize_identifier_part(p, "identifier part") for p in raw.split(_SEPARATOR)]
        normalized.append(_SEPARATOR.join(pieces))
    candidate = _SEPARATOR.join(normalized)
    if len(candidate) <= max_length:
        return candidate
    marker = "_" + _md5_10(candidate)
    budget = max_length - len(marker)
    if budget < 1:
        raise ValueError(f"Identifier max_length is too small: {max_length}.")
    return (candidate[:budget].rstrip("_") or candidate[0]) + marker


def _column_parts(columns) -> list:
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
    if name:
        return bounded_identifier("ck", table_name, name)
    return bounded_identifier("ck", table_name)


def namespace_version_slug(namespace: str | None) -> str:
    if namespace is None or not str(namespace).strip():
        return "default"
    stripped = str(namespace).strip()
    slug = re.sub(r"[^0-9A-Za-z]+", "_", stripped.lower())
    slug = re.sub(r"_+", "_", slug).strip("_")
    if not slug:
        return "default"
    if len(slug) <= 48:
        return slug
    return slug[:37].rstrip("_") + "_" + hashlib.sha1(stripped.encode("utf-8")).hexdigest()[:10]
