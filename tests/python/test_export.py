# SPDX-License-Identifier: MIT
"""metatable_export: a project built on the fly and the demo package, exported, loaded and
linted by the console, hashed like the shipped demo manifest."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import textwrap
import unittest

import bridgetest as bt

sys.path.insert(0, bt.BRIDGE_DIR)
from metatable_export import naming  # noqa: E402

STORAGE = '''
from functools import lru_cache

from sqlalchemy import CheckConstraint, Column, DateTime, Float, ForeignKey, Index, MetaData, String
from sqlalchemy.orm import declarative_base

try:
    from sqlalchemy import Uuid
except ImportError:
    from sqlalchemy.dialects.postgresql import UUID as _PgUuid

    def Uuid():
        return _PgUuid(as_uuid=True)

Base = declarative_base(metadata=MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s", "pk": "pk_%(table_name)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", "ck": "ck_%(table_name)s_%(constraint_name)s",
}))


class DailyMetricsStorage(Base):
    __tablename__ = "guide_project__daily_metrics"
    __metatable_namespace__ = "guide-data"
    __metatable_identifier__ = "guide_project.daily_metrics"
    __metatable_description__ = "Daily metric observations keyed by entity identifier."
    __metatable_labels__ = "metrics"
    __time_index_name__ = "time_index"
    __index_names__ = ["time_index", "entity_identifier"]
    __cadence__ = "1D"

    time_index = Column(DateTime(timezone=True), nullable=False, info={"label": "Time Index", "description": "UTC timestamp."})
    entity_identifier = Column(String(255), nullable=False, info={"label": "Entity"})
    value = Column(Float, nullable=False, info={"description": "The value."})
    __mapper_args__ = {"primary_key": [time_index, entity_identifier]}


class Account(Base):
    __tablename__ = "guide_project__account"
    __metatable_namespace__ = "accounts"
    __metatable_identifier__ = "guide_project.account"
    __metatable_description__ = "Account master rows used to scope positions."
    __table_args__ = (CheckConstraint("length(display_name) > 0", name="display_name_not_empty"),)

    uid = Column(Uuid(), primary_key=True, info={"label": "Account UID"})
    display_name = Column(String(255), nullable=True)


class AccountPositions(Base):
    __tablename__ = "guide_project__account_positions"
    __metatable_namespace__ = "positions"
    __metatable_identifier__ = "guide_project.account_positions"
    __metatable_description__ = "Time-indexed position rows keyed by account."
    __time_index_name__ = "time_index"
    __index_names__ = ["time_index", "account_uid"]
    __cadence__ = "1d"
    __table_args__ = (
        Index("uix_positions_grain", "account_uid", "time_index", unique=True),
        Index("ix_positions_recent", "time_index", postgresql_using="brin"),
    )

    time_index = Column(DateTime(timezone=True), nullable=False)
    account_uid = Column(Uuid(), ForeignKey("guide_project__account.uid", ondelete="RESTRICT"), nullable=False)
    quantity = Column(Float, nullable=False)
    market_value = Column(Float, nullable=True)
    __mapper_args__ = {"primary_key": [time_index, account_uid]}


@lru_cache(maxsize=None)
def observation_storage(variant):
    time_index = Column(DateTime(timezone=True), nullable=False)
    return type(
        f"ObservationStorage_{variant}",
        (Base,),
        {
            "__module__": __name__,
            "__qualname__": f"ObservationStorage_{variant}",
            "__tablename__": f"guide_project__observations__{variant}",
            "__metatable_namespace__": "guide-data",
            "__metatable_identifier__": f"guide_project.{variant}_observations",
            "__metatable_description__": f"{variant} observations.",
            "__time_index_name__": "time_index",
            "__index_names__": ["time_index"],
            "__mapper_args__": {"primary_key": [time_index]},
            "time_index": time_index,
            "value": Column(Float, nullable=True),
        },
    )


ObservationStorage_equities = observation_storage("equities")
'''

CONFIGS = '''
from __future__ import annotations

import datetime

from pydantic import BaseModel, Field

from .storage import DailyMetricsStorage


class DailyMetricsConfig(BaseModel):
    source_scope: str = Field(..., description="Upstream scope.", examples=["default_scope"])
    offset_start: datetime.datetime | None = Field(default=None, description="First-run lower bound.")
    display_label: str | None = Field(
        default=None, description="UI only.", json_schema_extra={"hash_excluded": True}
    )


class SpreadConfig(BaseModel):
    base_storage: type[DailyMetricsStorage] = Field(
        default=DailyMetricsStorage, description="Storage table of the base series."
    )
    window_days: int = Field(default=5, description="Window length in days.")
'''

NODES = '''
from __future__ import annotations

from .configs import DailyMetricsConfig, SpreadConfig
from .storage import AccountPositions, DailyMetricsStorage


class DataNode:
    def __init__(self, config: "DataNodeConfiguration", storage_table=None):
        self.config = config
        self.storage_table = storage_table

    def update(self):
        raise NotImplementedError


class DailyMetricsNode(DataNode):
    def __init__(self, config: DailyMetricsConfig, storage_table=DailyMetricsStorage, *, hash_namespace=None):
        super().__init__(config, storage_table)

    def update(self):
        return []


class SpreadNode(DataNode):
    def __init__(self, config: SpreadConfig, *, hash_namespace=None):
        super().__init__(config, None)

    def update(self):
        return []
'''

MIGRATIONS = '''
from .storage import Account, AccountPositions, DailyMetricsStorage, ObservationStorage_equities, Base


class GuideVersionTable:
    __metatable_identifier__ = "guide_project.alembic_version"
    __tablename__ = "guide_project__alembic_version"


class _Provider:
    package = "guide_project"
    migration_namespace = "guide-data"
    target_metadata = Base.metadata
    metatable_models = [DailyMetricsStorage, Account, AccountPositions, ObservationStorage_equities]
    alembic_registry = GuideVersionTable


migration = _Provider()
'''


def write_project(root, files):
    package = os.path.join(root, "guide_project")
    os.makedirs(package, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(package, name), "w", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(text))


class ExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="metatable-export-")
        write_project(
            cls.tmp,
            {"__init__.py": "", "storage.py": STORAGE, "configs.py": CONFIGS, "nodes.py": NODES, "migrations.py": MIGRATIONS},
        )

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def export(self, *args, paths=None):
        return bt.run_python(["-m", "metatable_export", *args], *(paths or [self.tmp]))

    def export_ok(self, *args, paths=None):
        result = self.export(*args, paths=paths)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        self.assertEqual(result.stderr, b"")
        return json.loads(result.stdout)

    def write(self, name, document):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle)
        return path

    def test_naming_matches_sdk_vectors(self):
        cases = bt.load(os.path.join(bt.VECTORS_DIR, "naming.json"))["cases"]
        self.assertGreater(len(cases), 0)
        for case in cases:
            fn, args = case["input"]["fn"], dict(case["input"]["args"])
            with self.subTest(case["id"]):
                try:
                    if fn == "bounded_identifier":
                        value = naming.bounded_identifier(*args["parts"], max_length=args["max_length"])
                    elif fn == "schema_check_constraint_name":
                        value = naming.schema_check_constraint_name(args["table_name"], args["constraint_name"])
                    else:
                        value = getattr(naming, fn)(**args)
                    got = {"value": value}
                except ValueError as exc:
                    got = {"error": {"type": "ValueError", "message": str(exc)}}
                self.assertEqual(got, case["expected"])

    def test_provider_export(self):
        doc = self.export_ok("--provider", "guide_project.migrations:migration", "--nodes", "guide_project.nodes")
        self.assertEqual(doc["format"], "metatable-provider/1")
        self.assertEqual(
            doc["provider"],
            {
                "package": "guide_project",
                "migration_namespace": "guide-data",
                "schema": "public",
                "alembic_registry": {"identifier": "guide_project.alembic_version", "table_name": "guide_project__alembic_version"},
            },
        )
        by_table = {s["registration"]["table_contract"]["physical"]["table_name"]: s for s in doc["storage_classes"]}
        self.assertEqual(
            list(by_table),
            ["guide_project__daily_metrics", "guide_project__account", "guide_project__account_positions",
             "guide_project__observations__equities"],
        )
        daily = by_table["guide_project__daily_metrics"]
        self.assertEqual(daily["kind"], "time_indexed")
        reg = daily["registration"]
        self.assertEqual(reg["cadence"], "1d")  # lower-cased as the SDK does
        self.assertEqual(reg["labels"], ["metrics"])  # one string becomes a one-item list
        self.assertEqual(reg["table_contract"]["authoring"]["time_indexed"]["index_names"], ["time_index", "entity_identifier"])
        self.assertEqual(
            reg["table_contract"]["columns"][0],
            {"name": "time_index", "data_type": "timestamp with time zone", "backend_type": "TIMESTAMP WITH TIME ZONE",
             "nullable": False, "primary_key": False, "unique": False, "description": "UTC timestamp.", "label": "Time Index"},
        )
        # No unique index over the grain: the exporter adds the SDK's, named by schema_index_name.
        self.assertEqual(
            daily["ddl"]["indexes"],
            [{"name": naming.schema_index_name("guide_project__daily_metrics", ["time_index", "entity_identifier"], unique=True),
              "columns": ["time_index", "entity_identifier"], "unique": True}],
        )
        self.assertIsNone(daily["ddl"]["primary_key"])

        account = by_table["guide_project__account"]
        self.assertEqual(account["kind"], "relational")
        self.assertEqual(account["registration"]["table_contract"]["columns"][0]["server_default"], "gen_random_uuid()")
        self.assertEqual(account["ddl"]["primary_key"], {"name": "pk_guide_project__account", "columns": ["uid"]})
        self.assertEqual(
            account["ddl"]["check_constraints"],
            [{"name": "ck_guide_project__account_display_name_not_empty", "authored_name": "display_name_not_empty",
              "sqltext": "length(display_name) > 0"}],
        )

        positions = by_table["guide_project__account_positions"]
        # The authored grain index (other column order) counts; names are taken as authored.
        self.assertEqual(
            positions["ddl"]["indexes"],
            [{"name": "ix_positions_recent", "columns": ["time_index"], "unique": False,
              "dialect_kwargs": {"postgresql_using": "brin"}},
             {"name": "uix_positions_grain", "columns": ["account_uid", "time_index"], "unique": True}],
        )
        self.assertEqual(
            positions["ddl"]["foreign_keys"],
            [{"name": "fk_guide_project__account_positions_account_uid_guide_project__account", "columns": ["account_uid"],
              "target_schema": None, "target_table": "guide_project__account", "target_columns": ["uid"],
              "ondelete": "RESTRICT", "onupdate": None, "deferrable": None, "initially": None, "match": None}],
        )
        observations = by_table["guide_project__observations__equities"]
        self.assertEqual(observations["class"], {"module": "guide_project.storage", "qualname": "ObservationStorage_equities"})

        nodes = {n["class"]["qualname"]: n for n in doc["nodes"]}
        self.assertEqual(sorted(nodes), ["DailyMetricsNode", "SpreadNode"])  # the DataNode base is not a node
        daily_node = nodes["DailyMetricsNode"]
        self.assertEqual(daily_node["storage_class"], "guide_project__daily_metrics")
        self.assertEqual(daily_node["config"], {"offset_start": None, "display_label": None})  # source_scope required
        self.assertTrue(daily_node["config_schema"]["properties"]["display_label"]["hash_excluded"])
        self.assertEqual(daily_node["runner"]["command"][1:], ["-m", "metatable_runner", "--node", "guide_project.nodes:DailyMetricsNode"])
        spread = nodes["SpreadNode"]
        self.assertIsNone(spread["storage_class"])
        self.assertTrue(spread["config_schema"]["properties"]["base_storage"]["x-metatable-storage-class"])
        storage_value = {"__type__": "platform_time_index_meta_table", "module": "guide_project.storage", "qualname": "DailyMetricsStorage"}
        self.assertEqual(spread["config"], {"base_storage": storage_value, "window_days": 5})

        # The console loads and lints it, and hashes its nodes; a hash_excluded field does not count.
        path = self.write("guide.json", doc)
        lint = bt.run_cli("lint", path)  # the required field without a default is named
        self.assertEqual(lint.returncode, 1, lint.stdout.decode() + lint.stderr.decode())
        errors = [line for line in lint.stdout.decode().splitlines() if ": error [" in line]
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("Required configuration field 'source_scope' of node guide_project.nodes:DailyMetricsNode", errors[0])
        daily_node["config"]["source_scope"] = "default_scope"
        path = self.write("guide.json", doc)
        lint = bt.run_cli("lint", path)
        self.assertEqual(lint.returncode, 0, lint.stdout.decode() + lint.stderr.decode())
        first = self.write("c1.json", {"source_scope": "a", "display_label": "one"})
        second = self.write("c2.json", {"source_scope": "a", "display_label": "two"})
        third = self.write("c3.json", {"source_scope": "b"})
        hashes = []
        for config in (first, second, third):
            result = bt.run_cli("hash", path, "--node", "guide_project.nodes:DailyMetricsNode", "--config", config, "--json")
            self.assertEqual(result.returncode, 0, result.stderr.decode())
            hashes.append(json.loads(result.stdout)["update_hash"])
        self.assertEqual(hashes[0], hashes[1])
        self.assertNotEqual(hashes[0], hashes[2])

    def test_models_export_to_file_is_atomic_and_complete(self):
        out = os.path.join(self.tmp, "models.json")
        result = self.export("--models", "guide_project.storage", "--migration-namespace", "guide-data", "--output", out)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        self.assertEqual(result.stdout, b"")
        doc = bt.load(out)
        self.assertEqual(len(doc["storage_classes"]), 4)
        self.assertEqual(doc["nodes"], [])
        self.assertEqual(doc["provider"]["alembic_registry"]["table_name"], "guide_project__alembic_version")
        self.assertEqual([f for f in os.listdir(self.tmp) if f.startswith(".metatable-export-")], [])

    def test_failures_are_precise_and_print_nothing(self):
        bad = os.path.join(self.tmp, "bad")
        write_project(bad, {"__init__.py": "", "storage.py": STORAGE.replace('__index_names__ = ["time_index", "account_uid"]', '__index_names__ = ["account_uid", "time_index"]')})
        cases = [
            (["--models", "no_such_module", "--migration-namespace", "x"], [self.tmp],
             "cannot import models module 'no_such_module': ModuleNotFoundError"),
            (["--provider", "guide_project.migrations"], [self.tmp], "must be MODULE:ATTRIBUTE"),
            (["--models", "guide_project.storage", "--migration-namespace", "x"], [bad],
             "guide_project.storage:AccountPositions.__index_names__: PlatformTimeIndexMetaTable index_names must "
             "start with the time_index_name. Expected 'time_index', got 'account_uid'."),
        ]
        for args, paths, message in cases:
            with self.subTest(args=args):
                result = self.export(*args, paths=paths)
                self.assertNotEqual(result.returncode, 0)
                self.assertEqual(result.stdout, b"")
                self.assertIn(message, result.stderr.decode())

    def test_sdk_contract_messages(self):
        variants = {
            "naive": ('time_index = Column(DateTime(timezone=True), nullable=False, info={"label": "Time Index", "description": "UTC timestamp."})',
                      'time_index = Column(DateTime(), nullable=False)',
                      "guide_project.storage:DailyMetricsStorage.time_index: Timezone-naive SQLAlchemy DateTime columns are not "
                      "supported by the remote TS Manager contract."),
            "nullable": ('__index_names__ = ["time_index", "account_uid"]', '__index_names__ = ["time_index", "account_uid", "market_value"]',
                         "Nullable index columns: ['market_value']."),
            "cadence": ('__cadence__ = "1D"', '__cadence__ = "daily"',
                        "DailyMetricsStorage.__cadence__: PlatformTimeIndexMetaTable cadence must be an interval token"),
            "missing": ('__index_names__ = ["time_index", "entity_identifier"]', '__index_names__ = ["time_index", "entity"]',
                        "Missing columns: ['entity']."),
        }
        for name, (old, new, message) in variants.items():
            with self.subTest(name):
                root = os.path.join(self.tmp, "variant_" + name)
                self.assertIn(old, STORAGE)
                write_project(root, {"__init__.py": "", "storage.py": STORAGE.replace(old, new, 1)})
                result = self.export("--models", "guide_project.storage", "--migration-namespace", "x", paths=[root])
                self.assertEqual(result.returncode, 1)
                self.assertEqual(result.stdout, b"")
                self.assertIn(message, result.stderr.decode())


class DemoExportTest(unittest.TestCase):
    """resources/demo/python/example_project exported reproduces the shipped manifest."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="metatable-demo-export-")
        cls.path = os.path.join(cls.tmp, "exported.json")
        result = bt.run_python(
            ["-m", "metatable_export", "--models", "example_project.storage", "--nodes", "example_project.nodes",
             "--migration-namespace", "example-data", "--output", cls.path],
            os.path.join(bt.DEMO_DIR, "python"),
        )
        if result.returncode != 0:
            raise AssertionError(result.stderr.decode())
        cls.exported = bt.load(cls.path)
        cls.shipped_path = os.path.join(bt.DEMO_DIR, "example_project.v1.json")
        cls.shipped = bt.load(cls.shipped_path)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_storage_classes_match(self):
        self.assertEqual(self.exported["provider"], self.shipped["provider"])
        self.assertEqual(self.exported["external_tables"], self.shipped["external_tables"])
        strip = lambda s: {k: v for k, v in s.items() if k != "x-authoring"}  # noqa: E731
        self.assertEqual([strip(s) for s in self.exported["storage_classes"]], [strip(s) for s in self.shipped["storage_classes"]])

    def test_nodes_match_except_authored_values(self):
        exported = {n["class"]["qualname"]: n for n in self.exported["nodes"]}
        shipped = {n["class"]["qualname"]: n for n in self.shipped["nodes"]}
        self.assertEqual(list(exported), list(shipped))
        for name, node in shipped.items():
            with self.subTest(name):
                mine = exported[name]
                for key in ("class", "config_class", "config_schema", "hash_namespace"):
                    self.assertEqual(mine[key], node[key], key)
                # Exported config holds the schema's defaults; the shipped one also has authored values.
                for key, value in mine["config"].items():
                    if node["config"].get(key) == value or node["config_schema"]["properties"][key].get("default") == value:
                        continue
                    self.fail(f"{name}: config {key} = {value!r} is not a default of the schema")
                required = set(node["config_schema"].get("required", []))
                self.assertFalse(required & set(mine["config"]))
        # ObservationNode picks its table at run time: no storage_table default, so null.
        self.assertIsNone(exported["ObservationNode"]["storage_class"])
        for name in ("DailyMetricsNode", "SpreadNode", "AccountPositionsNode"):
            self.assertEqual(exported[name]["storage_class"], shipped[name]["storage_class"])

    def test_console_loads_lints_and_hashes_like_the_shipped_manifest(self):
        lint = bt.run_cli("lint", self.path)  # exactly the required fields without defaults are named
        errors = sorted(line.split("Required configuration field ")[1].split(" has no value")[0]
                        for line in lint.stdout.decode().splitlines() if ": error [" in line)
        self.assertEqual(
            errors,
            ["'base_storage' of node example_project.nodes:SpreadNode",
             "'dataset_variant' of node example_project.nodes:ObservationNode",
             "'source_scope' of node example_project.nodes:DailyMetricsNode"],
        )
        # With the shipped manifest's authored values the export lints clean.
        completed = json.loads(json.dumps(self.exported))
        for mine, theirs in zip(completed["nodes"], self.shipped["nodes"]):
            mine["config"] = theirs["config"]
        completed_path = os.path.join(self.tmp, "completed.json")
        with open(completed_path, "w", encoding="utf-8") as handle:
            json.dump(completed, handle)
        lint = bt.run_cli("lint", completed_path)
        self.assertEqual(lint.returncode, 0, lint.stdout.decode() + lint.stderr.decode())
        for node in self.shipped["nodes"]:
            spec = f"{node['class']['module']}:{node['class']['qualname']}"
            config = os.path.join(self.tmp, node["class"]["qualname"] + ".json")
            with open(config, "w", encoding="utf-8") as handle:
                json.dump(node["config"], handle)
            with self.subTest(spec):
                ours = bt.run_cli("hash", self.path, "--node", spec, "--config", config, "--json")
                theirs = bt.run_cli("hash", self.shipped_path, "--node", spec, "--config", config, "--json")
                self.assertEqual(ours.returncode, theirs.returncode, ours.stderr.decode())
                self.assertEqual(ours.stdout, theirs.stdout)
                self.assertEqual(ours.stderr, theirs.stderr)
                if ours.returncode == 0:
                    self.assertRegex(json.loads(ours.stdout)["update_hash"], r"^[a-z0-9_]+_[0-9a-f]{32}$")


if __name__ == "__main__":
    unittest.main()
