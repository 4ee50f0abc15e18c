# SPDX-License-Identifier: MIT
"""metatable_export.stewardpatch: steward texts written back into a module's source. Any text
becomes a valid literal that reads back equal, lines stay within 99 characters, and the patch
changes only the spans it means to, byte for byte."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

import bridgetest as bt

sys.path.insert(0, bt.BRIDGE_DIR)
from metatable_export import pyliteral, stewardpatch  # noqa: E402

NASTY = [
    "",
    'say "hi" and \'bye\'',
    "C:\\temp\\new",
    "ends with a backslash \\",
    "line one\nline two\r\nline three\ttabbed",
    "Caf\u00e9 \u00fcber \u4e2d\u6587 \U0001F600 \u2013 dash",
    "{braces} {0} %s %(x)s f'{x}'",
    "'''triple''' \"\"\"double\"\"\"",
    "controls \x00\x07\x1b\x7f and separators \u2028\u2029 \ufeff and \ud800 surrogate",
    "x" * 250,
    "word " * 60 + "\n" + "\\" * 120,
]


def class_source(body: str) -> str:
    return "class X:\n" + textwrap.indent(body, "    ")


def evaluate_class(source: str) -> dict:
    namespace = {}
    exec(compile(source, "<snippet>", "exec"), namespace)
    return vars(namespace["X"])


class Escaping(unittest.TestCase):
    def test_any_text_reads_back_equal(self):
        for text in NASTY:
            with self.subTest(text=text[:30]):
                lines = pyliteral.string_lines(text, 4, "__metatable_description__ = ", "")
                for line in lines:
                    self.assertLessEqual(len(line), pyliteral.WIDTH, line)
                source = "class X:\n" + "\n".join(lines) + "\n"
                self.assertEqual(evaluate_class(source)["__metatable_description__"], text)

    def test_quote_prefers_double_quotes_and_keeps_printable_unicode(self):
        self.assertEqual(pyliteral.quote("it's \u00e9"), "\"it's \u00e9\"")
        self.assertEqual(pyliteral.quote('a"b\\c\n'), '"a\\"b\\\\c\\n"')
        self.assertEqual(pyliteral.quote("\u2028"), '"\\u2028"')

    def test_snippet_of_any_texts_compiles_in_a_class_body(self):
        change = stewardpatch.ClassChange("X", description=NASTY[-1], labels=NASTY[1:6])
        change.columns.append(stewardpatch.ColumnChange(
            "value", NASTY[4], NASTY[8], {"label": "old", "logical_name": "v"}))
        text = stewardpatch.snippet(change, {})
        for line in text.splitlines():
            self.assertLessEqual(len(line), pyliteral.WIDTH)
            self.assertTrue(line.startswith("    "))
        attrs = evaluate_class("class X:\n" + text)
        self.assertEqual(attrs["__metatable_description__"], NASTY[-1])
        self.assertEqual(attrs["__metatable_labels__"], NASTY[1:6])
        self.assertEqual(attrs["info"], ({"label": NASTY[4], "logical_name": "v",
                                          "description": NASTY[8]},))


DEMO_LIKE = '''\
# leading comment, kept
"""Module docstring."""

from sqlalchemy import Column, Float, String
from sqlalchemy.orm import Mapped, mapped_column

EXTRA = {"unit": "EUR"}


class Metrics(Base):  # trailing comment, kept
    """Docstring."""

    __tablename__ = "metrics"
    __metatable_namespace__ = "ns"

    value = Column(
        Float,
        nullable=False,
        info={
            "label": "Value",  # kept: a comment on the label
            "unit": UNIT_NAMES["value"],
            **EXTRA,
            "description": "Old description.",
        },
    )
    name = Column("display_name", String(80), info={"label": "Name"})
    bare = Column(String(10))
    spread = Column(
        Float,
        nullable=True
    )
    amount: Mapped[float] = mapped_column()


def factory(n):
    return type(f"Made_{n}", (Base,), {"__tablename__": n})


Made_a = factory("a")
'''


def patch(source: str, classes: list, crlf: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "models.py")
        with open(path, "wb") as handle:
            handle.write(source.encode("utf-8"))
        return stewardpatch.build_response({"source_file": path, "classes": classes})


def class_attrs(source: str, qualname: str) -> dict:
    """The literal class attributes and column info dicts of a class, read with ast."""
    cls = next(s for s in ast.parse(source).body if isinstance(s, ast.ClassDef) and s.name == qualname)
    out = {}
    for stmt in cls.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else getattr(stmt, "target", None)
        if isinstance(target, ast.Name) and isinstance(stmt.value, ast.Call):
            for keyword in stmt.value.keywords:
                if keyword.arg == "info":
                    out[target.id] = {ast.literal_eval(k): v for k, v in zip(keyword.value.keys, keyword.value.values)
                                      if k is not None}
        elif isinstance(target, ast.Name):
            try:
                out[target.id] = ast.literal_eval(stmt.value)
            except ValueError:
                pass
    return out


class Patching(unittest.TestCase):
    def test_inserts_missing_attributes_after_the_class_identity(self):
        result = patch(DEMO_LIKE, [{"qualname": "Metrics", "description": "New.", "labels": ["a", "b"]}])
        patched = result["patched"]
        self.assertIn(
            '    __metatable_namespace__ = "ns"\n'
            '    __metatable_description__ = "New."\n'
            '    __metatable_labels__ = ["a", "b"]\n\n    value = Column(',
            patched,
        )
        # Only inserted lines: the original comes back when they are removed.
        self.assertEqual(patched.replace('    __metatable_description__ = "New."\n', "")
                         .replace('    __metatable_labels__ = ["a", "b"]\n', ""), DEMO_LIKE)
        self.assertTrue(result["classes"][0]["found"])
        self.assertIn("+    __metatable_labels__ = [\"a\", \"b\"]\n", result["diff"])
        self.assertTrue(result["diff"].startswith("--- a/models.py\n+++ b/models.py\n"))

    def test_replaces_only_the_text_values_in_the_info_dict(self):
        result = patch(DEMO_LIKE, [{"qualname": "Metrics", "columns": [
            {"name": "value", "label": "Wert \"\u20ac\"", "description": "New.", "info": {}}]}])
        expected = DEMO_LIKE.replace('"label": "Value",', '"label": "Wert \\"\u20ac\\"",').replace(
            '"description": "Old description."', '"description": "New."')
        self.assertNotEqual(expected, DEMO_LIKE)
        self.assertEqual(result["patched"], expected)

    def test_taking_a_text_out_rewrites_the_dict_and_keeps_other_keys(self):
        result = patch(DEMO_LIKE, [{"qualname": "Metrics", "columns": [
            {"name": "value", "label": "Wert", "description": None, "info": {}}]}])
        patched = result["patched"]
        start = DEMO_LIKE.index("info={\n            \"label\"") + len("info=")
        end = DEMO_LIKE.index("},\n    )\n    name") + 1
        self.assertTrue(patched.startswith(DEMO_LIKE[:start]))
        self.assertTrue(patched.endswith(DEMO_LIKE[end:]))
        self.assertEqual(
            patched[start:len(patched) - len(DEMO_LIKE) + end],
            '{\n'
            '            "label": "Wert",\n'
            '            "unit": UNIT_NAMES["value"],\n'
            '            **EXTRA,\n'
            '        }',
        )

    def test_columns_by_explicit_name_without_info_and_mapped_column(self):
        columns = [
            {"name": "display_name", "label": "Shown name", "description": "D1", "info": {}},
            {"name": "bare", "label": "Bare", "description": None, "info": {"logical_name": "b"}},
            {"name": "spread", "label": "Spread", "description": "D2", "info": {}},
            {"name": "amount", "label": "Amount", "description": "D3", "info": {}},
        ]
        result = patch(DEMO_LIKE, [{"qualname": "Metrics", "columns": columns}])
        patched = result["patched"]
        attrs = class_attrs(patched, "Metrics")
        self.assertEqual(ast.literal_eval(attrs["name"]["label"]), "Shown name")
        self.assertEqual(ast.literal_eval(attrs["name"]["description"]), "D1")
        self.assertEqual({k: ast.literal_eval(v) for k, v in attrs["bare"].items()},
                         {"logical_name": "b", "label": "Bare"})
        self.assertEqual(ast.literal_eval(attrs["spread"]["description"]), "D2")
        self.assertEqual(ast.literal_eval(attrs["amount"]["label"]), "Amount")
        self.assertIn('    name = Column("display_name", String(80), info={"label": "Shown name", '
                      '"description": "D1"})\n', patched)
        self.assertIn('        nullable=True,\n        info={\n            "label": "Spread",\n', patched)

    def test_every_text_survives_the_patch(self):
        for text in NASTY:
            with self.subTest(text=text[:30]):
                result = patch(DEMO_LIKE, [{"qualname": "Metrics", "description": text, "labels": [text],
                                            "columns": [{"name": "value", "label": text,
                                                         "description": text, "info": {}}]}])
                attrs = class_attrs(result["patched"], "Metrics")
                self.assertEqual(attrs["__metatable_description__"], text)
                self.assertEqual(attrs["__metatable_labels__"], [text])
                self.assertEqual(ast.literal_eval(attrs["value"]["description"]), text)
                for line in result["patched"].splitlines():
                    self.assertLessEqual(len(line), pyliteral.WIDTH, line)

    def test_crlf_bom_and_a_missing_final_newline_are_kept(self):
        source = "\ufeff" + DEMO_LIKE.rstrip("\n").replace("\n", "\r\n")
        result = patch(source, [{"qualname": "Metrics", "description": "CR\r\nLF"}])
        patched = result["patched"]
        self.assertTrue(patched.startswith("\ufeff# leading comment"))
        self.assertNotIn("\n", patched.replace("\r\n", ""))
        self.assertEqual(patched.replace('    __metatable_description__ = "CR\\r\\nLF"\r\n', ""), source)
        self.assertIn('+    __metatable_description__ = "CR\\r\\nLF"\r\n', result["diff"])

    def test_a_factory_made_class_gets_its_snippet_and_no_patch(self):
        result = patch(DEMO_LIKE, [{"qualname": "Made_a", "description": "Made by hand."}])
        entry = result["classes"][0]
        self.assertFalse(entry["found"])
        self.assertIn("factory(...)", entry["reason"])
        self.assertIn("by hand", entry["reason"])
        self.assertEqual(entry["snippet"], '    __metatable_description__ = "Made by hand."\n')
        self.assertEqual(result["patched"], DEMO_LIKE)
        self.assertEqual(result["diff"], "")

    def test_a_class_with_a_part_it_cannot_place_is_left_whole(self):
        result = patch(DEMO_LIKE, [
            {"qualname": "Metrics", "description": "Changed.",
             "columns": [{"name": "inherited", "label": "L", "description": None, "info": {}}]}])
        entry = result["classes"][0]
        self.assertFalse(entry["found"])
        self.assertIn("inherited", entry["reason"])
        self.assertEqual(result["patched"], DEMO_LIKE)

    def test_null_description_is_written_as_none(self):
        source = DEMO_LIKE.replace('    __metatable_namespace__ = "ns"\n',
                                   '    __metatable_namespace__ = "ns"\n'
                                   '    __metatable_description__: str = (\n        "Old."\n    )\n')
        result = patch(source, [{"qualname": "Metrics", "description": None}])
        self.assertIn('    __metatable_description__: str = None\n\n', result["patched"])


class Program(unittest.TestCase):
    def run_module(self, stdin: bytes):
        return subprocess.run([sys.executable, "-m", "metatable_export.stewardpatch"], input=stdin,
                              env=bt.python_env(), capture_output=True, timeout=60)

    def test_reads_stdin_and_writes_json(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "models.py")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(DEMO_LIKE)
            request = {"source_file": path, "classes": [{"qualname": "Metrics", "description": "\ud800\u00e9"}]}
            done = self.run_module(json.dumps(request).encode("ascii"))
            self.assertEqual(done.returncode, 0, done.stderr)
            response = json.loads(done.stdout)
            self.assertIn('"\\ud800\u00e9"', response["patched"])
            self.assertEqual(len(response["source_sha256"]), 64)
            with open(path, encoding="utf-8") as handle:
                self.assertEqual(handle.read(), DEMO_LIKE)  # the program never writes the file

    def test_errors_say_what_and_where(self):
        done = self.run_module(b"{not json")
        self.assertEqual(done.returncode, 1)
        self.assertIn(b"the request is not JSON", done.stderr)
        done = self.run_module(json.dumps({"source_file": "/nonexistent/models.py", "classes": []}).encode())
        self.assertEqual(done.returncode, 1)
        self.assertIn(b"cannot read /nonexistent/models.py", done.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "broken.py")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write("class X:\n    a = (\n")
            done = self.run_module(json.dumps({"source_file": path, "classes": []}).encode())
            self.assertEqual(done.returncode, 1)
            self.assertIn(b"cannot parse", done.stderr)
            self.assertIn(b"line 2", done.stderr)


if __name__ == "__main__":
    unittest.main()
