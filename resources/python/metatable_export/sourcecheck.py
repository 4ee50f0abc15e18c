# SPDX-License-Identifier: MIT
"""Source checks of the migration guide that only the Python project shows (``ast``, no import
side effects beyond the ones the export already had).

Each check returns findings as dictionaries ``{"check", "item", "line", "message", "fix"}``;
``item`` is the number of the guide's Migration Checklist item the finding keeps open. The
caller adds the subject, the file and the nodes concerned.
"""

from __future__ import annotations

import ast
import inspect
import os
import sys

TDAG = "mainsequence.tdag"
INLINE_METADATA = ("get_table_metadata", "get_column_metadata")
REGISTER_KWARGS = ("data_source_uid", "description", "labels", "introspect")


def finding(check: str, item: int, line, message: str, fix: str) -> dict:
    return {"check": check, "item": item, "line": line, "message": message, "fix": fix}


# --- reading a module's source ---------------------------------------------------------------


class ModuleSource:
    """A module's parsed source, with the file named relative to its sys.path entry."""

    def __init__(self, module, path: str, text: str):
        self.module = module
        self.name = module.__name__
        self.file = display_path(path)
        self.tree = ast.parse(text, filename=path)


def display_path(path: str) -> str:
    """The path relative to the sys.path entry that holds it, so manifests do not depend on
    where the project was checked out."""
    path = os.path.abspath(path)
    best = None
    for entry in sys.path:
        root = os.path.abspath(entry or os.curdir)
        if path.startswith(root + os.sep):
            rel = os.path.relpath(path, root)
            if best is None or len(rel) < len(best):
                best = rel
    return (best or os.path.basename(path)).replace(os.sep, "/")


def read_module(name: str):
    """The ModuleSource of an imported module, or None when it has no readable .py source."""
    module = sys.modules.get(name)
    path = getattr(module, "__file__", None) if module is not None else None
    if not path or not path.endswith(".py"):
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            return ModuleSource(module, path, handle.read())
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None


def class_def(source: ModuleSource, qualname: str):
    """The ClassDef of qualname in the module's source (nested classes by dotted qualname)."""
    body = source.tree.body
    found = None
    for part in qualname.split("."):
        found = next((n for n in body if isinstance(n, ast.ClassDef) and n.name == part), None)
        if found is None:
            return None
        body = found.body
    return found


def method_def(klass: ast.ClassDef, name: str):
    return next(
        (n for n in klass.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name), None
    )


# --- item 2: mainsequence.tdag imports ------------------------------------------------------


def _is_tdag(module_name) -> bool:
    return bool(module_name) and (module_name == TDAG or module_name.startswith(TDAG + "."))


def tdag_imports(source: ModuleSource) -> list:
    found = []
    for node in ast.walk(source.tree):
        text = None
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names if _is_tdag(a.name)]
            if names:
                text = "import " + ", ".join(names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            if _is_tdag(node.module):
                text = f"from {node.module} import " + ", ".join(a.name for a in node.names)
            elif node.module == "mainsequence" and any(a.name == "tdag" for a in node.names):
                text = "from mainsequence import tdag"
        if text:
            found.append(
                finding(
                    "tdag-import",
                    2,
                    node.lineno,
                    f"{source.name} still imports the old DataNode surface: '{text}'.",
                    "Import DataNode, DataNodeConfiguration and PlatformTimeIndexMetaTable from "
                    "mainsequence.meta_tables (or the library's own wrappers).",
                )
            )
    return found


# --- item 6: inline metadata methods ---------------------------------------------------------


def _is_project_class(klass) -> bool:
    module = getattr(klass, "__module__", "") or ""
    return klass is not object and module != "builtins" and not module.startswith("mainsequence")


def inline_metadata(node_cls, sources) -> list:
    """get_table_metadata()/get_column_metadata() defined on the node or a project base."""
    found = []
    for klass in node_cls.__mro__:
        if not _is_project_class(klass):
            continue
        for name in INLINE_METADATA:
            if name not in vars(klass):
                continue
            source = sources(klass.__module__)
            defined = class_def(source, klass.__qualname__) if source else None
            method = method_def(defined, name) if defined else None
            where = "" if klass is node_cls else f" (inherited from {klass.__module__}:{klass.__qualname__})"
            found.append(
                finding(
                    "node-inline-metadata",
                    6,
                    method.lineno if method else None,
                    f"Node {node_cls.__module__}:{node_cls.__qualname__} still defines {name}(){where}; "
                    "the storage class is the only schema declaration.",
                    f"Delete {name}() and move its columns, labels and descriptions to the SQLAlchemy "
                    "storage class and its column info.",
                )
            )
    return found


# --- item 7: the constructor -----------------------------------------------------------------


def _passes_storage_table(function) -> bool:
    for call in ast.walk(function):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "__init__"
            and any(k.arg == "storage_table" for k in call.keywords)
        ):
            return True
    return False


