# SPDX-License-Identifier: MIT
"""The migration assistant's findings: what the Python project shows about the migration
guide's checklist (items 2, 6, 7, 11 and 12) and its common mistakes, per node and per storage
class. They travel in the manifest under the key ``x-metatable-assistant`` (documented in
docs/manifest-extensions.md), where the console's lint and checklist read them.
"""

from __future__ import annotations

import inspect
import sys

from . import projecttests, sourcecheck
from .factorycheck import Factories

KEY = "x-metatable-assistant"
VERSION = 1
SOURCE_ITEMS = (2, 6, 7, 11, 12, 13, 14)


def _path(cls) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def _ref(cls) -> dict:
    return {"module": cls.__module__, "qualname": cls.__qualname__}


class _Sources:
    """Parsed module sources, read once each; None for a module without readable source."""

    def __init__(self):
        self.cache = {}

    def __call__(self, name: str):
        if name not in self.cache:
            self.cache[name] = sourcecheck.read_module(name)
        return self.cache[name]

    def file(self, name: str):
        source = self(name)
        return source.file if source else None


class _Node:
    def __init__(self, cls, config_cls, entry, models_by_table):
        self.cls = cls
        self.path = _path(cls)
        self.entry = entry
        default = models_by_table.get(entry["storage_class"]) if entry["storage_class"] else None
        self.outputs = [default] if default is not None else []
        self.factories = []
        self.modules = [cls.__module__, config_cls.__module__]
        self.init_function, self.init_class = None, None

    def add_module(self, name: str):
        if name not in self.modules:
            self.modules.append(name)


def build(nodes, models, is_storage_class) -> dict:
    """nodes: (node class, config class, manifest node entry); models: the storage classes."""
    sources = _Sources()
    findings = []
    by_table = {m.__table__.name: m for m in models}
    records = [_Node(cls, config_cls, entry, by_table) for cls, config_cls, entry in nodes]

    factories = Factories(is_storage_class)
    scanned = list(dict.fromkeys([m.__module__ for m in models] + [m for r in records for m in r.modules]))
    for name in scanned:
        if sources(name):
            factories.scan_module(sources(name))
    for record in records:
        record.init_function, record.init_class = sourcecheck.init_def(record.cls, sources)
        if record.init_class is not None:
            namespace = vars(sys.modules[record.init_class.__module__])
            factories.scan_node(
                record.path, record.init_function, namespace, record.entry["config"], record.entry["config_schema"]
            )
    factory_entries, factory_findings = factories.check()
    _link_factories(records, factories, factory_entries)

    def add(item, subject, module_name, concerned):
        findings.append(
            {
                "check": item["check"],
                "item": item["item"],
                "subject": subject,
                "nodes": concerned,
                "file": sources.file(module_name) if module_name else None,
                "line": item["line"],
                "message": item["message"],
                "fix": item["fix"],
            }
        )

    def nodes_reading(module_name):
        return [r.path for r in records if module_name in r.modules]

    def nodes_writing(cls):
        return [r.path for r in records if cls in r.outputs]

    tests = {}  # package -> parsed test modules (None: the project folder is unknown)
    node_entries = []
    for record in records:
        package = record.cls.__module__.split(".")[0]
        if package not in tests:
            tests[package] = projecttests.find_tests(package)
        node_subject = {"kind": "node", **_ref(record.cls)}
        for item in sourcecheck.inline_metadata(record.cls, sources):
            add(item, node_subject, record.cls.__module__, [record.path])
        summary, problems = sourcecheck.constructor(record.cls, sources)
        for item in problems:
            add(item, node_subject, record.init_class.__module__ if record.init_class else None, [record.path])
        node_entries.append(_node_entry(record, summary, sources, tests[package]))

    all_modules = list(dict.fromkeys(scanned + [m for r in records for m in r.modules]))
    for name in all_modules:
        source = sources(name)
        if source is None:
            continue
        for item in sourcecheck.tdag_imports(source):
            add(item, {"kind": "module", "module": name}, name, nodes_reading(name))
        for receiver, item in sourcecheck.uid_plumbing(source):
            target = vars(source.module).get(receiver.id) if hasattr(receiver, "id") else None
            if target is not None and is_storage_class(target):
                add(item, {"kind": "storage_class", **_ref(target)}, name, nodes_writing(target))
            else:
                add(item, {"kind": "module", "module": name}, name, nodes_reading(name))

    for factory, item in factory_findings:
        function = inspect.unwrap(factory.function)
        try:
            item["line"] = inspect.getsourcelines(function)[1]
        except (OSError, TypeError):
            pass
        subject = {"kind": "factory", "module": factory.module, "qualname": factory.name}
        add(item, subject, factory.module, list(factory.nodes))

    return {
        "version": VERSION,
        "modules": [{"module": name, "file": sources.file(name)} for name in all_modules],
        "nodes": node_entries,
        "storage_classes": [
            {
                "class": _ref(m),
                "checked_items": [2, 12] if sources(m.__module__) else [],
            }
            for m in models
        ],
        "factories": [entry for _, entry in factory_entries],
        "findings": findings,
    }


def _link_factories(records, factories, factory_entries):
    """A node uses a factory when its __init__ calls it, or when it writes a class it made."""
    made = {}
    for factory, entry in factory_entries:
        for call in entry["calls"]:
            if call["result"]:
                made.setdefault(call["result"], []).append((factory, entry))
    for record in records:
        for output in list(record.outputs):
            for factory, entry in made.get(_path(output), []):
                if record.path not in factory.nodes:
                    factory.nodes.append(record.path)
                    entry["nodes"].append(record.path)
        for factory, entry in factory_entries:
            if record.path not in factory.nodes:
                continue
            record.factories.append((factory, entry))
            record.add_module(factory.module)
            for call in entry["calls"]:
                module_name, _, qualname = (call["result"] or "").partition(":")
                cls = getattr(sys.modules.get(module_name), qualname, None) if qualname else None
                if cls is not None and cls not in record.outputs:
                    record.outputs.append(cls)
        for output in record.outputs:
            record.add_module(output.__module__)


def _node_entry(record, constructor_summary, sources, test_modules) -> dict:
    readable = all(sources(m) for m in record.modules)
    checked = []
    if readable:
        checked.append(2)
    checked.append(6)  # read from the class itself; the source only adds line numbers
    if constructor_summary is not None:
        checked.append(7)
    if all(entry["memoised"] is not None for _, entry in record.factories):
        checked.append(11)
    if readable:
        checked.append(12)
    entry_tests = None
    if test_modules is not None:
        checked += [13, 14]
        entry_tests = projecttests.node_tests(
            test_modules, record.cls.__module__.split(".")[0], record.cls, record.outputs, [f.name for f, _ in record.factories]
        )
    return {
        "class": _ref(record.cls),
        "modules": list(record.modules),
        "checked_items": checked,
        "storage_tables": [o.__table__.name for o in record.outputs],
        "factories": [f"{f.module}:{f.name}" for f, _ in record.factories],
        "constructor": constructor_summary,
        "tests": entry_tests,
    }
