# SPDX-License-Identifier: MIT
"""Runs one test module with unittest and reports each test as a JSON line on stdout:

    {"test": "test_5_parameterized_storage_factories_are_memoized", "outcome": "failed",
     "detail": "...", "seconds": 0.01}

then {"summary": {"passed": n, "failed": n, "error": n, "skipped": n}}. A failing subtest fails
its test; the detail lists each. The module's own output goes to stderr, never to stdout.

Usage: python -m metatable_export.testrun FILE [--path DIR]...
Exit status: 0 every test passed, 1 some did not, 2 the module could not be loaded.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import sys
import time
import traceback
import unittest


class _Result(unittest.TestResult):
    def __init__(self, emit):
        super().__init__()
        self.emit = emit
        self.problems = {}
        self.started = {}
        self.outcomes = []

    def _name(self, test):
        return getattr(test, "_testMethodName", str(test))

    def startTest(self, test):
        super().startTest(test)
        self.started[self._name(test)] = time.perf_counter()
        self.problems[self._name(test)] = []

    def _add(self, test, outcome, err):
        text = self._exc_info_to_string(err, test) if err else ""
        self.problems.setdefault(self._name(test), []).append((outcome, text))

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._add(test, "failed", err)

    def addError(self, test, err):
        super().addError(test, err)
        self._add(test, "error", err)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            failed = issubclass(err[0], test.failureException)
            text = subtest._subDescription() + "\n" + self._exc_info_to_string(err, test)
            self.problems.setdefault(self._name(test), []).append(("failed" if failed else "error", text))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.problems.setdefault(self._name(test), []).append(("skipped", reason))

    def stopTest(self, test):
        super().stopTest(test)
        name = self._name(test)
        problems = self.problems.get(name, [])
        outcomes = {outcome for outcome, _ in problems}
        outcome = next((o for o in ("error", "failed", "skipped") if o in outcomes), "passed")
        self.outcomes.append(outcome)
        self.emit(
            {
                "test": name,
                "description": (test.shortDescription() or ""),
                "outcome": outcome,
                "detail": "\n".join(text for _, text in problems).strip(),
                "seconds": round(time.perf_counter() - self.started.get(name, time.perf_counter()), 3),
            }
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m metatable_export.testrun")
    parser.add_argument("file")
    parser.add_argument("--path", action="append", default=[], metavar="DIR")
    args = parser.parse_args(argv)

    out = sys.stdout

    def emit(record):
        out.write(json.dumps(record) + "\n")
        out.flush()

    for entry in reversed(args.path):
        sys.path.insert(0, os.path.abspath(entry))
    with contextlib.redirect_stdout(sys.stderr):
        try:
            spec = importlib.util.spec_from_file_location(
                os.path.splitext(os.path.basename(args.file))[0], os.path.abspath(args.file)
            )
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
        except BaseException:  # noqa: BLE001 - any failure to load is the report
            emit({"load_error": traceback.format_exc()})
            return 2
        suite = unittest.defaultTestLoader.loadTestsFromModule(module)
        result = _Result(emit)
        suite.run(result)
    emit({"summary": {o: result.outcomes.count(o) for o in ("passed", "failed", "error", "skipped")}})
    return 0 if all(o in ("passed", "skipped") for o in result.outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