def init_def(node_cls, sources):
    """The FunctionDef of the __init__ the node runs, and the class that defines it."""
    for klass in node_cls.__mro__:
        if "__init__" in vars(klass):
            source = sources(klass.__module__) if _is_project_class(klass) else None
            defined = class_def(source, klass.__qualname__) if source else None
            return (method_def(defined, "__init__") if defined else None), klass
    return None, None


def constructor(node_cls, sources):
    """(summary for the manifest, findings) of item 7: the constructor takes config and either
    takes storage_table or hands one to DataNode.__init__ (the guide's parameterised pattern)."""
    try:
        parameters = inspect.signature(node_cls.__init__).parameters
    except (TypeError, ValueError):
        return None, []
    function, _ = init_def(node_cls, sources)
    summary = {"config": "config" in parameters}
    if "storage_table" in parameters:
        summary["storage_table"] = "parameter"
    elif function is not None and _passes_storage_table(function):
        summary["storage_table"] = "passed"
    elif function is None:
        return None, []  # without the source, whether it passes one cannot be told
    else:
        summary["storage_table"] = "missing"
    findings = []
    if not summary["config"] or summary["storage_table"] == "missing":
        missing = [n for n in ("config", "storage_table") if n not in parameters]
        findings.append(
            finding(
                "node-constructor-signature",
                7,
                function.lineno if function else None,
                f"Node {node_cls.__module__}:{node_cls.__qualname__}.__init__ takes no "
                + " and no ".join(repr(n) for n in missing)
                + " and hands no storage_table to DataNode.__init__.",
                "Declare __init__(self, config, storage_table=TheStorage, *, hash_namespace=None) and pass "
                "both to super().__init__(config=config, storage_table=storage_table, ...).",
            )
        )
    return summary, findings


# --- item 12: UID plumbing and register() kwargs ---------------------------------------------


def _callee_name(func) -> str:
    if isinstance(func, ast.Attribute):
        return _callee_name(func.value) + "." + func.attr
    if isinstance(func, ast.Name):
        return func.id
    return "..."


def uid_plumbing(source: ModuleSource) -> list:
    """(receiver expression, finding) pairs: register() kwargs, bind_meta_table(),
    __metatable_uid__ assignments and data_source_uid threading."""
    found = []
    for node in ast.walk(source.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = node.func.value
            if node.func.attr == "register":
                bad = [k.arg for k in node.keywords if k.arg in REGISTER_KWARGS]
                if bad:
                    found.append(
                        (
                            receiver,
                            finding(
                                "register-kwargs",
                                12,
                                node.lineno,
                                f"{_callee_name(node.func)}() passes "
                                + ", ".join(f"{k}=" for k in bad)
                                + "; platform-managed storage infers them from the class and the session.",
                                "Remove the register() call: run 'mainsequence migrations upgrade' (or "
                                "'metatable upgrade'); description and labels belong on the class.",
                            ),
                        )
                    )
                continue
            if node.func.attr == "bind_meta_table":
                found.append((receiver, _manual_binding(node.lineno, f"{_callee_name(node.func)}(...)")))
        if isinstance(node, ast.Call):
            for k in node.keywords:
                if k.arg == "data_source_uid" and not (
                    isinstance(node.func, ast.Attribute) and node.func.attr == "register"
                ):
                    found.append((None, _data_source_threading(node.lineno, f"{_callee_name(node.func)}(data_source_uid=...)")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            if any(a.arg == "data_source_uid" for a in arguments):
                found.append((None, _data_source_threading(node.lineno, f"{node.name}(..., data_source_uid, ...)")))
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr == "__metatable_uid__":
                    found.append((target.value, _manual_binding(node.lineno, f"{_callee_name(target)} = ...")))
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                targets = statement.targets if isinstance(statement, ast.Assign) else (
                    [statement.target] if isinstance(statement, ast.AnnAssign) else []
                )
                if any(isinstance(t, ast.Name) and t.id == "__metatable_uid__" for t in targets):
                    found.append(
                        (ast.Name(id=node.name), _manual_binding(statement.lineno, f"{node.name}.__metatable_uid__ = ..."))
                    )
    return found


def _manual_binding(line, text) -> dict:
    return finding(
        "manual-uid-binding",
        12,
        line,
        f"Manual MetaTable binding: {text}; the migration workflow binds storage classes.",
        "Delete it; 'mainsequence migrations upgrade' (or 'metatable upgrade') registers and binds "
        "the storage class.",
    )


def _data_source_threading(line, text) -> dict:
    return finding(
        "data-source-uid-threading",
        12,
        line,
        f"data_source_uid is threaded by hand: {text}; the active project/session supplies it.",
        "Remove the data_source_uid parameter and argument; the SDK infers the data source.",
    )
