"""Pydantic v2 models covering every configuration shape the console renders and validates,
and candidate configurations with pydantic's own verdict on each.

Prints one JSON object: {"pydantic": version, "schemas": {model: model_json_schema()},
"cases": [{"model", "config", "valid", "locs": [[...], ...]}]}. tests/core/tst_configvalidate
runs it with the machine's python3, so the expectations come from pydantic itself."""

import json
import sys
from datetime import date, datetime
from enum import Enum
from typing import Any, Literal, Optional, Union
from uuid import UUID

import pydantic
from pydantic import BaseModel, ConfigDict, Field, ValidationError


class Color(str, Enum):
    red = "red"
    green = "green"


class Level(int, Enum):
    low = 1
    high = 2


class Window(BaseModel):
    days: int = Field(7, ge=1, le=365, description="Days in the window")
    label: Optional[str] = None


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^[A-Z]{3}$")


class Shapes(BaseModel):
    name: str = Field(min_length=2, max_length=10, description="A short name",
                      examples=["alpha", "beta"])
    count: int = Field(0, ge=0, lt=100)
    ratio: float = Field(0.5, gt=0, le=1)
    step: float = Field(1.0, multiple_of=0.5)
    color: Color = Color.red
    level: Level = Level.low
    mode: Literal["fast", "safe"] = "fast"
    window: Window = Window()
    strict: Optional[Strict] = None
    tags: list[str] = Field(default_factory=list, max_length=3)
    weights: dict[str, float] = Field(default_factory=dict)
    start: Optional[datetime] = None
    day: date = date(2026, 1, 1)
    uid: Optional[UUID] = None
    either: Union[int, str] = 0
    anything: Any = None
    pair: tuple[int, str] = (1, "a")
    label: str = Field("", json_schema_extra={"hash_excluded": True})


OK = {"name": "ok"}

CASES = [
    OK,
    {},
    {"name": "a"},
    {"name": "much too long a name"},
    {**OK, "count": 100},
    {**OK, "count": -1},
    {**OK, "count": "5"},
    {**OK, "count": "x"},
    {**OK, "count": 2.0},
    {**OK, "count": 2.5},
    {**OK, "ratio": 0},
    {**OK, "ratio": 1},
    {**OK, "ratio": "0.25"},
    {**OK, "step": 0.75},
    {**OK, "step": 1.5},
    {**OK, "color": "green"},
    {**OK, "color": "blue"},
    {**OK, "level": 2},
    {**OK, "level": 3},
    {**OK, "mode": "safe"},
    {**OK, "mode": "slow"},
    {**OK, "window": {"days": 5, "label": None}},
    {**OK, "window": {"days": 0}},
    {**OK, "window": {"days": "x", "label": 3}},
    {**OK, "window": "weekly"},
    {**OK, "strict": {"code": "ABC"}},
    {**OK, "strict": {"code": "abc"}},
    {**OK, "strict": {"code": "ABC", "extra": 1}},
    {**OK, "strict": {}},
    {**OK, "strict": None},
    {**OK, "tags": ["a", "b", "c"]},
    {**OK, "tags": ["a", "b", "c", "d"]},
    {**OK, "tags": [1]},
    {**OK, "tags": "a"},
    {**OK, "weights": {"eq": 1.5, "fx": 2}},
    {**OK, "weights": {"eq": "x"}},
    {**OK, "start": "2026-01-01T00:00:00Z"},
    {**OK, "start": "2026-01-01T09:30:00+02:00"},
    {**OK, "start": "nope"},
    {**OK, "start": None},
    {**OK, "day": "2026-02-28"},
    {**OK, "day": "2026-02-30"},
    {**OK, "uid": "3f2b9c1e-8a41-4c7e-9a0b-2d6f1e5c7a90"},
    {**OK, "uid": "not-a-uuid"},
    {**OK, "either": "x"},
    {**OK, "either": 3},
    {**OK, "either": [1]},
    {**OK, "anything": {"a": [1, 2]}},
    {**OK, "pair": [2, "b"]},
    {**OK, "pair": [2]},
    {**OK, "pair": ["x", "b"]},
    {**OK, "label": "shown"},
    {**OK, "unknown_key": 1},
]


def main():
    cases = []
    for config in CASES:
        try:
            Shapes.model_validate(config)
            cases.append({"model": "Shapes", "config": config, "valid": True, "locs": []})
        except ValidationError as e:
            locs = [[str(part) for part in err["loc"]] for err in e.errors()]
            cases.append({"model": "Shapes", "config": config, "valid": False, "locs": locs})
    json.dump({"pydantic": pydantic.VERSION,
               "schemas": {"Shapes": Shapes.model_json_schema()},
               "cases": cases}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
