# SPDX-License-Identifier: MIT
"""DataNode configurations of example_project (pydantic 2).

Configuration carries update identity only: no table names, UIDs or data sources.
"""

from __future__ import annotations

import datetime
from enum import Enum
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


class Aggregation(str, Enum):
    """How the intraday observations of one entity reduce to its daily value."""

    last = "last"
    mean = "mean"
    total = "total"


class QualityGate(BaseModel):
    """Completeness a day needs before the updater writes it."""

    min_entities: int = Field(
        default=1,
        ge=1,
        le=10_000,
        description="Fewest entities with a value before a day is written.",
    )
    max_missing_ratio: float = Field(
        default=0.05,
        ge=0,
        le=1,
        description="Largest share of missing values tolerated in a written day.",
    )


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
    aggregation: Aggregation = Field(
        default=Aggregation.last,
        description="How intraday observations reduce to one daily value.",
    )
    quality: QualityGate = Field(
        default_factory=QualityGate,
        description="Completeness a day needs before it is written.",
    )
    entities: list[str] = Field(
        default_factory=list,
        description="Entity identifiers to update; empty updates every entity.",
        examples=[["ACME", "GLOBEX"]],
    )
    scale_factors: dict[str, float] = Field(
        default_factory=dict,
        description="Multiplier applied to an entity's values, by entity identifier.",
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
    window_days: int = Field(default=5, examples=[5, 20])  # Mistake: no description.


class AccountPositionsConfig(DataNodeConfiguration):
    # Mistake: storage identity in the configuration.
    storage_table: str = Field(
        default="example_project__account_positions",
        description="Table the positions are written to.",
    )
    portfolio_scope: str = Field(
        default="all_accounts",
        description="Which accounts' positions this updater snapshots.",
        examples=["all_accounts", "managed_accounts"],
    )
    display_label: str | None = Field(
        default=None,
        description="Human-facing label for UI display only.",
        # Mistake: a legacy schema extra instead of hash_excluded.
        json_schema_extra={"ignore_from_storage_hash": True},
    )
