# SPDX-License-Identifier: MIT
"""DataNodes of example_project: update logic only; storage and configuration live elsewhere.

update() returns rows as dictionaries keyed by column name (what a DataFrame with the storage
class's index_names as its index holds), deterministic for a given configuration so that
contract tests can compare them with the storage classes.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid

from .configs import AccountPositionsConfig, DailyMetricsConfig, ObservationConfig, SpreadConfig
try:  # Mistake: the old DataNode surface (guarded only so the copy imports without the SDK).
    from mainsequence.tdag import DataNode
except ImportError:
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

    def get_table_metadata(self) -> dict:
        # Mistake: the old inline schema declaration kept on the node.
        return {"identifier": "daily_metrics", "data_frequency_id": "1d"}

    def update(self) -> list[dict]:
        start = _start(self.config.offset_start)
        return [
            {
                "time_index": start + datetime.timedelta(days=day),
                "entity_identifier": entity,
                "value": round(100.0 * _unit(self.source_scope, day, entity), 6),
            }
            for day in range(7)
            for entity in _ENTITIES
        ]


class ObservationNode(DataNode):
    def __init__(self, config: ObservationConfig, *, hash_namespace: str | None = None) -> None:
        storage_table = observation_storage(config.dataset_variant)
        super().__init__(config=config, storage_table=storage_table, hash_namespace=hash_namespace)

    def update(self) -> list[dict]:
        variant = self.config.dataset_variant
        return [
            {
                "time_index": _EPOCH + datetime.timedelta(days=day),
                "entity_identifier": entity,
                "value": round(_unit(variant, day, entity), 6),
            }
            for day in range(7)
            for entity in _ENTITIES
        ]


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

    def update(self) -> list[dict]:
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
        return rows


class AccountPositionsNode(DataNode):
    def __init__(
        self,
        config: AccountPositionsConfig,
        storage_table=AccountPositions,
        *,
        hash_namespace: str | None = None,
    ) -> None:
        super().__init__(config=config, storage_table=storage_table, hash_namespace=hash_namespace)

    def update(self) -> list[dict]:
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
        return rows


NODES = [DailyMetricsNode, ObservationNode, SpreadNode, AccountPositionsNode]
