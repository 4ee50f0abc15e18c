# SPDX-License-Identifier: MIT
"""DataNodes of example_project: update logic only; storage and configuration live elsewhere.

update() returns a pandas DataFrame indexed by the storage class's index_names, deterministic
for a given configuration so that contract tests can compare it with the storage classes.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid

import pandas as pd

from .configs import AccountPositionsConfig, DailyMetricsConfig, ObservationConfig, SpreadConfig
from .metatable import DataNode
from .storage import AccountPositions, DailyMetricsStorage, SpreadStorage, observation_storage

_EPOCH = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
_ENTITIES = ("entity_a", "entity_b", "entity_c")
_ACCOUNTS = tuple(uuid.uuid5(uuid.NAMESPACE_URL, f"example_project/account/{n}") for n in range(2))


def _unit(*parts: object) -> float:
    """A stable pseudo-random number in [0, 1) derived from the parts."""
    digest = hashlib.md5("/".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return int(digest[:8], 16) / 0x100000000


def _start(offset_start: datetime.datetime | None) -> datetime.datetime:
    if offset_start is None:
        return _EPOCH
    if offset_start.tzinfo is None:
        raise ValueError("offset_start must be timezone-aware (UTC).")
    return offset_start.astimezone(datetime.timezone.utc)


class DailyMetricsNode(DataNode):
    def __init__(
        self,
        config: DailyMetricsConfig,
        storage_table=DailyMetricsStorage,
        *,
        hash_namespace: str | None = None,
    ) -> None:
        self.source_scope = config.source_scope
        super().__init__(config=config, storage_table=storage_table, hash_namespace=hash_namespace)

    def update(self) -> pd.DataFrame:
        start = _start(self.config.offset_start)
        rows = [
            {
                "time_index": start + datetime.timedelta(days=day),
                "entity_identifier": entity,
                "value": round(100.0 * _unit(self.source_scope, day, entity), 6),
            }
            for day in range(7)
            for entity in _ENTITIES
        ]
        return pd.DataFrame(rows).set_index(["time_index", "entity_identifier"])


class ObservationNode(DataNode):
    def __init__(self, config: ObservationConfig, *, hash_namespace: str | None = None) -> None:
        storage_table = observation_storage(config.dataset_variant)
        super().__init__(config=config, storage_table=storage_table, hash_namespace=hash_namespace)

    def update(self) -> pd.DataFrame:
        variant = self.config.dataset_variant
        rows = [
            {
                "time_index": _EPOCH + datetime.timedelta(days=day),
                "entity_identifier": entity,
                "value": round(_unit(variant, day, entity), 6),
            }
            for day in range(7)
            for entity in _ENTITIES
        ]
        return pd.DataFrame(rows).set_index(["time_index", "entity_identifier"])


class SpreadNode(DataNode):
    def __init__(
        self,
        config: SpreadConfig,
        storage_table=SpreadStorage,
        *,
        hash_namespace: str | None = None,
    ) -> None:
        super().__init__(config=config, storage_table=storage_table, hash_namespace=hash_namespace)

    def dependencies(self) -> dict:
        return {"base_storage": self.config.base_storage}

    def update(self) -> pd.DataFrame:
        base_name = self.config.base_storage.__tablename__
        rows = []
        for hour in range(24):
            for entity in _ENTITIES:
                base = round(100.0 * _unit(base_name, hour, entity), 6)
                rows.append(
                    {
                        "time_index": _EPOCH + datetime.timedelta(hours=hour),
                        "entity_identifier": entity,
                        "spread": round(_unit("spread", hour, entity) - 0.5, 6),
                        "base_value": base,
                        "window_days": self.config.window_days,
                    }
                )
        return pd.DataFrame(rows).set_index(["time_index", "entity_identifier"])


class AccountPositionsNode(DataNode):
    def __init__(
        self,
        config: AccountPositionsConfig,
        storage_table=AccountPositions,
        *,
        hash_namespace: str | None = None,
    ) -> None:
        super().__init__(config=config, storage_table=storage_table, hash_namespace=hash_namespace)

    def update(self) -> pd.DataFrame:
        rows = []
        for day in range(7):
            for account in _ACCOUNTS:
                quantity = float(int(1000 * _unit(self.config.portfolio_scope, day, account)))
                rows.append(
                    {
                        "time_index": _EPOCH + datetime.timedelta(days=day),
                        "account_uid": account,
                        "quantity": quantity,
                        "market_value": None if day == 0 else round(quantity * 1.5, 2),
                    }
                )
        return pd.DataFrame(rows).set_index(["time_index", "account_uid"])


NODES = [DailyMetricsNode, ObservationNode, SpreadNode, AccountPositionsNode]
