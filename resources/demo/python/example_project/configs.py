# SPDX-License-Identifier: MIT
"""DataNode configurations of example_project (pydantic 2).

Configuration carries update identity only: no table names, UIDs or data sources.
"""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import BaseModel, Field, WithJsonSchema

from .metatable import PlatformTimeIndexMetaTable


class DataNodeConfiguration(BaseModel):
    """Update identity of a DataNode: the fields that select what the updater produces."""


# A storage class given as a configuration value. pydantic has no JSON Schema for class
# objects, so the field says what it is; the console resolves the value to the bound
# MetaTable UID before hashing, as the SDK does.
StorageClassField = Annotated[
    type[PlatformTimeIndexMetaTable],
    WithJsonSchema({"type": "object", "x-metatable-storage-class": True}),
]


class DailyMetricsConfig(DataNodeConfiguration):
    source_scope: str = Field(
        ...,
        description="Stable upstream scope selected by this updater.",
        examples=["default_scope", "regional_scope"],
    )
    offset_start: datetime.datetime | None = Field(
        default=None,
        description="Optional first-run lower bound for this updater.",
        examples=["2024-01-01T00:00:00+00:00"],
    )
    display_label: str | None = Field(
        default=None,
        description="Human-facing label for UI display only.",
        json_schema_extra={"hash_excluded": True},
    )


class ObservationConfig(DataNodeConfiguration):
    dataset_variant: str = Field(
        ...,
        description="Dataset variant; each variant writes its own observation storage table.",
        examples=["equities", "rates"],
    )


class SpreadConfig(DataNodeConfiguration):
    base_storage: StorageClassField = Field(
        ...,
        description="Storage table for the base metric series.",
    )
    window_days: int = Field(
        default=5,
        description="Length of the smoothing window applied to the base series, in days.",
        examples=[5, 20],
    )


class AccountPositionsConfig(DataNodeConfiguration):
    portfolio_scope: str = Field(
        default="all_accounts",
        description="Which accounts' positions this updater snapshots.",
        examples=["all_accounts", "managed_accounts"],
    )
    display_label: str | None = Field(
        default=None,
        description="Human-facing label for UI display only.",
        json_schema_extra={"hash_excluded": True},
    )
