# SPDX-License-Identifier: MIT
"""The exporter's source checks ("x-metatable-assistant"): the demo project, seeded with each
common mistake of the migration guide (tests/data/assistant/mistakes_project), is flagged by
the right lint rule with its fix, and the clean demo is not."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import unittest

import bridgetest as bt

MISTAKES_DIR = os.path.join(bt.SOURCE_DIR, "tests", "data", "assistant", "mistakes_project")
CLEAN_DIR = os.path.join(bt.DEMO_DIR, "python")
KEY = "x-metatable-assistant"

DAILY = "example_project.nodes:DailyMetricsNode"
OBSERVATION = "example_project.nodes:ObservationNode"
SPREAD = "example_project.nodes:SpreadNode"
POSITIONS = "example_project.nodes:AccountPositionsNode"


def export(project_dir, out_path):
    result = bt.run_python(
        ["-m", "metatable_export", "--models", "example_project.storage", "--nodes", "example_project.nodes",
         "--migration-namespace", "example-data", "--output", out_path],
        project_dir,
    )
    if result.returncode != 0:
        raise AssertionError(result.stderr.decode())
    return bt.load(out_path)


class AssistantExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="metatable-assistant-")
        cls.mistakes_path = os.path.join(cls.tmp, "mistakes.json")
        cls.clean_path = os.path.join(cls.tmp, "clean.json")
        cls.mistakes = export(MISTAKES_DIR, cls.mistakes_path)
        cls.clean = export(CLEAN_DIR, cls.clean_path)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def findings(self, check):
        return [f for f in self.mistakes[KEY]["findings"] if f["check"] == check]

    def test_clean_demo_has_no_source_finding_and_every_item_checked(self):
        block = self.clean[KEY]
        self.assertEqual(block["version"], 1)
        self.assertEqual(block["findings"], [])
        nodes = {f"{n['class']['module']}:{n['class']['qualname']}": n for n in block["nodes"]}
        self.assertEqual(sorted(nodes), sorted([DAILY, OBSERVATION, SPREAD, POSITIONS]))
        for path, node in nodes.items():
            with self.subTest(path):
                self.assertEqual(node["checked_items"], [2, 6, 7, 11, 12, 13, 14])
                # The demo's generated validation tests (metatable testgen) are both.
                generated = ["tests/test_example_project_metatable.py"]
                self.assertEqual(node["tests"], {"contract": generated, "import_smoke": generated})
        self.assertEqual(nodes[OBSERVATION]["constructor"], {"config": True, "storage_table": "passed"})
        self.assertEqual(nodes[DAILY]["constructor"], {"config": True, "storage_table": "parameter"})
        # The factory the ObservationNode calls, called twice per variant: the same class.
        self.assertEqual(nodes[OBSERVATION]["factories"], ["example_project.storage:observation_storage"])
        self.assertEqual(
            nodes[OBSERVATION]["storage_tables"],
            ["example_project__observations__equities", "example_project__observations__rates"],
        )
        (factory,) = block["factories"]
        self.assertTrue(factory["memoised"])
        self.assertEqual([c["args"] for c in factory["calls"]], [["equities"], ["rates"]])
        self.assertTrue(all(c["same_class"] for c in factory["calls"]))

    def test_each_source_mistake_is_found_where_it_is(self):
        (tdag,) = self.findings("tdag-import")
        self.assertEqual((tdag["item"], tdag["file"]), (2, "example_project/nodes.py"))
        self.assertEqual(tdag["subject"], {"kind": "module", "module": "example_project.nodes"})
        self.assertEqual(sorted(tdag["nodes"]), sorted([DAILY, OBSERVATION, SPREAD, POSITIONS]))
        self.assertIn("'from mainsequence.tdag import DataNode'", tdag["message"])

        (inline,) = self.findings("node-inline-metadata")
        self.assertEqual((inline["item"], inline["nodes"]), (6, [DAILY]))
        self.assertIn("get_table_metadata()", inline["message"])
        with open(os.path.join(MISTAKES_DIR, "example_project", "nodes.py"), encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        self.assertIn("def get_table_metadata", lines[inline["line"] - 1])

        (register,) = self.findings("register-kwargs")
        self.assertEqual(register["item"], 12)
        self.assertEqual(register["subject"], {"kind": "storage_class", "module": "example_project.storage",
                                               "qualname": "SpreadStorage"})
        self.assertEqual(register["nodes"], [SPREAD])
        self.assertIn("data_source_uid=, labels=", register["message"])

        factory = self.findings("storage-factory-not-memoised")
        self.assertEqual([f["item"] for f in factory], [11, 11])
        self.assertEqual({f["nodes"][0] for f in factory}, {OBSERVATION})
        messages = " ".join(f["message"] for f in factory)
        for variant in ("'equities'", "'rates'"):
            self.assertIn(f"observation_storage({variant})", messages)
        self.assertIn("example_project.storage:observation_storage is not memoised", messages)
        (entry,) = self.mistakes[KEY]["factories"]
        self.assertIs(entry["memoised"], False)

        reported = {f["check"] for f in self.mistakes[KEY]["findings"]}
        self.assertEqual(reported, {"tdag-import", "node-inline-metadata", "register-kwargs",
                                    "storage-factory-not-memoised"})

    def test_project_tests_are_found_for_items_13_and_14(self):
        root = os.path.join(self.tmp, "with_tests")
        shutil.copytree(os.path.join(CLEAN_DIR, "example_project"), os.path.join(root, "example_project"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        os.makedirs(os.path.join(root, "tests"))
        with open(os.path.join(root, "tests", "test_smoke.py"), "w", encoding="utf-8") as handle:
            handle.write("import importlib\n\n\ndef test_imports():\n"
                         "    importlib.import_module('example_project.storage')\n")
        with open(os.path.join(root, "tests", "test_daily.py"), "w", encoding="utf-8") as handle:
            handle.write("from example_project.nodes import DailyMetricsNode\n"
                         "from example_project.storage import DailyMetricsStorage\n\n\n"
                         "def test_columns(node: DailyMetricsNode):\n"
                         "    rows = node.update()\n"
                         "    assert set(rows[0]) == set(DailyMetricsStorage.__table__.columns.keys())\n")
        doc = export(root, os.path.join(self.tmp, "with_tests.json"))
        tests = {f"{n['class']['module']}:{n['class']['qualname']}": n["tests"] for n in doc[KEY]["nodes"]}
        self.assertEqual(tests[DAILY], {"contract": ["tests/test_daily.py"],
                                        "import_smoke": ["tests/test_daily.py", "tests/test_smoke.py"]})
        self.assertEqual(tests[SPREAD]["contract"], [])  # test_daily.py does not name SpreadNode
        self.assertEqual(tests[SPREAD]["import_smoke"], ["tests/test_daily.py", "tests/test_smoke.py"])

    def test_lint_reports_each_mistake_with_its_rule_and_fix(self):
        result = bt.run_cli("lint", self.mistakes_path, "--json")
        self.assertEqual(result.returncode, 1, result.stderr.decode())
        findings = json.loads(result.stdout)["findings"]

        def one(rule, pointer_part):
            hits = [f for f in findings if f["rule"] == rule and pointer_part in f["pointer"]]
            self.assertEqual(len(hits), 1, (rule, pointer_part, findings))
            self.assertTrue(hits[0]["fix"])
            return hits[0]

        block = self.mistakes[KEY]["findings"]
        index = {f["check"]: i for i, f in enumerate(block)}
        tdag = one("MT027", f"/{KEY}/findings/{index['tdag-import']}")
        self.assertIn("(example_project/nodes.py:", tdag["message"])
        self.assertIn("mainsequence.meta_tables", tdag["fix"])
        inline = one("MT028", f"/{KEY}/findings/{index['node-inline-metadata']}")
        self.assertIn("Delete get_table_metadata()", inline["fix"])
        self.assertEqual(len([f for f in findings if f["rule"] == "MT030"]), 2)
        memo = [f for f in findings if f["rule"] == "MT030"][0]
        self.assertIn("@functools.lru_cache(maxsize=None)", memo["fix"])
        self.assertIn("example_project.storage:observation_storage", memo["fix"])
        register = one("MT032", f"/{KEY}/findings/{index['register-kwargs']}")
        self.assertIn("example_project.storage:SpreadStorage", register["fix"])

        nodes = [f"{n['class']['module']}:{n['class']['qualname']}" for n in self.mistakes["nodes"]]
        spread, positions = nodes.index(SPREAD), nodes.index(POSITIONS)
        one("MT019", f"/nodes/{positions}/config_schema/properties/storage_table")
        one("MT017", f"/nodes/{spread}/config_schema/properties/window_days/description")
        one("MT018", f"/nodes/{positions}/config_schema/properties/display_label/ignore_from_storage_hash")
        one("MT006", "/ddl/foreign_keys/0/target_table")
        # The block itself is read by lint, not reported as an unknown key.
        self.assertFalse([f for f in findings if f["rule"] == "MT021" and f["pointer"] == f"/{KEY}"])

    def test_checklist_reports_each_mistake_under_its_item(self):
        result = bt.run_cli("checklist", self.mistakes_path, "--format", "json")
        self.assertEqual(result.returncode, 1, result.stderr.decode())
        doc = json.loads(result.stdout)
        items = {n["node"]: {i["number"]: i for i in n["items"]} for n in doc["nodes"]}
        expected = [  # (node, item, rule, words of the fix)
            (DAILY, 6, "MT028", "Delete get_table_metadata()"),
            (DAILY, 2, "MT027", "mainsequence.meta_tables"),
            (POSITIONS, 8, "MT019", "storage_table=..."),
            (OBSERVATION, 11, "MT030", "lru_cache"),
            (SPREAD, 12, "MT032", "Remove the register() call"),
            (SPREAD, 9, "MT017", "Field(..., description="),
            (POSITIONS, 9, "MT018", "hash_excluded"),
            (POSITIONS, 10, "MT006", "schema_table_name"),
        ]
        for node, number, rule, fix in expected:
            with self.subTest(node=node, item=number):
                item = items[node][number]
                self.assertEqual(item["state"], "not done")
                self.assertIn(rule, item["rules"])
                self.assertIn(fix, item["fix"])
        open_items = {(node, n) for node, by in items.items() for n, i in by.items() if i["state"] == "not done"}
        # The demo has no tests: 13 and 14 stay open everywhere, with the testgen action.
        tests_items = {(node, n) for node in items for n in (13, 14)}
        # The tdag import is in nodes.py, which every node comes from.
        tdag_items = {(node, 2) for node in items}
        self.assertEqual(open_items - tests_items,
                         {(node, number) for node, number, _, _ in expected} | tdag_items)
        self.assertEqual(items[DAILY][13]["action"], "generate-tests")
        self.assertEqual(doc["fully_migrated"], 0)

    def test_checklist_of_the_clean_demo_leaves_only_the_live_run(self):
        result = bt.run_cli("checklist", self.clean_path, "--format", "json")
        self.assertEqual(result.returncode, 1, result.stderr.decode())
        for node in json.loads(result.stdout)["nodes"]:
            states = {i["number"]: i["state"] for i in node["items"]}
            with self.subTest(node["node"]):
                self.assertEqual({n for n, s in states.items() if s == "not done"}, set())
                self.assertEqual(states[15], "cannot tell")  # no --db
                self.assertEqual({n for n, s in states.items() if s == "cannot tell"}, {15})

    def test_clean_demo_lint_reports_no_source_rule(self):
        result = bt.run_cli("lint", self.clean_path, "--json")
        rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
        source_rules = {f"MT0{n}" for n in range(27, 37)}
        self.assertEqual(rules & (source_rules | {"MT006", "MT017", "MT018", "MT019"}), set())


if __name__ == "__main__":
    unittest.main()
