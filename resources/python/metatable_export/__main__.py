# SPDX-License-Identifier: MIT
"""python -m metatable_export (--provider MODULE:ATTR | --models MODULE) [--nodes MODULE] ..."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

from .exporter import ExportError, build_manifest, default_runner


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m metatable_export",
        description="Write a metatable-provider/1 manifest of a project's storage classes "
        "(SQLAlchemy) and DataNodes (pydantic configurations) without a backend or network.",
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--provider", metavar="MODULE:ATTR", help="the SDK migration provider object")
    source.add_argument("--models", metavar="MODULE", help="a module whose storage classes to export")
    p.add_argument("--nodes", metavar="MODULE", help="a module whose DataNode classes to export")
    p.add_argument("--package", help="provider package (default: the provider's, or the models module's top package)")
    p.add_argument("--migration-namespace", help="migration namespace (required with --models)")
    p.add_argument("--path", action="append", default=[], metavar="DIR",
                   help="put DIR first on sys.path (repeatable); the runner gets it too")
    p.add_argument("--output", metavar="FILE", help="write the manifest to FILE atomically instead of stdout")
    return p


def _write_atomically(path: str, text: str) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".metatable-export-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    for entry in reversed(args.path):
        sys.path.insert(0, os.path.abspath(entry))
    try:
        manifest = build_manifest(
            provider_spec=args.provider,
            models_module=args.models,
            nodes_module=args.nodes,
            package=args.package,
            migration_namespace=args.migration_namespace,
            runner=default_runner(args.path),
        )
        text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    except ExportError as exc:
        print(f"metatable_export: {exc}", file=sys.stderr)
        return 1
    if args.output:
        try:
            _write_atomically(args.output, text)
        except OSError as exc:
            print(f"metatable_export: cannot write {args.output}: {exc}", file=sys.stderr)
            return 1
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
