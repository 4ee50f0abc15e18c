# SPDX-License-Identifier: MIT
"""Rows to NDJSON in the console's row-stream format.

Timestamps are ISO-8601 with their offset exactly as the value carries it: a naive value is
written naive, so that the console rejects it instead of guessing its zone. NaN, NaT, None and
the SDK's infinities (which it turns into NaN before persisting) are JSON null. A DataFrame is
streamed in chunks of rows, converting one chunk's column slices at a time, so a large frame is
never copied whole (no reset_index(), no to_dict() of the frame).
"""

from __future__ import annotations

import datetime
import decimal
import json
import math
import uuid
from collections.abc import Mapping

_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class RowStreamError(Exception):
    pass


def _scalar(value):
    """One value as JSON-ready Python (None for every kind of missing)."""
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, datetime.datetime):  # pandas.Timestamp included
        if type(value).__name__ == "NaTType":
            return None
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return None if value.is_nan() else str(value)
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    if hasattr(value, "item") and hasattr(value, "dtype"):  # NumPy scalar
        return _scalar(value.item())
    if isinstance(value, Mapping):
        return {str(k): _scalar(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scalar(v) for v in value]
    if hasattr(value, "tolist"):  # a NumPy array inside a cell
        return _scalar(value.tolist())
    raise RowStreamError(f"cannot write a value of type {type(value).__name__}: {value!r:.80}")


def _column_values(values) -> list:
    """A column slice (pandas Series / Index / array) as a list of JSON-ready values."""
    import numpy as np

    dtype = getattr(values, "dtype", None)
    kind = getattr(dtype, "kind", None)
    numpy_dtype = isinstance(dtype, np.dtype)  # extension dtypes (Int64, boolean) may hold NA
    if kind in ("i", "u", "b") and numpy_dtype:
        return np.asarray(values).tolist()
    if kind == "f" and numpy_dtype:
        array = np.asarray(values, dtype="float64")
        out = array.tolist()
        if not np.isfinite(array).all():
            for i in np.flatnonzero(~np.isfinite(array)).tolist():
                out[i] = None
        return out
    # Datetimes (naive or tz-aware), objects, strings, categories, nullable extension types:
    # element-wise, which keeps each value's own offset.
    return [_scalar(v) for v in values]


def _frame_columns(frame):
    """(names, getters): index levels first (as reset_index() would add them), then columns."""
    import pandas as pd

    names, getters = [], []
    index = frame.index
    if not (isinstance(index, pd.RangeIndex) and index.name is None):
        if isinstance(index, pd.MultiIndex):
            for level, name in enumerate(index.names):
                names.append(str(name) if name is not None else f"level_{level}")
                getters.append(lambda start, stop, level=level: index.get_level_values(level)[start:stop])
        else:
            names.append(str(index.name) if index.name is not None else "index")
            getters.append(lambda start, stop: index[start:stop])
    for position, name in enumerate(frame.columns):
        names.append(str(name))
        getters.append(lambda start, stop, position=position: frame.iloc[start:stop, position])
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise RowStreamError(f"the rows have duplicate column names: {duplicates}")
    return names, getters


def _write_lines(names, columns, out) -> int:
    keys = [_ENCODER.encode(n) + ":" for n in names]
    lines = []
    encode = _ENCODER.encode
    try:
        for values in zip(*columns):
            lines.append("{" + ",".join(k + encode(v) for k, v in zip(keys, values)) + "}\n")
    except (TypeError, ValueError) as exc:
        raise RowStreamError(f"row {len(lines) + 1} of a chunk cannot be written as JSON: {exc}") from exc
    out.write("".join(lines).encode("utf-8"))
    return len(lines)


def write_frame(frame, out, chunk_rows: int = 10000) -> int:
    names, getters = _frame_columns(frame)
    total = len(frame)
    written = 0
    for start in range(0, total, chunk_rows):
        stop = min(start + chunk_rows, total)
        columns = [_column_values(get(start, stop)) for get in getters]
        written += _write_lines(names, columns, out)
    return written


def write_records(records, out, chunk_rows: int = 10000) -> int:
    written = 0
    lines = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, Mapping):
            raise RowStreamError(f"row {number} is a {type(record).__name__}, not a dict of column values")
        lines.append(_ENCODER.encode({str(k): _scalar(v) for k, v in record.items()}) + "\n")
        if len(lines) >= chunk_rows:
            out.write("".join(lines).encode("utf-8"))
            written += len(lines)
            lines = []
    out.write("".join(lines).encode("utf-8"))
    return written + len(lines)


def write_rows(result, out, chunk_rows: int = 10000) -> int:
    """Writes update()'s result: a pandas DataFrame or an iterable of dicts. Returns the row count."""
    if type(result).__name__ == "DataFrame" and hasattr(result, "iloc"):
        return write_frame(result, out, chunk_rows)
    if isinstance(result, (Mapping, str, bytes)) or not hasattr(result, "__iter__"):
        raise RowStreamError(
            f"update() returned a {type(result).__name__}; expected a pandas DataFrame or a list of dicts"
        )
    return write_records(result, out, chunk_rows)
