# SPDX-License-Identifier: MIT
"""python -m metatable_runner --node MODULE:QUALNAME

Constructs the DataNode from the configuration in METATABLE_CONFIG_FILE (its pydantic
configuration class validates it), calls update() and writes the rows it returns to standard
output as NDJSON (the console's row-stream format).

Exit status: 0 update() finished and every row was written; 1 update() raised (the traceback is
on standard error, nothing on standard output); 2 the node could not be set up (bad --node,
import error, invalid configuration); 3 the rows could not be written (unsupported value,
duplicate column names).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import sys
import traceback
import typing

from .rowstream import RowStreamError, write_rows

STORAGE_CLASS_TYPE = "platform_time_index_meta_table"


class SetupError(Exception):
    pass


def _import(spec: str):
    module_name, sep, qualname = spec.partition(":")
    if not sep or not module_name or not qualname:
        raise SetupError(f"--node '{spec}' must be MODULE:QUALNAME, e.g. my_project.nodes:DailyNode")
    try:
        obj = importlib.import_module(module_name)
    except Exception as exc:
        raise SetupError(f"cannot import module '{module_name}': {type(exc).__name__}: {exc}") from exc
    for part in qualname.split("."):
        if not hasattr(obj, part):
            raise SetupError(f"module '{module_name}' has no attribute '{qualname}'")
        obj = getattr(obj, part)
    return obj


def _resolve_storage_values(value):
    """{"__type__": "platform_time_index_meta_table", module, qualname} -> the class object."""
    if isinstance(value, dict):
        if value.get("__type__") == STORAGE_CLASS_TYPE and "module" in value and "qualname" in value:
            return _import(f"{value['module']}:{value['qualname']}")
        return {k: _resolve_storage_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve_storage_values(v) for v in value]
    return value


def _config_class(node_cls):
    signature = inspect.signature(node_cls.__init__)
    parameter = signature.parameters.get("config")
    if parameter is None:
        raise SetupError(f"{node_cls.__module__}:{node_cls.__qualname__}.__init__ has no 'config' parameter")
    annotation = parameter.annotation
    if isinstance(annotation, str):
        annotation = typing.get_type_hints(node_cls.__init__).get("config", annotation)
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or type(annotation).__name__ == "UnionType":
            rest = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(rest) != 1:
                break
            annotation = rest[0]
        else:
            break
    if not inspect.isclass(annotation) or not hasattr(annotation, "model_validate"):
        raise SetupError(
            f"{node_cls.__module__}:{node_cls.__qualname__}.__init__: 'config' is annotated "
            f"{annotation!r}, not a pydantic model class"
        )
    return annotation


def _build_node(spec: str):
    node_cls = _import(spec)
    if not inspect.isclass(node_cls):
        raise SetupError(f"--node '{spec}' is not a class")
    config_cls = _config_class(node_cls)
    path = os.environ.get("METATABLE_CONFIG_FILE")
    values = {}
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                values = json.load(handle)
        except (OSError, ValueError) as exc:
            raise SetupError(f"cannot read METATABLE_CONFIG_FILE '{path}': {exc}") from exc
        if not isinstance(values, dict):
            raise SetupError(f"METATABLE_CONFIG_FILE '{path}' must hold a JSON object, not {type(values).__name__}")
    try:
        config = config_cls.model_validate(_resolve_storage_values(values))
    except Exception as exc:
        raise SetupError(f"invalid configuration for {config_cls.__qualname__}: {exc}") from exc
    return node_cls(config=config)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m metatable_runner", description=__doc__.split("\n\n")[1])
    parser.add_argument("--node", required=True, metavar="MODULE:QUALNAME")
    parser.add_argument("--chunk-rows", type=int, default=10000, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        node = _build_node(args.node)
    except SetupError as exc:
        print(f"metatable_runner: {exc}", file=sys.stderr)
        return 2
    except Exception:  # the node's own constructor raised
        traceback.print_exc()
        return 2
    try:
        result = node.update()
    except BaseException:  # noqa: BLE001 - report any failure of the user's update()
        traceback.print_exc()
        return 1
    if result is None:
        print(f"metatable_runner: {type(node).__name__} update(...) method needs to return a data frame", file=sys.stderr)
        return 1
    try:
        rows = write_rows(result, sys.stdout.buffer, chunk_rows=max(1, args.chunk_rows))
    except RowStreamError as exc:
        print(f"metatable_runner: {exc}", file=sys.stderr)
        return 3
    sys.stdout.flush()
    print(f"metatable_runner: {type(node).__name__} wrote {rows} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
