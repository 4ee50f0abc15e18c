# SPDX-License-Identifier: MIT
"""Build a ``metatable-provider/1`` manifest from a project's SQLAlchemy storage classes and
pydantic DataNode configurations.

Only what SQLAlchemy and pydantic expose is read (table metadata, column ``info``, the class
attributes the SDK resolves, ``model_json_schema()``), so no backend, credentials or network
are needed, and the SDK itself is never imported: classes are recognised by their attributes.
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import sys
import typing
from collections.abc import Mapping

from . import assistant, dtype, naming

FORMAT = "metatable-provider/1"
STORAGE_CLASS_TYPE = "platform_time_index_meta_table"
_CADENCE = re.compile(r"^[1-9][0-9]*(mo|s|m|h|d|w|q|y)$", re.IGNORECASE)
_DEFAULT_PROVISIONING = {"create_table": True, "if_not_exists": True}


class ExportError(Exception):
    """A problem in the exported project; the message names the class and attribute."""


def class_path(cls) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def class_ref(cls) -> dict:
    return {"module": cls.__module__, "qualname": cls.__qualname__}


# --- importing -------------------------------------------------------------------------------


def import_module(name: str, what: str):
    try:
        return importlib.import_module(name)
    except Exception as exc:  # any import-time failure of the user's project
        raise ExportError(f"cannot import {what} module '{name}': {type(exc).__name__}: {exc}") from exc


def import_object(spec: str, what: str):
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise ExportError(f"{what} '{spec}' must be MODULE:ATTRIBUTE, e.g. my_project.migrations:migration")
    obj = import_module(module_name, what)
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise ExportError(f"{what} '{spec}': module '{module_name}' has no attribute '{attr}'")
        obj = getattr(obj, part)
    return obj


# --- recognising classes ---------------------------------------------------------------------

_TIME_INDEX_ATTRS = (
    "__time_index_name__",
    "__dynamic_table_time_index_name__",
    "__index_names__",
    "__dynamic_table_index_names__",
    "__cadence__",
    "__dynamic_table_cadence__",
    "__identity_dimensions__",
)


def _metatable_attrs(cls) -> bool:
    return any(name.startswith("__metatable_") for klass in cls.__mro__ for name in vars(klass))


def is_storage_like(cls) -> bool:
    """A storage class or one of its bases (what a ``type[...]`` config field may name)."""
    return inspect.isclass(cls) and (
        _metatable_attrs(cls)
        or any(hasattr(cls, a) for a in _TIME_INDEX_ATTRS)
        or any(k.__name__ in ("PlatformTimeIndexMetaTable", "PlatformManagedMetaTable") for k in cls.__mro__)
    )


def is_storage_class(obj) -> bool:
    if not inspect.isclass(obj) or not _metatable_attrs(obj):
        return False
    table = vars(obj).get("__table__", None) if "__table__" in vars(obj) else getattr(obj, "__table__", None)
    if table is None or vars(obj).get("__abstract__", False):
        return False
    from sqlalchemy import Table

    return isinstance(table, Table)


def is_time_indexed(cls) -> bool:
    if any(k.__name__ == "PlatformTimeIndexMetaTable" for k in cls.__mro__):
        return True
    if any(k.__name__ == "PlatformManagedMetaTable" for k in cls.__mro__):
        return False
    info = cls.__table__.info
    return any(getattr(cls, a, None) for a in _TIME_INDEX_ATTRS) or bool(
        info.get("time_index_name") or info.get("index_names") or info.get("dynamic_table")
    )


# --- resolving the SDK's class attributes ----------------------------------------------------


def _first(*values):
    for value in values:
        if value:
            return value
    return None


def _info(table, key):
    return table.info.get(key)


def _dynamic(table, key):
    dynamic = table.info.get("dynamic_table")
    return dynamic.get(key) if isinstance(dynamic, Mapping) else None


def _fail(cls, attribute: str, message: str):
    raise ExportError(f"{class_path(cls)}.{attribute}: {message}")


def resolve_time_index(cls, columns: dict) -> dict:
    table = cls.__table__
    tin = _first(
        getattr(cls, "__time_index_name__", None),
        getattr(cls, "__dynamic_table_time_index_name__", None),
        _info(table, "time_index_name"),
        _dynamic(table, "time_index_name"),
    ) or "time_index"
    index_names = _first(
        getattr(cls, "__index_names__", None),
        getattr(cls, "__dynamic_table_index_names__", None),
        _info(table, "index_names"),
        _dynamic(table, "index_names"),
    )
    if not index_names:
        dims = _first(
            getattr(cls, "__identity_dimensions__", None),
            getattr(cls, "__dynamic_table_identity_dimensions__", None),
            _info(table, "identity_dimensions"),
            _dynamic(table, "identity_dimensions"),
        )
        index_names = [tin, *dims] if dims else [tin]
    index_names = [str(n) for n in index_names]

    cadence = getattr(cls, "__cadence__", None) or getattr(cls, "__dynamic_table_cadence__", None)
    if cadence is not None and str(cadence).strip():
        cadence = str(cadence).strip().lower()
        if not _CADENCE.fullmatch(cadence):
            _fail(
                cls,
                "__cadence__",
                "PlatformTimeIndexMetaTable cadence must be an interval token such as "
                "1m, 5m, 1h, 1d, 1w, 1mo, 1q, or 1y.",
            )
    else:
        cadence = None

    layout = _first(
        getattr(cls, "__storage_layout__", None),
        getattr(cls, "__dynamic_table_storage_layout__", None),
        _info(table, "storage_layout"),
        _dynamic(table, "storage_layout"),
    )
    if layout is not None and not isinstance(layout, Mapping):
        _fail(cls, "__storage_layout__", "PlatformTimeIndexMetaTable storage_layout must be a mapping when provided.")

    attr = "__index_names__"
    if index_names[0] != tin:
        _fail(
            cls,
            attr,
            "PlatformTimeIndexMetaTable index_names must start with the time_index_name. "
            f"Expected {tin!r}, got {index_names[0]!r}.",
        )
    if len(set(index_names)) != len(index_names):
        _fail(cls, attr, "PlatformTimeIndexMetaTable index_names cannot contain duplicates.")
    missing = [n for n in index_names if n not in columns]
    if missing:
        _fail(
            cls,
            attr,
            "PlatformTimeIndexMetaTable index_names must all exist as table columns. "
            f"Missing columns: {missing!r}.",
        )
    token = columns[tin]["data_type"]
    if token not in dtype.TEMPORAL_TOKENS:
        _fail(
            cls,
            "__time_index_name__",
            "PlatformTimeIndexMetaTable time_index_name must reference a temporal column. "
            f"Column {tin!r} has type {token!r}.",
        )
    nullable = [n for n in index_names if columns[n]["nullable"]]
    if nullable:
        _fail(
            cls,
            attr,
            "PlatformTimeIndexMetaTable index columns must be non-nullable. "
            f"Nullable index columns: {nullable!r}.",
        )
    return {"time_index_name": tin, "index_names": index_names, "cadence": cadence, "storage_layout": dict(layout or {})}


# --- columns and DDL -------------------------------------------------------------------------


def column_contract(cls, column) -> dict:
    try:
        data_type, backend_type = dtype.column_types(column.type)
    except ValueError as exc:
        _fail(cls, column.key, str(exc))
    data_type = dtype.normalize_dtype_token(data_type)
    contract = {
        "name": column.name,
        "data_type": data_type,
        "backend_type": backend_type,
        "nullable": bool(column.nullable),
        "primary_key": bool(column.primary_key),
        "unique": bool(column.unique),
    }
    if column.primary_key and data_type == "uuid":
        contract["server_default"] = "gen_random_uuid()"
    for key in ("description", "label", "logical_name"):
        if column.info.get(key) is not None:
            contract[key] = column.info[key]
    return contract


def _ddl_name(constraint, table):
    """The name SQLAlchemy gives the constraint in DDL (after the metadata's naming convention)."""
    name = constraint.name
    try:
        from sqlalchemy.sql import naming as sqlnaming

        resolved = sqlnaming._constraint_name_for_table(constraint, table)
        if resolved is not None and str(resolved) not in ("", "_NONE_NAME"):
            name = resolved
    except Exception:  # a convention that cannot be evaluated here keeps the authored name
        pass
    if name is None or type(name).__name__ == "_NONE_NAME" or str(name) == "_NONE_NAME":
        return None
    return str(name)


def _authored_check_name(constraint, table):
    """The name the author gave a CHECK constraint, also when the naming convention renamed it."""
    name = constraint.name
    if name is None or str(name) == "_NONE_NAME":
        return None
    if type(name).__name__ != "conv":
        return str(name)
    convention = table.metadata.naming_convention.get("ck")
    marker = "%(constraint_name)s"
    if isinstance(convention, str) and convention.count(marker) == 1:
        head, tail = (part.replace("%(table_name)s", table.name) for part in convention.split(marker))
        text = str(name)
        if text.startswith(head) and text.endswith(tail) and len(text) > len(head) + len(tail):
            return text[len(head) : len(text) - len(tail)]
    return None


def _postgres_default_name(table, columns, suffix):
    # PostgreSQL's own name for an unnamed constraint: what the database will report.
    return (f"{table.name}_{'_'.join(columns)}_{suffix}" if columns else f"{table.name}_{suffix}")[:63]


def _json_value(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Mapping):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_json_value(v) for v in value]
    return str(value)


