// SPDX-License-Identifier: MIT
#include "ddl.h"

#include <core/db/sqlidentifier.h>

namespace Core::Migrate {

using Db::quoteIdentifier;
using Db::quoteIdentifierList;
using Db::quoteQualified;

namespace {

QString alterTable(const QString &schema, const QString &table)
{
    return QStringLiteral("ALTER TABLE ") + quoteQualified(schema, table);
}

QString constraintPrefix(const QString &name)
{
    if (name.isEmpty())
        return {};
    return QStringLiteral("CONSTRAINT ") + quoteIdentifier(name) + u' ';
}

} // namespace

QString sqlStringLiteral(const QString &text)
{
    QString body = text;
    body.replace(u'\'', QLatin1String("''"));
    if (body.contains(u'\\')) {
        body.replace(u'\\', QLatin1String("\\\\"));
        return QStringLiteral("E'") + body + u'\'';
    }
    return u'\'' + body + u'\'';
}

QString columnDefinitionSql(const ColumnSpec &column)
{
    QString sql = quoteIdentifier(column.name) + u' ' + column.sqlType;
    if (!column.nullable)
        sql += QStringLiteral(" NOT NULL");
    if (column.serverDefault)
        sql += QStringLiteral(" DEFAULT ") + *column.serverDefault;
    return sql;
}

QString createTableSql(const TableSpec &table)
{
    QStringList parts;
    for (const ColumnSpec &column : table.columns)
        parts.append(columnDefinitionSql(column));
    if (table.primaryKey) {
        parts.append(constraintPrefix(table.primaryKey->name) + QStringLiteral("PRIMARY KEY (")
                     + quoteIdentifierList(table.primaryKey->columns) + u')');
    }
    for (const UniqueSpec &unique : table.uniqueConstraints) {
        parts.append(constraintPrefix(unique.name) + QStringLiteral("UNIQUE (")
                     + quoteIdentifierList(unique.columns) + u')');
    }
    for (const CheckSpec &check : table.checkConstraints)
        parts.append(constraintPrefix(check.name) + QStringLiteral("CHECK (") + check.expression
                     + u')');
    return QStringLiteral("CREATE TABLE ") + quoteQualified(table.schema, table.name)
           + QStringLiteral(" (\n    ") + parts.join(QStringLiteral(",\n    "))
           + QStringLiteral("\n)");
}

QString dropTableSql(const QString &schema, const QString &table)
{
    return QStringLiteral("DROP TABLE ") + quoteQualified(schema, table);
}

QString addColumnSql(const QString &schema, const QString &table, const ColumnSpec &column)
{
    return alterTable(schema, table) + QStringLiteral(" ADD COLUMN ") + columnDefinitionSql(column);
}

QString dropColumnSql(const QString &schema, const QString &table, const QString &column)
{
    return alterTable(schema, table) + QStringLiteral(" DROP COLUMN ") + quoteIdentifier(column);
}

QString
renameColumnSql(const QString &schema, const QString &table, const QString &from, const QString &to)
{
    return alterTable(schema, table) + QStringLiteral(" RENAME COLUMN ") + quoteIdentifier(from)
           + QStringLiteral(" TO ") + quoteIdentifier(to);
}

QString alterColumnTypeSql(const QString &schema, const QString &table, const ColumnSpec &column)
{
    const QString name = quoteIdentifier(column.name);
    return alterTable(schema, table) + QStringLiteral(" ALTER COLUMN ") + name
           + QStringLiteral(" TYPE ") + column.sqlType + QStringLiteral(" USING ") + name
           + QStringLiteral("::") + column.sqlType;
}

QString
alterColumnNullabilitySql(const QString &schema, const QString &table, const ColumnSpec &column)
{
    return alterTable(schema, table) + QStringLiteral(" ALTER COLUMN ")
           + quoteIdentifier(column.name)
           + (column.nullable ? QStringLiteral(" DROP NOT NULL") : QStringLiteral(" SET NOT NULL"));
}

QString alterColumnDefaultSql(const QString &schema, const QString &table, const ColumnSpec &column)
{
    QString sql = alterTable(schema, table) + QStringLiteral(" ALTER COLUMN ")
                  + quoteIdentifier(column.name);
    if (column.serverDefault)
        return sql + QStringLiteral(" SET DEFAULT ") + *column.serverDefault;
    return sql + QStringLiteral(" DROP DEFAULT");
}

QString addPrimaryKeySql(const QString &schema, const QString &table, const PrimaryKeySpec &pk)
{
    return alterTable(schema, table) + QStringLiteral(" ADD ") + constraintPrefix(pk.name)
           + QStringLiteral("PRIMARY KEY (") + quoteIdentifierList(pk.columns) + u')';
}

QString dropConstraintSql(const QString &schema, const QString &table, const QString &name)
{
    return alterTable(schema, table) + QStringLiteral(" DROP CONSTRAINT ") + quoteIdentifier(name);
}

QString renameConstraintSql(const QString &schema,
                            const QString &table,
                            const QString &from,
                            const QString &to)
{
    return alterTable(schema, table) + QStringLiteral(" RENAME CONSTRAINT ") + quoteIdentifier(from)
           + QStringLiteral(" TO ") + quoteIdentifier(to);
}

QString createIndexSql(const QString &schema,
                       const QString &table,
                       const IndexSpec &index,
                       const QStringList &tableColumns)
{
    QStringList columns;
    for (const QString &column : index.columns) {
        if (tableColumns.contains(column))
            columns.append(quoteIdentifier(column));
        else
            columns.append(u'(' + column + u')');
    }
    QString sql
        = index.unique ? QStringLiteral("CREATE UNIQUE INDEX ") : QStringLiteral("CREATE INDEX ");
    sql += quoteIdentifier(index.name) + QStringLiteral(" ON ") + quoteQualified(schema, table);
    if (!index.method.isEmpty() && index.method != u"btree")
        sql += QStringLiteral(" USING ") + index.method;
    sql += QStringLiteral(" (") + columns.join(QStringLiteral(", ")) + u')';
    if (index.where)
        sql += QStringLiteral(" WHERE ") + *index.where;
    return sql;
}

QString dropIndexSql(const QString &schema, const QString &name)
{
    return QStringLiteral("DROP INDEX ") + quoteQualified(schema, name);
}

QString renameIndexSql(const QString &schema, const QString &from, const QString &to)
{
    return QStringLiteral("ALTER INDEX ") + quoteQualified(schema, from)
           + QStringLiteral(" RENAME TO ") + quoteIdentifier(to);
}

QString addUniqueSql(const QString &schema, const QString &table, const UniqueSpec &unique)
{
    return alterTable(schema, table) + QStringLiteral(" ADD ") + constraintPrefix(unique.name)
           + QStringLiteral("UNIQUE (") + quoteIdentifierList(unique.columns) + u')';
}

QString addCheckSql(const QString &schema, const QString &table, const CheckSpec &check)
{
    return alterTable(schema, table) + QStringLiteral(" ADD ") + constraintPrefix(check.name)
           + QStringLiteral("CHECK (") + check.expression + u')';
}

QString foreignKeyClauseSql(const ForeignKeySpec &fk)
{
    QString sql = QStringLiteral("FOREIGN KEY (") + quoteIdentifierList(fk.columns)
                  + QStringLiteral(") REFERENCES ")
                  + quoteQualified(fk.targetSchema, fk.targetTable) + QStringLiteral(" (")
                  + quoteIdentifierList(fk.targetColumns) + u')';
    if (fk.match != u"SIMPLE")
        sql += QStringLiteral(" MATCH ") + fk.match;
    if (fk.onDelete != u"NO ACTION")
        sql += QStringLiteral(" ON DELETE ") + fk.onDelete;
    if (fk.onUpdate != u"NO ACTION")
        sql += QStringLiteral(" ON UPDATE ") + fk.onUpdate;
    if (fk.deferrable) {
        sql += QStringLiteral(" DEFERRABLE INITIALLY ")
               + (fk.initiallyDeferred ? QStringLiteral("DEFERRED") : QStringLiteral("IMMEDIATE"));
    }
    return sql;
}

QString addForeignKeySql(const QString &schema, const QString &table, const ForeignKeySpec &fk)
{
    return alterTable(schema, table) + QStringLiteral(" ADD ") + constraintPrefix(fk.name)
           + foreignKeyClauseSql(fk);
}

QString
tableCommentSql(const QString &schema, const QString &table, const std::optional<QString> &comment)
{
    return QStringLiteral("COMMENT ON TABLE ") + quoteQualified(schema, table)
           + QStringLiteral(" IS ")
           + (comment ? sqlStringLiteral(*comment) : QStringLiteral("NULL"));
}

QString columnCommentSql(const QString &schema,
                         const QString &table,
                         const QString &column,
                         const std::optional<QString> &comment)
{
    return QStringLiteral("COMMENT ON COLUMN ") + quoteQualified(schema, table) + u'.'
           + quoteIdentifier(column) + QStringLiteral(" IS ")
           + (comment ? sqlStringLiteral(*comment) : QStringLiteral("NULL"));
}

} // namespace Core::Migrate
