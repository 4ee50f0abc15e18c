#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Brings the demo's migration-assistant material up to date with its Python source:

1. exports resources/demo/python/example_project and copies its "x-metatable-assistant" block
   (the source checks) into both demo manifests, leaving every other key as it is;
2. writes the guide's validation tests for the v1 manifest into resources/demo/python/tests
   (metatable testgen), then exports again so that the block names them.

Usage: tools/refresh-demo-assistant.py [BUILD_DIR]   (default build/ci; the CLI must be built)
Python must see SQLAlchemy, pandas and pydantic 2 (tests/python/debian-site on PYTHONPATH
puts Debian's packages behind pyenv's pydantic).
"""

import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "resources", "demo")
PROJECT = os.path.join(DEMO, "python")
MANIFESTS = [os.path.join(DEMO, f"example_project.{v}.json") for v in ("v1", "v2")]
KEY = "x-metatable-assistant"


def export_block():
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [os.path.join(ROOT, "resources", "python"), os.path.join(ROOT, "tests", "python", "debian-site")]
        + ([environment["PYTHONPATH"]] if environment.get("PYTHONPATH") else [])
    )
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "export.json")
        subprocess.run(
            [sys.executable, "-m", "metatable_export", "--models", "example_project.storage",
             "--nodes", "example_project.nodes", "--migration-namespace", "example-data", "--output", out],
            cwd=PROJECT, env=environment, check=True,
        )
        with open(out, encoding="utf-8") as handle:
            return json.load(handle)[KEY]


def splice(block):
    for path in MANIFESTS:
        with open(path, encoding="utf-8") as handle:
            manifest = json.load(handle)
        manifest[KEY] = block
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        os.replace(tmp, path)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "ci")
    cli = os.path.join(build, "app", "cli", "metatable")
    splice(export_block())
    subprocess.run([cli, "testgen", MANIFESTS[0], "--output", os.path.join(PROJECT, "tests")], check=True)
    splice(export_block())
    subprocess.run([cli, "testgen", MANIFESTS[0], "--output", os.path.join(PROJECT, "tests")], check=True)


if __name__ == "__main__":
    main()
