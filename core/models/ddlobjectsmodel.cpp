// SPDX-License-Identifier: MIT
#include "ddlobjectsmodel.h"

namespace Core {

DdlObjectsModel::DdlObjectsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void DdlObjectsModel::setStorageClass(const StorageClass &storageClass)
{
    beginResetModel();
    m_rows = rowsFor(storageClass);
    endResetModel();
}

QList<DdlObjectsModel::Row> DdlObjectsModel::rowsFor(const StorageClass &s)
{
    const QString comma = QStringLiteral(", ");
    QList<Row> rows;
    if (s.ddl.primaryKey)
        rows.append(
            {tr("primary key"), s.ddl.primaryKey->name, s.ddl.primaryKey->columns.join(comma), {}});
    for (const IndexDef &i : s.ddl.indexes) {
        QStringList details;
        if (i.where)
            details << tr("where %1").arg(*i.where);
        if (i.dialectKwargs.contains("postgresql_using"))
            details << tr("using %1")
                           .arg(QString::fromStdString(
                               i.dialectKwargs["postgresql_using"].get<std::string>()));
        rows.append({i.unique ? tr("unique index") : tr("index"),
                     i.name,
                     i.columns.join(comma),
                     details.join(QStringLiteral("; "))});
    }
    for (const UniqueConstraintDef &u : s.ddl.uniqueConstraints)
        rows.append({tr("unique"), u.name, u.columns.join(comma), {}});
    for (const CheckConstraintDef &c : s.ddl.checkConstraints)
        rows.append({tr("check"), c.name, {}, c.sqlText});
    for (const ForeignKeyDef &f : s.ddl.foreignKeys) {
        QString target
            = f.targetTable + QLatin1Char('(') + f.targetColumns.join(comma) + QLatin1Char(')');
        if (f.targetSchema)
            target.prepend(*f.targetSchema + QLatin1Char('.'));
        QStringList details{tr("→ %1").arg(target)};
        if (f.onDelete)
            details << tr("on delete %1").arg(*f.onDelete);
        if (f.onUpdate)
            details << tr("on update %1").arg(*f.onUpdate);
        if (f.deferrable.value_or(false))
            details << tr("deferrable");
        rows.append(
            {tr("foreign key"), f.name, f.columns.join(comma), details.join(QStringLiteral("; "))});
    }
    return rows;
}

int DdlObjectsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DdlObjectsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant DdlObjectsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const Row &r = m_rows.at(index.row());
    switch (index.column()) {
    case Kind:
        return r.kind;
    case Name:
        return r.name;
    case Columns:
        return r.columns;
    case Details:
        return r.details;
    }
    return {};
}

QVariant DdlObjectsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Kind:
        return tr("Kind");
    case Name:
        return tr("Name");
    case Columns:
        return tr("Columns");
    case Details:
        return tr("Details");
    }
    return {};
}

} // namespace Core
