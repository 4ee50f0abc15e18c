# SPDX-License-Identifier: MIT
"""Item 11 of the migration guide: a parameterised storage factory must be memoised, so that
repeated calls return the same SQLAlchemy class object.

A factory is a module-level callable that returns storage classes. It is found where the
project calls it: at module level with literal arguments (``X = factory("equities")``) and in a
node's ``__init__`` (``storage_table = factory(config.variant)``, the arguments resolved from
the node's exported configuration values, else from the schema's ``examples``). Each call is
made twice and must return the same class.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import warnings

from .sourcecheck import finding

_MAX_CALLS = 8  # argument sets tried per factory; enough to show memoisation, bounded in time


def _is_module_function(obj, module_name: str) -> bool:
    if inspect.isclass(obj) or not callable(obj):
        return False
    target = inspect.unwrap(obj) if hasattr(obj, "__wrapped__") else obj
    qualname = getattr(target, "__qualname__", "")
    return getattr(target, "__module__", None) == module_name and "." not in qualname and "<" not in qualname


def _literal(expr):
    try:
        return True, ast.literal_eval(expr)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


class Factory:
    def __init__(self, function, module_name: str, name: str):
        self.function = function
        self.module = module_name
        self.name = name
        self.calls = []  # argument tuples, in the order found
        self.assigned = {}  # argument tuple -> the storage class a module-level call assigned
        self.nodes = []  # "module:qualname" of nodes that call it or write what it returns

    @property
    def path(self) -> str:
        return f"{self.module}:{self.name}"

    def add_call(self, args: tuple):
        if args not in self.calls and len(self.calls) < _MAX_CALLS:
            self.calls.append(args)


class Factories:
    def __init__(self, is_storage_class):
        self.is_storage_class = is_storage_class
        self.by_path = {}

    def _factory(self, obj, module_name: str, name: str) -> Factory:
        path = f"{module_name}:{name}"
        if path not in self.by_path:
            self.by_path[path] = Factory(obj, module_name, name)
        return self.by_path[path]

    def scan_module(self, source) -> None:
        """Module-level ``NAME = factory(literals...)`` whose NAME is a storage class."""
        namespace = vars(source.module)
        for statement in source.tree.body:
            if not (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call)):
                continue
            call = statement.value
            if not isinstance(call.func, ast.Name) or call.keywords:
                continue
            function = namespace.get(call.func.id)
            if function is None or not _is_module_function(function, getattr(function, "__module__", "")):
                continue
            assigned = [namespace.get(t.id) for t in statement.targets if isinstance(t, ast.Name)]
            if not any(self.is_storage_class(a) for a in assigned):
                continue
            values = [_literal(a) for a in call.args]
            if all(ok for ok, _ in values):
                factory = self._factory(function, function.__module__, call.func.id)
                args = tuple(v for _, v in values)
                factory.add_call(args)
                factory.assigned.setdefault(args, next(a for a in assigned if self.is_storage_class(a)))

    def scan_node(self, node_path: str, init_function, namespace: dict, config_values: dict, schema: dict):
        """Calls in the node's __init__ whose result becomes its storage_table."""
        if init_function is None:
            return
        for call in _storage_table_calls(init_function):
            if not isinstance(call.func, ast.Name) or call.keywords:
                continue
            function = namespace.get(call.func.id)
            if function is None or not _is_module_function(function, getattr(function, "__module__", "")):
                continue
            factory = self._factory(function, function.__module__, call.func.id)
            if node_path not in factory.nodes:
                factory.nodes.append(node_path)
            choices = [_argument_choices(a, config_values, schema) for a in call.args]
            if all(choices):
                for args in itertools.islice(itertools.product(*choices), _MAX_CALLS):
                    factory.add_call(tuple(args))

    def check(self) -> tuple:
        """(manifest entries, findings without subject) after calling each factory twice."""
        entries, findings = [], []
        for factory in self.by_path.values():
            entry = {
                "function": {"module": factory.module, "qualname": factory.name},
                "memoised": None,
                "calls": [],
                "nodes": list(factory.nodes),
            }
            for args in factory.calls:
                call, problem = _call_twice(factory, args, self.is_storage_class)
                entry["calls"].append(call)
                if problem:
                    findings.append((factory, problem))
            outcomes = [c["same_class"] for c in entry["calls"]]
            if False in outcomes:
                entry["memoised"] = False
            elif outcomes and None not in outcomes:
                entry["memoised"] = True
            entries.append((factory, entry))
        return entries, findings


def _storage_table_calls(function):
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            if any(isinstance(t, ast.Name) and t.id == "storage_table" for t in node.targets):
                yield node.value
        if isinstance(node, ast.Call):
            for k in node.keywords:
                if k.arg == "storage_table" and isinstance(k.value, ast.Call):
                    yield k.value


def _argument_choices(expr, config_values: dict, schema: dict) -> list:
    """The values an argument takes: a literal, or config.FIELD / self.config.FIELD resolved
    from the exported configuration (its value, else the schema's examples)."""
    ok, value = _literal(expr)
    if ok:
        return [value]
    field = None
    if isinstance(expr, ast.Attribute):
        base = expr.value
        if isinstance(base, ast.Name) and base.id == "config":
            field = expr.attr
        elif (
            isinstance(base, ast.Attribute)
            and base.attr == "config"
            and isinstance(base.value, ast.Name)
            and base.value.id == "self"
        ):
            field = expr.attr
    if field is None:
        return []
    if field in config_values and config_values[field] is not None:
        return [config_values[field]]
    examples = schema.get("properties", {}).get(field, {}).get("examples", [])
    return [e for e in examples if isinstance(e, (str, int, float, bool))]


def _describe(args: tuple) -> str:
    return ", ".join(repr(a) for a in args)


def _call_twice(factory: Factory, args: tuple, is_storage_class) -> tuple:
    results = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy warns when a class name is redefined
        for _ in range(2):
            try:
                results.append((factory.function(*args), None))
            except Exception as exc:  # the project's own code: report, never crash the export
                results.append((None, f"{type(exc).__name__}: {exc}"))
    text = f"{factory.name}({_describe(args)})"
    call = {"args": list(args), "same_class": None, "result": None}
    if args in factory.assigned:  # what the project's own module-level call returned
        made = factory.assigned[args]
        call["result"] = f"{made.__module__}:{made.__qualname__}"
    (first, first_error), (second, second_error) = results
    if first_error is None and second_error is None:
        if not is_storage_class(first):
            call["error"] = f"returned {first!r}, not a storage class"
            return call, None
        call["result"] = f"{first.__module__}:{first.__qualname__}"
        call["same_class"] = first is second
        if first is second:
            return call, None
        return call, _not_memoised(factory, f"{text} returned two different classes on two calls")
    error = (first_error or second_error).rstrip(". ")
    call["error"] = error
    if "already defined for this MetaData" in error:
        # The class the project built earlier owns the table; a second build cannot register it.
        call["same_class"] = False
        return call, _not_memoised(factory, f"calling {text} again built a new class: {error}")
    return call, finding(
        "storage-factory-call-failed",
        11,
        None,
        f"Storage factory {factory.path} could not be checked: {text} raised {error}",
        "Make the factory callable without a backend, with the arguments the nodes use.",
    )


def _not_memoised(factory: Factory, what: str) -> dict:
    return finding(
        "storage-factory-not-memoised",
        11,
        None,
        f"Storage factory {factory.path} is not memoised: {what}.",
        f"Decorate {factory.name} with @functools.lru_cache(maxsize=None) so each identity maps "
        "to one class object.",
    )
