# SPDX-License-Identifier: MIT
"""Shared set-up of the Python bridge tests: paths, the interpreter environment, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("METATABLE_SOURCE_DIR") or os.path.dirname(os.path.dirname(HERE))
BRIDGE_DIR = os.path.join(SOURCE_DIR, "resources", "python")
DEMO_DIR = os.path.join(SOURCE_DIR, "resources", "demo")
DEBIAN_SITE = os.path.join(HERE, "debian-site")
VECTORS_DIR = os.environ.get("METATABLE_VECTORS_DIR") or os.path.join(SOURCE_DIR, "..", "shared", "vectors")
CLI = os.environ.get("METATABLE_CLI", "")


def python_env(*paths: str, **extra: str) -> dict:
    """The environment a bridge program gets: the bridge, the project, Debian's libraries last."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([DEBIAN_SITE, BRIDGE_DIR, *paths])
    env.pop("METATABLE_CONFIG_FILE", None)
    env.update(extra)
    return env


def run_python(args, *paths, timeout=120, **extra):
    return subprocess.run(
        [sys.executable, *args], env=python_env(*paths, **extra), capture_output=True, timeout=timeout
    )


def run_cli(*args, timeout=60):
    if not CLI:
        raise RuntimeError("METATABLE_CLI is not set (CTest sets it to the built `metatable`)")
    return subprocess.run([CLI, *args], capture_output=True, timeout=timeout)


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
