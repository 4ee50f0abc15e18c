# SPDX-License-Identifier: MIT
"""The SDK's dtype codec for SQLAlchemy columns of remote MetaTables (sdk-contract.md 2.2, 2.3):
a column type becomes a canonical ``data_type`` token and a ``backend_type`` string."""

from __future__ import annotations

import re

NAIVE_TOKEN_ERROR = (
    "Timezone-naive datetime dtypes are local-backend-only. "
    "Remote writes require 'timestamp with time zone'."
)
NAIVE_COLUMN_ERROR = (
    "Timezone-naive SQLAlchemy DateTime columns are not supported by the remote TS Manager contract."
)
UNKNOWN_TZ_ERROR = "SQLAlchemy DateTime columns must set timezone=True for remote MetaTables."
TEMPORAL_TOKENS = ("date", "timestamp with time zone", "datetime64[ns]")
TZ = "timestamp with time zone"

_STRING_NAMES = {
    "object", "str", "string", "text", "varchar", "char", "character", "character varying", "unicode",
}
_UUID_NAMES = {"uuid", "uuidtype", "uuid_", "postgresqluuid"}


def normalize_dtype_token(value, remote: bool = True, allow_naive_datetime: bool = False) -> str:
    token = str(value or "").strip()
    if not token:
        raise ValueError("DType token is required.")
    low = re.sub(r"\s+", " ", token.replace("_", " ").lower()).strip()
    compact = low.replace(" ", "")
    if low in ("date", "datetime.date"):
        return "date"
    if low in ("datetime", "datetime.datetime", "datetime64[ns, utc]", TZ, "timestamptz"):
        return TZ
    if low in (
        "datetime64[ns]", "timestamp", "timestamp without time zone",
        "datetime without time zone", "datetime naive",
    ):
        if remote and not allow_naive_datetime:
            raise ValueError(NAIVE_TOKEN_ERROR)
        return "datetime64[ns]"
    if (
        low in _STRING_NAMES
        or "varchar" in low
        or low.startswith("character varying")
        or low.startswith("character(")
    ):
        return "string"
    if compact in _UUID_NAMES:
        return "uuid"
    if low in ("json", "jsonb"):
        return low
    if low in ("bool", "boolean"):
        return "bool"
    if low in ("int16", "smallint", "int2"):
        return "int16"
    if low in ("int32", "integer", "int", "int4"):
        return "int32"
    if low in ("int64", "biginteger", "bigint", "int8", "uint16", "uint32", "uint64"):
        return "int64"
    if low in ("float32", "real", "float4"):
        return "float32"
    if low in ("float", "float64", "double", "double precision", "float8"):
        return "float64"
    if low == "numeric" or low.startswith("numeric") or low == "decimal":
        return "numeric"
    return token


def _compiled(type_) -> str:
    try:
        return str(type_).upper()
    except Exception:  # a type the string compiler cannot render: fall back to its class name
        return type(type_).__name__.upper()


def column_types(type_) -> tuple:
    """(data_type, backend_type) of a SQLAlchemy column type; ValueError with the SDK's message."""
    from sqlalchemy import types as sqltypes

    compiled = _compiled(type_)
    class_name = type(type_).__name__.lower()
    if isinstance(type_, sqltypes.DateTime) or "TIMESTAMP" in compiled or compiled == "DATETIME":
        timezone = getattr(type_, "timezone", None)
        if timezone is True or "WITH TIME ZONE" in compiled or "TIMESTAMPTZ" in compiled:
            if "WITHOUT TIME ZONE" not in compiled:
                return TZ, "TIMESTAMP WITH TIME ZONE"
        if isinstance(type_, sqltypes.DateTime):
            if timezone is False or timezone is None:
                raise ValueError(NAIVE_COLUMN_ERROR)
        elif "TIMESTAMP" in compiled:
            raise ValueError(UNKNOWN_TZ_ERROR)
    if isinstance(type_, sqltypes.Date):
        return "date", "DATE"
    if class_name in _UUID_NAMES or compiled == "UUID":
        return "uuid", "UUID"
    if isinstance(type_, sqltypes.Boolean):
        return "bool", "BOOLEAN"
    if class_name == "jsonb" or compiled == "JSONB":
        return "jsonb", "JSONB"
    if isinstance(type_, sqltypes.JSON):
        return "json", "JSON"
    if isinstance(type_, sqltypes.String):
        return "string", compiled or "string"
    if isinstance(type_, sqltypes.SmallInteger):
        return "int16", compiled
    if isinstance(type_, sqltypes.Integer):
        return "int64", compiled
    if isinstance(type_, sqltypes.Float):
        # SQLAlchemy 1.4's string compiler falls back to the class name for DOUBLE_PRECISION;
        # 2.x compiles it to the SQL spelling the SDK records.
        return "float64", compiled.replace("_", " ")
    if isinstance(type_, sqltypes.Numeric):
        return "numeric", compiled
    data_type = normalize_dtype_token(compiled)
    return data_type, _normalize_backend_type(compiled) or data_type


def _normalize_backend_type(backend: str):
    """The client's re-normalization of a backend type string before a contract is sent."""
    if not backend or not backend.strip():
        return None
    token = normalize_dtype_token(backend)
    if token == TZ:
        return "TIMESTAMP WITH TIME ZONE"
    if token == "date":
        return "DATE"
    return backend
