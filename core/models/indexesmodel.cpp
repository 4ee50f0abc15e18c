// SPDX-License-Identifier: MIT
#include "indexesmodel.h"

#include <core/contract/contracthash.h>
#include <core/models/roles.h>

namespace Core {

namespace {

QString indexDetails(const IndexDef &index)
{
    QStringList details;
    if (index.where)
        details << IndexesModel::tr("where %1").arg(*index.where);
    if (const auto using_ = index.dialectKwargs.find("postgresql_using");
        using_ != index.dialectKwargs.end() && using_->is_string())
        details
            << IndexesModel::tr("using %1").arg(QString::fromStdString(using_->get<std::string>()));
    return details.join(QStringLiteral("; "));
}

} // namespace

IndexesModel::IndexesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void IndexesModel::setStorageClass(const StorageClass &storageClass)
{
    beginResetModel();
    m_rows.clear();
    m_grainRow = -1;
    const QString comma = QStringLiteral(", ");
    const std::optional<GrainIndex> grain = grainIndexFor(storageClass);
    for (const IndexDef &index : storageClass.ddl.indexes) {
        Row row{index.name, index.columns.join(comma), index.unique, indexDetails(index), {}};
        if (grain && !grain->derived && grain->index.name == index.name && m_grainRow < 0) {
            row.role = tr("grain index");
            m_grainRow = int(m_rows.size());
        }
        m_rows.append(row);
    }
    if (grain && m_grainRow < 0) {
        m_grainRow = int(m_rows.size());
        m_rows.append({grain->index.name,
                       grain->index.columns.join(comma),
                       true,
                       {},
                       grain->derived ? tr("grain index, added by the SDK")
                                      : tr("grain: unique constraint")});
    }
    endResetModel();
}

int IndexesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int IndexesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant IndexesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    if (role == int(ModelRole::Emphasis))
        return index.row() == m_grainRow;
    if (role == Qt::ToolTipRole && index.row() == m_grainRow)
        return tr("The unique index over index_names that gives the time-indexed table its grain. "
                  "It is part of the contract hash, never of the registration contract.");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return row.name;
    case Columns:
        return row.columns;
    case Unique:
        return row.unique ? tr("unique") : QString();
    case Details:
        return row.details;
    case Role:
        return row.role;
    }
    return {};
}

QVariant IndexesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Index");
    case Columns:
        return tr("Columns");
    case Unique:
        return tr("Unique");
    case Details:
        return tr("Details");
    case Role:
        return tr("Role");
    }
    return {};
}

} // namespace Core
