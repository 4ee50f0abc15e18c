# SPDX-License-Identifier: MIT
"""Export a Python project's MetaTable storage classes and DataNodes as a provider manifest
(``metatable-provider/1``) for MetaTable Console: ``python -m metatable_export --help``."""

from .exporter import ExportError, build_manifest

__all__ = ["ExportError", "build_manifest"]
