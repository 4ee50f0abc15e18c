# SPDX-License-Identifier: MIT
"""example_project, seeded with the migration guide's common mistakes (test data).

A copy of resources/demo/python/example_project in which each mistake the source or the
manifest can show is made once; the tests export it and check that each is reported.

The clean original: the MetaTable migration guide's examples as one migration provider.

storage.py holds the SQLAlchemy storage classes, configs.py the pydantic DataNode
configurations, nodes.py the DataNodes. ../../example_project.v1.json is this package exported
as a provider manifest (format metatable-provider/1).
"""

PACKAGE = "example_project"
MIGRATION_NAMESPACE = "example-data"
ALEMBIC_REGISTRY_IDENTIFIER = "example_project.alembic_version"
ALEMBIC_REGISTRY_TABLE = "example_project__alembic_version"
