// SPDX-License-Identifier: MIT
#pragma once

#include <core/migrate/plan.h>

#include <QString>

namespace Core::Migrate {

// PostgreSQL DDL for one operation. Every identifier goes through Db::quoteIdentifier; comment
// text becomes a string literal (COMMENT ON takes no parameters); types and expressions are
// SQL by nature and are written as the manifest or the database spelled them.

// A string literal: '...' with quotes doubled, or E'...' when the text holds a backslash, so
// the result is the same whatever standard_conforming_strings says.
QString sqlStringLiteral(const QString &text);

QString columnDefinitionSql(const ColumnSpec &column);
QString createTableSql(const TableSpec &table);
QString dropTableSql(const QString &schema, const QString &table);
QString addColumnSql(const QString &schema, const QString &table, const ColumnSpec &column);
QString dropColumnSql(const QString &schema, const QString &table, const QString &column);
QString renameColumnSql(const QString &schema,
                        const QString &table,
                        const QString &from,
                        const QString &to);
QString alterColumnTypeSql(const QString &schema, const QString &table, const ColumnSpec &column);
QString
alterColumnNullabilitySql(const QString &schema, const QString &table, const ColumnSpec &column);
QString
alterColumnDefaultSql(const QString &schema, const QString &table, const ColumnSpec &column);
QString addPrimaryKeySql(const QString &schema, const QString &table, const PrimaryKeySpec &pk);
QString dropConstraintSql(const QString &schema, const QString &table, const QString &name);
QString renameConstraintSql(const QString &schema,
                            const QString &table,
                            const QString &from,
                            const QString &to);
// `tableColumns` tells column references (quoted) from expressions (written in parentheses).
QString createIndexSql(const QString &schema,
                       const QString &table,
                       const IndexSpec &index,
                       const QStringList &tableColumns);
QString dropIndexSql(const QString &schema, const QString &name);
QString renameIndexSql(const QString &schema, const QString &from, const QString &to);
QString addUniqueSql(const QString &schema, const QString &table, const UniqueSpec &unique);
QString addCheckSql(const QString &schema, const QString &table, const CheckSpec &check);
QString foreignKeyClauseSql(const ForeignKeySpec &fk);
QString addForeignKeySql(const QString &schema, const QString &table, const ForeignKeySpec &fk);
QString
tableCommentSql(const QString &schema, const QString &table, const std::optional<QString> &comment);
QString columnCommentSql(const QString &schema,
                         const QString &table,
                         const QString &column,
                         const std::optional<QString> &comment);

} // namespace Core::Migrate
