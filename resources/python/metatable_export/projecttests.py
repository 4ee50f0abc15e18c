# SPDX-License-Identifier: MIT
"""Items 13 and 14 of the migration guide: the project's own tests. The test modules beside the
package (``test_*.py`` / ``*_test.py`` under the folder that holds it) are parsed, never run:

* an import smoke test imports the package or one of its modules;
* a contract test of a node names the node class, calls ``update()`` and names its storage
  class (or the factory that makes it, or ``__table__``) to compare them.
"""

from __future__ import annotations

import ast
import os
import sys

from .sourcecheck import display_path

_SKIP_DIRS = {"__pycache__", "node_modules", "site-packages", "build", "dist", "venv", "env"}
_MAX_FILES = 500
_MAX_DEPTH = 6


def project_root(package: str):
    module = sys.modules.get(package)
    path = getattr(module, "__file__", None)
    if not path:
        return None
    return os.path.dirname(os.path.dirname(os.path.abspath(path)))


def _test_files(root: str):
    found = []
    base_depth = root.rstrip(os.sep).count(os.sep)
    for directory, dirs, files in os.walk(root):
        if directory.count(os.sep) - base_depth >= _MAX_DEPTH:
            dirs[:] = []
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(files):
            if name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py")):
                found.append(os.path.join(directory, name))
                if len(found) >= _MAX_FILES:
                    return found
    return found


class TestModule:
    def __init__(self, path: str, root: str):
        self.file = display_path(path)
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), filename=path)
        package = os.path.relpath(os.path.dirname(path), root).replace(os.sep, ".").split(".")
        package = [p for p in package if p and p != "."]
        self.imports, self.names, self.calls_update = set(), set(), False
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                self.imports.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1] if node.level <= len(package) else []
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                self.imports.add(module)
                self.imports.update(f"{module}.{a.name}" for a in node.names)
                self.names.update(a.asname or a.name for a in node.names)
                self.names.update(a.name for a in node.names)
            elif isinstance(node, ast.Name):
                self.names.add(node.id)
            elif isinstance(node, ast.Attribute):
                self.names.add(node.attr)
                if node.attr == "update":
                    self.calls_update = True
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                # importlib.import_module("pkg.storage") in a smoke test
                self.imports.add(node.value)

    def imports_package(self, package: str) -> bool:
        return any(m == package or m.startswith(package + ".") for m in self.imports)


def find_tests(package: str):
    """The parsed test modules of the project holding `package`, or None when its folder is
    unknown (then items 13 and 14 cannot be told)."""
    root = project_root(package)
    if root is None:
        return None
    modules = []
    for path in _test_files(root):
        try:
            modules.append(TestModule(path, root))
        except (OSError, SyntaxError, UnicodeDecodeError):
            continue
    return modules


def node_tests(modules, package: str, node_cls, outputs, factory_names) -> dict:
    smoke = [m.file for m in modules if m.imports_package(package)]
    storage_names = {o.__qualname__ for o in outputs} | set(factory_names) | {"__table__"}
    contract = [
        m.file
        for m in modules
        if node_cls.__qualname__ in m.names and m.calls_update and storage_names & m.names
    ]
    return {"contract": contract, "import_smoke": smoke}
