// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>
#include <core/db/dbschema.h>
#include <core/migrate/plan.h>
#include <core/util/result.h>

#include <QString>
#include <QStringList>

namespace Core::Migrate {

// The two sides of the diff brought into one shape (TableSpec), and the normalization that
// makes what PostgreSQL prints compare equal to what a manifest says.

// The table a storage class wants: PostgreSQL types from the dtype codec, DDL from `ddl`, the
// grain index of time-indexed classes even when the manifest omits it, comments from the
// descriptions. `defaultSchema` replaces an empty physical schema. Errors name the class and
// the column or object that cannot be mapped.
[[nodiscard]] Result<TableSpec> desiredTable(const StorageClass &storageClass,
                                             const QString &defaultSchema);

// The table as introspection read it. Indexes that implement a primary key or unique
// constraint are left out (they are compared as constraints).
TableSpec actualTable(const Db::DbTable &table);

// The catalog values a class should have.
CatalogSpec desiredCatalog(const StorageClass &storageClass);
// Each column's label and description as the catalog keeps them (empty texts as none).
QMap<QString, Db::ColumnTexts> catalogColumnTexts(const StorageClass &storageClass);
CatalogSpec actualCatalog(const Db::CatalogEntry &entry);

// An expression reduced only by what never changes its meaning: the case of keywords and
// unquoted names, and runs of spaces; literals and quoted names are kept exactly. It never makes
// different expressions equal, and it does not make equal ones look alike either: expressions
// are compared in the form the target server prints them (expressionprinter.h), and this
// reduction is what both sides go through once printed.
QString comparableExpression(const QString &expression);

// A type as format_type() would print it, reduced for comparison ("numeric(10, 2)" and
// "NUMERIC(10,2)" compare equal).
QString normalizeType(const QString &type);

// "CHECK ((x > 0)) NOT VALID" -> "(x > 0)": the condition of pg_get_constraintdef text.
QString checkCondition(const QString &constraintDefinition);

// Structural keys: two objects with the same key are the same object under any name.
QString indexKey(const IndexSpec &index);
QString uniqueKey(const UniqueSpec &unique);
QString checkKey(const CheckSpec &check);
QString foreignKeyKey(const ForeignKeySpec &foreignKey);
QString primaryKeyKey(const PrimaryKeySpec &primaryKey);
// A column's default for comparison; nullopt when it has none.
std::optional<QString> defaultKey(const ColumnSpec &column);

// True when the expression holds a ';' outside string literals and quoted identifiers: a
// manifest expression is one SQL expression, never a second statement.
bool hasStatementSeparator(const QString &expression);

} // namespace Core::Migrate
