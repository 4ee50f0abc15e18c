# SPDX-License-Identifier: MIT
"""Run one DataNode's update() for MetaTable Console and stream its rows as NDJSON:
``python -m metatable_runner --node MODULE:QUALNAME`` (configuration in METATABLE_CONFIG_FILE)."""

from .rowstream import RowStreamError, write_rows

__all__ = ["RowStreamError", "write_rows"]