def _sql_text(clause, dialect):
    if hasattr(clause, "text") and isinstance(getattr(clause, "text"), str):
        return clause.text
    return str(clause.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def ddl_of(cls, index_names) -> dict:
    from sqlalchemy import CheckConstraint, UniqueConstraint
    from sqlalchemy.dialects import postgresql

    table = cls.__table__
    dialect = postgresql.dialect()
    pk = None
    if len(table.primary_key.columns) > 0:
        cols = [c.name for c in table.primary_key.columns]
        pk = {"name": _ddl_name(table.primary_key, table) or _postgres_default_name(table, [], "pkey"), "columns": cols}

    indexes = []
    for index in sorted(table.indexes, key=lambda i: str(i.name)):
        entry = {
            "name": _ddl_name(index, table),
            "columns": [getattr(e, "name", None) or _sql_text(e, dialect) for e in index.expressions],
            "unique": bool(index.unique),
        }
        if entry["name"] is None:
            _fail(cls, "__table_args__", f"index on {entry['columns']!r} has no name and no naming convention names it.")
        kwargs = {k: v for k, v in index.dialect_kwargs.items() if v not in (None, "", {}, [])}
        where = kwargs.pop("postgresql_where", None)
        if where is not None:
            entry["where"] = _sql_text(where, dialect)
        if kwargs:
            entry["dialect_kwargs"] = {k: _json_value(v) for k, v in sorted(kwargs.items())}
        indexes.append(entry)

    uniques, checks = [], []
    for constraint in sorted(table.constraints, key=lambda c: str(c.name)):
        if isinstance(constraint, UniqueConstraint):
            cols = [c.name for c in constraint.columns]
            uniques.append({"name": _ddl_name(constraint, table) or _postgres_default_name(table, cols, "key"), "columns": cols})
        elif isinstance(constraint, CheckConstraint):
            checks.append(
                {
                    "name": _ddl_name(constraint, table) or _postgres_default_name(table, [], "check"),
                    "authored_name": _authored_check_name(constraint, table),
                    "sqltext": _sql_text(constraint.sqltext, dialect),
                }
            )

    if index_names is not None:
        grain = set(index_names)
        has_grain = any(i["unique"] and set(i["columns"]) == grain and len(i["columns"]) == len(grain) for i in indexes) or any(
            set(u["columns"]) == grain and len(u["columns"]) == len(grain) for u in uniques
        )
        if not has_grain:
            indexes.append(
                {"name": naming.schema_index_name(table.name, index_names, unique=True), "columns": list(index_names), "unique": True}
            )

    fks = []
    for fk in sorted(table.foreign_key_constraints, key=lambda c: str(c.name)):
        targets = [e.target_fullname.split(".") for e in fk.elements]
        target_schema = ".".join(targets[0][:-2]) or None
        if target_schema == "public":
            target_schema = None
        cols = [e.parent.name for e in fk.elements]
        fks.append(
            {
                "name": _ddl_name(fk, table) or _postgres_default_name(table, cols[:1], "fkey"),
                "columns": cols,
                "target_schema": target_schema,
                "target_table": targets[0][-2],
                "target_columns": [t[-1] for t in targets],
                "ondelete": fk.ondelete,
                "onupdate": fk.onupdate,
                "deferrable": fk.deferrable,
                "initially": fk.initially,
                "match": fk.match,
            }
        )

    defaults = {}
    for column in table.columns:
        if column.server_default is not None and hasattr(column.server_default, "arg"):
            arg = column.server_default.arg
            if isinstance(arg, str):
                defaults[column.name] = "'" + arg.replace("'", "''") + "'"
            else:
                defaults[column.name] = _sql_text(arg, dialect)

    return {
        "primary_key": pk,
        "indexes": indexes,
        "unique_constraints": uniques,
        "check_constraints": checks,
        "foreign_keys": fks,
        "server_defaults": defaults,
    }


# --- one storage class -----------------------------------------------------------------------


def _class_attr(cls, table, attr, info_key, default=None):
    value = getattr(cls, attr, None)
    if value is None:
        value = table.info.get(info_key)
    return default if value is None else value


def storage_class_entry(cls) -> dict:
    table = cls.__table__
    namespace = getattr(cls, "__metatable_namespace__", None) or table.info.get("namespace")
    if not namespace:
        _fail(cls, "__metatable_namespace__", "MetaTable SQLAlchemy contracts require namespace or __metatable_namespace__.")
    schema = table.schema or "public"
    columns = {}
    contracts = []
    for column in table.columns:
        contract = column_contract(cls, column)
        columns[column.name] = contract
        contracts.append(contract)

    labels = _class_attr(cls, table, "__metatable_labels__", "labels", [])
    labels = [labels] if isinstance(labels, str) else list(labels)
    provisioning = dict(_class_attr(cls, table, "__metatable_provisioning__", "provisioning", _DEFAULT_PROVISIONING))

    registration = {"physical_schema": schema}
    identifier = _class_attr(cls, table, "__metatable_identifier__", "identifier")
    if identifier is not None:
        registration["identifier"] = identifier
    registration["namespace"] = namespace
    description = _class_attr(cls, table, "__metatable_description__", "description")
    if description is not None:
        registration["description"] = description
    registration["labels"] = labels
    registration["protect_from_deletion"] = bool(
        _class_attr(cls, table, "__metatable_protect_from_deletion__", "protect_from_deletion", False)
    )
    table_model = {"kind": "sqlalchemy", **class_ref(cls)}
    physical = {"schema": schema, "table_name": table.name}

    if is_time_indexed(cls):
        kind = "time_indexed"
        ti = resolve_time_index(cls, columns)
        registration["provisioning"] = provisioning
        registration["time_index_name"] = ti["time_index_name"]
        if ti["cadence"] is not None:
            registration["cadence"] = ti["cadence"]
        time_indexed = {"time_index_name": ti["time_index_name"], "index_names": ti["index_names"]}
        if ti["cadence"] is not None:
            time_indexed["cadence"] = ti["cadence"]
        if ti["storage_layout"]:
            time_indexed["storage_layout"] = _json_value(ti["storage_layout"])
        registration["table_contract"] = {
            "version": "relational-table.v1",
            "table_kind": "time_indexed",
            "authoring": {"table_model": table_model, "time_indexed": time_indexed},
            "physical": physical,
            "columns": contracts,
        }
        index_names = ti["index_names"]
    else:
        kind = "relational"
        registration["management_mode"] = "platform_managed"
        registration["introspect"] = False
        registration["provisioning"] = provisioning
        registration["table_contract"] = {
            "version": "relational-table.v1",
            "physical": physical,
            "columns": contracts,
            "constraints": [],
            "authoring": {"table_model": table_model},
        }
        index_names = None

    return {
        "class": class_ref(cls),
        "kind": kind,
        "registration": registration,
        "ddl": ddl_of(cls, index_names),
        "binding": None,
        "x-authoring": {"sqlalchemy_types": {c.name: repr(c.type) for c in table.columns}},
    }


# --- nodes -----------------------------------------------------------------------------------


def _unwrap(annotation):
    """Strip Annotated[...] and Optional[...] from a type annotation."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        args = typing.get_args(annotation)
        if origin is typing.Union or type(annotation).__name__ == "UnionType":
            rest = [a for a in args if a is not type(None)]
            if len(rest) == 1:
                annotation = rest[0]
                continue
        return annotation


def storage_type_arg(annotation):
    """X when the annotation is type[X] (possibly Optional/Annotated) with X storage-like."""
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is type:
        args = typing.get_args(annotation)
        if args and is_storage_like(args[0]):
            return args[0]
    return None


def storage_value(cls) -> dict:
    return {"__type__": STORAGE_CLASS_TYPE, **class_ref(cls)}


def _schema_generator():
    from pydantic.json_schema import GenerateJsonSchema

    class MetatableJsonSchema(GenerateJsonSchema):
        # pydantic has no JSON Schema for class objects; a storage class field says what it is.
        def is_subclass_schema(self, schema):
            if is_storage_like(schema.get("cls")):
                return {"type": "object", "x-metatable-storage-class": True}
            return super().is_subclass_schema(schema)

        def encode_default(self, dft):
            if inspect.isclass(dft) and is_storage_like(dft):
                return storage_value(dft)
            return super().encode_default(dft)

    return MetatableJsonSchema


def _config_parameter(cls):
    """(parameter, resolved annotation or exception) of __init__'s `config`, or None."""
    init = cls.__init__
    try:
        signature = inspect.signature(init)
    except (TypeError, ValueError):
        return None
    parameter = signature.parameters.get("config")
    if parameter is None:
        return None
    annotation = parameter.annotation
    if isinstance(annotation, str):
        try:
            annotation = typing.get_type_hints(init, include_extras=True).get("config", annotation)
        except Exception as exc:
            return parameter, exc
    return parameter, annotation


def _is_pydantic_model(annotation) -> bool:
    try:
        from pydantic import BaseModel
    except ImportError:
        return False
    return inspect.isclass(annotation) and issubclass(annotation, BaseModel)


def find_nodes(module) -> list:
    candidates = []
    for obj in list(vars(module).values()):
        if inspect.isclass(obj) and callable(getattr(obj, "update", None)) and obj not in candidates:
            found = _config_parameter(obj)
            if found is not None:
                candidates.append((obj, found))
    nodes = []
    for cls, (parameter, annotation) in candidates:
        is_base = any(other is not cls and issubclass(other, cls) for other, _ in candidates)
        if is_base:
            continue  # a DataNode base class the module imports or defines, not a node
        if isinstance(annotation, Exception):
            raise ExportError(
                f"{class_path(cls)}.__init__: cannot resolve the annotation of 'config': "
                f"{type(annotation).__name__}: {annotation}"
            )
        config_cls = _unwrap(annotation)
        if _is_pydantic_model(config_cls):
            nodes.append((cls, config_cls, inspect.signature(cls.__init__)))
    return nodes


def config_defaults(config_cls, schema: dict) -> dict:
    properties = schema.get("properties", {})
    values = {}
    for name, field in config_cls.model_fields.items():
        prop = properties.get(name, {})
        if "default" in prop:
            values[name] = prop["default"]
        elif field.default_factory is not None:
            try:
                default = field.default_factory()
            except TypeError:
                continue  # a factory that needs the validated data has no standalone value
            values[name] = storage_value(default) if inspect.isclass(default) and is_storage_like(default) else _jsonable(default)
    return values


def _jsonable(value):
    from pydantic_core import to_jsonable_python

    return to_jsonable_python(value)


def node_entry(cls, config_cls, signature, runner: dict) -> dict:
    try:
        schema = config_cls.model_json_schema(schema_generator=_schema_generator())
    except Exception as exc:
        raise ExportError(
            f"{class_path(config_cls)}: model_json_schema() failed: {type(exc).__name__}: {exc}"
        ) from exc
    for name, field in config_cls.model_fields.items():
        if storage_type_arg(field.annotation) is not None or any(
            storage_type_arg(m) is not None for m in getattr(field, "metadata", [])
        ):
            schema.get("properties", {}).get(name, {})["x-metatable-storage-class"] = True

    storage = None
    parameter = signature.parameters.get("storage_table")
    if parameter is not None and parameter.default is not inspect.Parameter.empty and parameter.default is not None:
        default = parameter.default
        if not is_storage_class(default):
            raise ExportError(
                f"{class_path(cls)}.__init__: the default of 'storage_table' is {default!r}, "
                "not a storage class (a SQLAlchemy class with a table and __metatable_*__ attributes)"
            )
        storage = default.__table__.name
    return {
        "class": class_ref(cls),
        "storage_class": storage,
        "config_class": class_ref(config_cls),
        "config_schema": schema,
        "config": config_defaults(config_cls, schema),
        "hash_namespace": None,
        "runner": {
            "command": runner["command"] + ["--node", class_path(cls)],
            "row_format": "ndjson",
            "working_directory": runner.get("working_directory"),
            "environment": dict(runner.get("environment", {})),
        },
    }


# --- the provider ----------------------------------------------------------------------------


def _registry_info(registry, package: str) -> dict:
    identifier = None
    table_name = None
    if registry is not None:
        identifier = _first(getattr(registry, "__metatable_identifier__", None), getattr(registry, "identifier", None))
        table = getattr(registry, "__table__", None)
        table_name = _first(
            getattr(registry, "version_table", None),
            getattr(registry, "__version_table__", None),
            getattr(registry, "table_name", None),
            getattr(registry, "__tablename__", None),
            getattr(table, "name", None),
        )
    return {
        "identifier": str(identifier or f"{package}.alembic_version"),
        "table_name": str(table_name or naming.schema_table_name(package, "alembic_version")),
    }


def storage_classes_of_module(module) -> list:
    found = []
    for obj in vars(module).values():
        if is_storage_class(obj) and obj not in found:
            found.append(obj)
    return found


def build_manifest(
    *,
    provider_spec: str | None,
    models_module: str | None,
    nodes_module: str | None,
    package: str | None,
    migration_namespace: str | None,
    runner: dict,
) -> dict:
    registry = None
    schema = "public"
    if provider_spec:
        provider = import_object(provider_spec, "provider")
        models = getattr(provider, "metatable_models", None)
        if models is None:
            raise ExportError(f"provider '{provider_spec}' has no metatable_models attribute (the ordered storage classes)")
        models = list(models)
        for i, model in enumerate(models):
            if not is_storage_class(model):
                raise ExportError(
                    f"provider '{provider_spec}'.metatable_models[{i}] is {model!r}, not a storage class "
                    "(a SQLAlchemy class with a table and __metatable_*__ attributes)"
                )
            if not getattr(model, "__metatable_identifier__", None):
                raise ExportError(f"{class_path(model)}.__metatable_identifier__: provider models need a non-empty identifier")
        package = package or getattr(provider, "package", None)
        migration_namespace = migration_namespace or getattr(provider, "migration_namespace", None)
        registry = getattr(provider, "alembic_registry", None)
        if not package:
            raise ExportError(f"provider '{provider_spec}' has no package attribute")
        if not migration_namespace:
            raise ExportError(f"provider '{provider_spec}' has no migration_namespace attribute")
    else:
        module = import_module(models_module, "models")
        models = storage_classes_of_module(module)
        if not models:
            raise ExportError(
                f"models module '{models_module}' defines no storage class "
                "(a SQLAlchemy class with a table and __metatable_*__ attributes)"
            )
        package = package or models_module.split(".")[0]
        if not migration_namespace:
            raise ExportError("--models needs --migration-namespace (a provider object carries its own)")

    identifiers = {}
    for model in models:
        ident = getattr(model, "__metatable_identifier__", None)
        if ident and ident in identifiers and identifiers[ident] is not model:
            raise ExportError(
                f"{class_path(model)}.__metatable_identifier__: '{ident}' is also the identifier of "
                f"{class_path(identifiers[ident])}; identifiers are unique within a provider"
            )
        identifiers[ident] = model

    storage_entries = [storage_class_entry(model) for model in models]
    own_tables = {m.__table__.name for m in models}
    external = {}
    for model in models:
        for fk in model.__table__.foreign_key_constraints:
            target = fk.elements[0].target_fullname.split(".")
            table_name, target_schema = target[-2], ".".join(target[:-2]) or "public"
            if table_name in own_tables:
                continue
            entry = external.setdefault(
                (target_schema, table_name), {"schema": target_schema, "table_name": table_name, "referenced_columns": []}
            )
            for e in fk.elements:
                column = e.target_fullname.split(".")[-1]
                if column not in entry["referenced_columns"]:
                    entry["referenced_columns"].append(column)

    nodes = []
    checked_nodes = []
    if nodes_module:
        module = import_module(nodes_module, "nodes")
        for cls, config_cls, signature in find_nodes(module):
            nodes.append(node_entry(cls, config_cls, signature, runner))
            checked_nodes.append((cls, config_cls, nodes[-1]))

    return {
        "format": FORMAT,
        "provider": {
            "package": package,
            "migration_namespace": migration_namespace,
            "schema": schema,
            "alembic_registry": _registry_info(registry, package),
        },
        "storage_classes": storage_entries,
        "external_tables": list(external.values()),
        "nodes": nodes,
        # After everything else: the factory checks call the project's factories.
        assistant.KEY: assistant.build(checked_nodes, models, is_storage_class),
    }


def default_runner(paths: list) -> dict:
    """How the console runs a node: this interpreter, the runner package beside this one."""
    bridge_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    entries = [bridge_dir] + [os.path.abspath(p) for p in paths]
    return {
        "command": [sys.executable, "-m", "metatable_runner"],
        "working_directory": None,
        "environment": {"PYTHONPATH": os.pathsep.join(entries)},
    }
