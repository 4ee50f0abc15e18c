// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>

#include <QString>
#include <QStringList>

namespace TestSupport {

// Generated `metatable-provider/1` documents for migration tests and the diff benchmark. They
// are JSON (not the model) so the same file feeds the console and the SQLAlchemy script that
// rebuilds equivalent metadata for Alembic.

struct TreeSchemaOptions
{
    int classCount = 1000;
    // Class i (i > 0) references class (i - 1) / fanout, so the FK graph is a tree of depth
    // log_fanout(classCount): Alembic's recursive sort overflows on long chains (~175 tables).
    // Class 0 references itself.
    int fanout = 10;
    QString package = QStringLiteral("bench_project");
    QString migrationNamespace = QStringLiteral("bench-data");
    QString schema = QStringLiteral("public");
};

// Relational classes with 10 columns (uuid primary key, a parent FK, strings, numbers, a
// timestamp, jsonb), 2 indexes and 1 foreign key each.
Core::Json generateTreeManifest(const TreeSchemaOptions &options);

// The tree manifest with one class in ten changed: in turn a nullable column added, a varchar
// widened, and an index added. Returns the changed document; `changedTables` gets the tables.
Core::Json changeTreeManifest(Core::Json manifest, QStringList *changedTables = nullptr);

// The physical table name of class `index` in a tree manifest.
QString treeTableName(const TreeSchemaOptions &options, int index);

// One provider exercising every feature the DDL renderer knows: time-indexed and relational
// classes, every dtype, nullable and not, server defaults, unique and check constraints,
// partial and BRIN indexes, FK actions/deferrable/match, an FK chain, an FK cycle, a self
// reference, and hostile identifiers (quotes, spaces, upper case, reserved words, SQL
// injection attempts in names and descriptions).
Core::Json everyFeatureManifest(const QString &schema = QStringLiteral("public"));

// Table names of everyFeatureManifest() that carry hostile identifiers.
QString hostileTableName();
QString hostileColumnName();
QString hostileDescription();

} // namespace TestSupport
