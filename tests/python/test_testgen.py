# SPDX-License-Identifier: MIT
"""`metatable testgen`: the guide's nine validation tests, generated for the demo project, pass
on it; each of four mistakes made in a copy of the project fails exactly the test meant to catch
it; the demo's shipped tests and source-check block are what the tools produce today."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import unittest

import bridgetest as bt

V1 = os.path.join(bt.DEMO_DIR, "example_project.v1.json")
PROJECT = os.path.join(bt.DEMO_DIR, "python")
SHIPPED_TESTS = os.path.join(PROJECT, "tests", "test_example_project_metatable.py")
ALL_TESTS = {
    "test_1_storage_imports_without_backend_access",
    "test_2_storage_contract_columns_match_update_frame",
    "test_3_index_names_match_update_frame",
    "test_4_time_index_values_are_timezone_aware_utc",
    "test_5_parameterized_storage_factories_are_memoized",
    "test_6_table_identities_have_distinct_storage_hashes",
    "test_7_config_changes_alter_update_hash_only_when_they_should",
    "test_8_hash_excluded_fields_do_not_alter_update_hash",
    "test_9_foreign_keys_in_metadata_but_not_in_registration",
}


def mutate(path, old, new, count=1):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if text.count(old) < count:
        raise AssertionError(f"{path}: {old!r} is not there {count} time(s); the demo changed")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(old, new, count))


class TestgenTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="metatable-testgen-")
        self.project = os.path.join(self.tmp, "python")
        shutil.copytree(PROJECT, self.project, ignore=shutil.ignore_patterns("__pycache__"))
        self.package = os.path.join(self.project, "example_project")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def generate_and_run(self):
        result = bt.run_cli(
            "testgen", V1, "--output", os.path.join(self.project, "tests"), "--run", "--json",
            "--python", sys.executable, "--path", bt.DEBIAN_SITE, "--path", self.project, timeout=600,
        )
        report = json.loads(result.stdout.decode() or "{}")
        self.assertIn(result.returncode, (0, 1), result.stderr.decode())
        self.assertEqual({t["test"] for t in report["tests"]}, ALL_TESTS)
        return result.returncode, report

    def failing(self, report):
        return {t["test"] for t in report["tests"] if t["outcome"] != "passed"}

    def test_generated_tests_pass_on_the_demo_project(self):
        status, report = self.generate_and_run()
        self.assertEqual(self.failing(report), set(), json.dumps(report["tests"], indent=1))
        self.assertEqual(status, 0)
        self.assertTrue(report["all_passed"])
        self.assertEqual((report["nodes"], report["storage_classes"]), (4, 6))

    def test_a_flag_flipped_to_hashed_fails_the_hash_excluded_test(self):
        mutate(os.path.join(self.package, "configs.py"), 'json_schema_extra={"hash_excluded": True},\n', "")
        status, report = self.generate_and_run()
        self.assertEqual(self.failing(report), {"test_8_hash_excluded_fields_do_not_alter_update_hash"})
        self.assertEqual(status, 1)
        detail = next(t["detail"] for t in report["tests"] if t["test"].startswith("test_8"))
        self.assertIn("display_label", detail)

    def test_an_index_column_renamed_in_update_fails_the_index_names_test(self):
        nodes = os.path.join(self.package, "nodes.py")
        mutate(nodes, '"entity_identifier": entity,', '"entity_id": entity,')
        mutate(nodes, 'set_index(["time_index", "entity_identifier"])', 'set_index(["time_index", "entity_id"])')
        _, report = self.generate_and_run()
        self.assertEqual(self.failing(report), {"test_3_index_names_match_update_frame"})
        detail = next(t["detail"] for t in report["tests"] if t["test"].startswith("test_3"))
        self.assertIn("DailyMetricsNode", detail)
        self.assertIn("entity_id", detail)

    def test_a_naive_timestamp_fails_the_utc_test(self):
        mutate(
            os.path.join(self.package, "nodes.py"),
            "datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)",
            "datetime.datetime(2024, 1, 1)",
        )
        _, report = self.generate_and_run()
        self.assertEqual(self.failing(report), {"test_4_time_index_values_are_timezone_aware_utc"})
        detail = next(t["detail"] for t in report["tests"] if t["test"].startswith("test_4"))
        self.assertIn("naive time_index", detail)

    def test_a_factory_without_lru_cache_fails_the_memoization_test(self):
        mutate(os.path.join(self.package, "storage.py"), "@lru_cache(maxsize=None)\n", "")
        _, report = self.generate_and_run()
        self.assertEqual(self.failing(report), {"test_5_parameterized_storage_factories_are_memoized"})
        detail = next(t["detail"] for t in report["tests"] if t["test"].startswith("test_5"))
        self.assertIn("observation_storage('equities')", detail)
        self.assertIn("lru_cache", detail)

    def test_a_file_the_console_did_not_write_is_never_replaced(self):
        target = os.path.join(self.project, "tests", "test_example_project_metatable.py")
        with open(target, "w", encoding="utf-8") as handle:
            handle.write("# my own tests\n")
        result = bt.run_cli("testgen", V1, "--output", os.path.join(self.project, "tests"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("was not generated by the console", result.stderr.decode())
        with open(target, encoding="utf-8") as handle:
            self.assertEqual(handle.read(), "# my own tests\n")

    def test_the_shipped_demo_tests_are_what_testgen_writes_today(self):
        out = os.path.join(self.tmp, "fresh")
        result = bt.run_cli("testgen", V1, "--output", out)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        with open(os.path.join(out, "test_example_project_metatable.py"), encoding="utf-8") as fresh, open(
            SHIPPED_TESTS, encoding="utf-8"
        ) as shipped:
            self.assertEqual(fresh.read(), shipped.read(), "run tools/refresh-demo-assistant.py")

    def test_the_generated_module_names_no_build_or_home_path(self):
        with open(SHIPPED_TESTS, encoding="utf-8") as handle:
            text = handle.read()
        self.assertIsNone(re.search(r"/(root|home|tmp|work)/", text))


class ShippedAssistantBlockTest(unittest.TestCase):
    def test_the_demo_manifests_carry_todays_source_checks(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "export.json")
            result = bt.run_python(
                ["-m", "metatable_export", "--models", "example_project.storage", "--nodes", "example_project.nodes",
                 "--migration-namespace", "example-data", "--output", out],
                PROJECT,
            )
            self.assertEqual(result.returncode, 0, result.stderr.decode())
            exported = bt.load(out)["x-metatable-assistant"]
        for version in ("v1", "v2"):
            with self.subTest(version):
                shipped = bt.load(os.path.join(bt.DEMO_DIR, f"example_project.{version}.json"))
                self.assertEqual(shipped["x-metatable-assistant"], exported, "run tools/refresh-demo-assistant.py")


if __name__ == "__main__":
    unittest.main()
