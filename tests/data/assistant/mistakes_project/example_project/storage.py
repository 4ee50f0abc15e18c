# SPDX-License-Identifier: MIT
"""Storage classes of example_project (SQLAlchemy 1.4 and 2.x declarative)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Float, ForeignKey, Integer, MetaData, String
from sqlalchemy.orm import declarative_base

from .metatable import (
    PlatformManagedMetaTable,
    PlatformTimeIndexMetaTable,
    schema_table_name,
    sqlalchemy_naming_convention,
)

try:  # SQLAlchemy 2.x
    from sqlalchemy import Uuid
except ImportError:  # SQLAlchemy 1.4: the PostgreSQL type compiles to the same UUID
    from sqlalchemy.dialects.postgresql import UUID as _PgUuid

    def Uuid():  # noqa: N802 - mirrors the 2.x type name
        return _PgUuid(as_uuid=True)


PROJECT_TABLE_APP = "example_project"
ACCOUNT_TABLE_NAME = schema_table_name(PROJECT_TABLE_APP, "account")
ACCOUNT_POSITIONS_TABLE_NAME = schema_table_name(PROJECT_TABLE_APP, "account_positions")

Base = declarative_base(metadata=MetaData(naming_convention=sqlalchemy_naming_convention()))


class DailyMetricsStorage(PlatformTimeIndexMetaTable, Base):
    __tablename__ = schema_table_name(PROJECT_TABLE_APP, "daily_metrics")
    __metatable_namespace__ = "example-data"
    __metatable_identifier__ = "example_project.daily_metrics"
    __metatable_description__ = (
        "Daily metric observations keyed by entity identifier for downstream analytics."
    )
    __metatable_labels__ = ["metrics", "daily"]

    __time_index_name__ = "time_index"
    __index_names__ = ["time_index", "entity_identifier"]
    __cadence__ = "1d"

    time_index = Column(
        DateTime(timezone=True),
        nullable=False,
        info={
            "label": "Time Index",
            "description": "UTC observation timestamp for the daily metric row.",
        },
    )
    entity_identifier = Column(
        String(255),
        nullable=False,
        info={
            "label": "Entity Identifier",
            "description": "Stable identifier for the observed entity.",
        },
    )
    value = Column(
        Float,
        nullable=False,
        info={
            "label": "Value",
            "description": "Daily numeric value produced by the source system.",
        },
    )


class Account(PlatformManagedMetaTable, Base):
    __tablename__ = ACCOUNT_TABLE_NAME
    __metatable_namespace__ = "accounts"
    __metatable_identifier__ = "example_project.account"
    __metatable_description__ = "Account master rows used to scope positions."
    __metatable_labels__ = ["accounts"]

    uid = Column(
        Uuid(),
        primary_key=True,
        info={
            "label": "Account UID",
            "description": "Stable account identifier referenced by dependent observation tables.",
        },
    )
    display_name = Column(
        String(255),
        nullable=True,
        info={
            "label": "Display Name",
            "description": "Human-readable account name shown in reports.",
        },
    )


class AccountPositions(PlatformTimeIndexMetaTable, Base):
    __tablename__ = ACCOUNT_POSITIONS_TABLE_NAME
    __metatable_namespace__ = "positions"
    __metatable_identifier__ = "example_project.account_positions"
    __metatable_description__ = "Time-indexed position rows keyed by account."
    __metatable_labels__ = ["positions"]
    __time_index_name__ = "time_index"
    __index_names__ = ["time_index", "account_uid"]
    __cadence__ = "1d"

    time_index = Column(
        DateTime(timezone=True),
        nullable=False,
        info={
            "label": "Time Index",
            "description": "UTC timestamp at which the position was observed.",
        },
    )
    account_uid = Column(
        Uuid(),
        # Mistake: a backend physical name / MetaTable UID as the FK target.
        ForeignKey("t_9f86d081884c7d659a2feaa0c55ad015.uid", ondelete="RESTRICT"),
        nullable=False,
        info={
            "label": "Account UID",
            "description": "Account identifier that scopes this position observation.",
        },
    )
    quantity = Column(
        Float,
        nullable=False,
        info={
            "label": "Quantity",
            "description": "Units held by the account at the observation time.",
        },
    )
    market_value = Column(
        Float,
        nullable=True,
        info={
            "label": "Market Value",
            "description": "Quantity times the observed price, when a price was available.",
        },
    )


class _ObservationColumns(PlatformTimeIndexMetaTable, Base):
    __abstract__ = True
    __time_index_name__ = "time_index"
    __index_names__ = ["time_index", "entity_identifier"]

    time_index = Column(
        DateTime(timezone=True),
        nullable=False,
        info={
            "label": "Time Index",
            "description": "UTC observation timestamp for this dataset variant.",
        },
    )
    entity_identifier = Column(
        String(255),
        nullable=False,
        info={
            "label": "Entity Identifier",
            "description": "Stable identifier for the observed entity.",
        },
    )
    value = Column(
        Float,
        nullable=False,
        info={
            "label": "Value",
            "description": "Numeric observation value for this dataset variant.",
        },
    )


# Mistake: not memoised, so every call builds a new class.
def observation_storage(dataset_variant: str) -> type[_ObservationColumns]:
    normalized = dataset_variant.lower().replace("-", "_")
    identifier = f"{normalized}_observations"
    return type(
        f"ObservationStorage_{normalized}",
        (_ObservationColumns,),
        {
            "__module__": __name__,
            "__qualname__": f"ObservationStorage_{normalized}",
            "__tablename__": schema_table_name("example_project", "observations", normalized),
            "__metatable_namespace__": "example-data",
            "__metatable_identifier__": identifier,
            "__metatable_description__": (
                f"{dataset_variant} observations keyed by entity identifier."
            ),
        },
    )


# The variants this provider migrates; observation_storage() returns these same class objects.
OBSERVATION_VARIANTS = ("equities", "rates")
ObservationStorage_equities = observation_storage("equities")
ObservationStorage_rates = observation_storage("rates")


class SpreadStorage(PlatformTimeIndexMetaTable, Base):
    __tablename__ = schema_table_name(PROJECT_TABLE_APP, "spreads")
    __metatable_namespace__ = "example-data"
    __metatable_identifier__ = "example_project.spreads"
    __metatable_description__ = (
        "Hourly spread of each entity's metric over its base series, derived from a base "
        "storage table chosen in configuration."
    )
    __metatable_labels__ = ["metrics", "derived"]
    __time_index_name__ = "time_index"
    __index_names__ = ["time_index", "entity_identifier"]
    __cadence__ = "1h"

    time_index = Column(
        DateTime(timezone=True),
        nullable=False,
        info={
            "label": "Time Index",
            "description": "UTC timestamp of the spread observation.",
        },
    )
    entity_identifier = Column(
        String(255),
        nullable=False,
        info={
            "label": "Entity Identifier",
            "description": "Stable identifier for the observed entity.",
        },
    )
    spread = Column(
        Float,
        nullable=False,
        info={
            "label": "Spread",
            "description": "Metric value minus the base series value at the same time.",
        },
    )
    base_value = Column(
        Float,
        nullable=True,
        info={
            "label": "Base Value",
            "description": "Base series value the spread was measured against.",
        },
    )
    window_days = Column(
        Integer,
        nullable=True,
        info={
            "label": "Window (days)",
            "description": "Length of the smoothing window applied to the base series.",
        },
    )


def bootstrap_registration() -> None:
    """Mistake: registration by hand with kwargs the platform infers (never called on import)."""
    SpreadStorage.register(data_source_uid="4f9e1c2a-7b3d-4e5f-8a9b-0c1d2e3f4a5b", labels=["metrics"])


# Migration order: referenced tables before the tables whose foreign keys point to them.
METATABLE_MODELS = [
    DailyMetricsStorage,
    Account,
    AccountPositions,
    ObservationStorage_equities,
    ObservationStorage_rates,
    SpreadStorage,
]
