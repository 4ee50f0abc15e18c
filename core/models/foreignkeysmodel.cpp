// SPDX-License-Identifier: MIT
#include "foreignkeysmodel.h"

#include <core/db/sqlidentifier.h>
#include <core/models/roles.h>

namespace Core {

namespace {

QString targetSchemaOf(const StorageClass &storageClass, const ForeignKeyDef &fk)
{
    return fk.targetSchema && !fk.targetSchema->isEmpty() ? *fk.targetSchema
                                                          : storageClass.schema();
}

QString action(const std::optional<QString> &value)
{
    return value ? value->trimmed().toUpper() : QStringLiteral("NO ACTION");
}

} // namespace

ForeignKeysModel::ForeignKeysModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

QString ForeignKeysModel::foreignKeyDdl(const StorageClass &storageClass, const ForeignKeyDef &fk)
{
    using Db::quoteIdentifier;
    using Db::quoteIdentifierList;
    using Db::quoteQualified;
    QString sql = QStringLiteral("ALTER TABLE ")
                  + quoteQualified(storageClass.schema(), storageClass.tableName())
                  + QStringLiteral(" ADD ");
    if (!fk.name.isEmpty())
        sql += QStringLiteral("CONSTRAINT ") + quoteIdentifier(fk.name) + u' ';
    sql += QStringLiteral("FOREIGN KEY (") + quoteIdentifierList(fk.columns)
           + QStringLiteral(") REFERENCES ")
           + quoteQualified(targetSchemaOf(storageClass, fk), fk.targetTable) + QStringLiteral(" (")
           + quoteIdentifierList(fk.targetColumns) + u')';
    if (fk.match && fk.match->trimmed().toUpper() != u"SIMPLE")
        sql += QStringLiteral(" MATCH ") + fk.match->trimmed().toUpper();
    if (const QString a = action(fk.onDelete); a != u"NO ACTION")
        sql += QStringLiteral(" ON DELETE ") + a;
    if (const QString a = action(fk.onUpdate); a != u"NO ACTION")
        sql += QStringLiteral(" ON UPDATE ") + a;
    if (fk.deferrable.value_or(false)) {
        const bool deferred = fk.initially && fk.initially->trimmed().toUpper() == u"DEFERRED";
        sql += QStringLiteral(" DEFERRABLE INITIALLY ")
               + (deferred ? QStringLiteral("DEFERRED") : QStringLiteral("IMMEDIATE"));
    }
    return sql;
}

void ForeignKeysModel::setStorageClass(const StorageClass &storageClass)
{
    beginResetModel();
    m_rows.clear();
    for (const ForeignKeyDef &fk : storageClass.ddl.foreignKeys)
        m_rows.append({fk, targetSchemaOf(storageClass, fk), foreignKeyDdl(storageClass, fk)});
    endResetModel();
}

QPair<QString, QString> ForeignKeysModel::target(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return {m_rows[row].targetSchema, m_rows[row].key.targetTable};
}

int ForeignKeysModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ForeignKeysModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant ForeignKeysModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    const QString comma = QStringLiteral(", ");
    if (index.column() == Target && role == int(ModelRole::Link))
        return row.targetSchema + u'.' + row.key.targetTable;
    if (role == Qt::ToolTipRole)
        return index.column() == Target
                   ? tr("Click to show %1.%2").arg(row.targetSchema, row.key.targetTable)
                   : row.ddl;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return row.key.name;
    case Columns:
        return row.key.columns.join(comma);
    case Target:
        return row.targetSchema + u'.' + row.key.targetTable + u'('
               + row.key.targetColumns.join(comma) + u')';
    case OnDelete:
        return action(row.key.onDelete);
    case OnUpdate:
        return action(row.key.onUpdate);
    case Ddl:
        return row.ddl;
    }
    return {};
}

QVariant ForeignKeysModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Foreign key");
    case Columns:
        return tr("Columns");
    case Target:
        return tr("References");
    case OnDelete:
        return tr("On delete");
    case OnUpdate:
        return tr("On update");
    case Ddl:
        return tr("DDL");
    }
    return {};
}

} // namespace Core
