// SPDX-License-Identifier: MIT
#include "columnsmodel.h"

#include <core/models/roles.h>

namespace Core {

ColumnsModel::ColumnsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ColumnsModel::setStorageClass(const StorageClass &storageClass)
{
    beginResetModel();
    m_storage = storageClass;
    endResetModel();
}

int ColumnsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_storage.registration.columns.size());
}

int ColumnsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Count;
}

QString ColumnsModel::indexRole(const Column &column) const
{
    const Registration &r = m_storage.registration;
    if (m_storage.isTimeIndexed() && column.name == r.timeIndexName)
        return tr("time index");
    if (m_storage.isTimeIndexed() && r.indexNames.contains(column.name))
        return tr("grain");
    if (column.primaryKey)
        return tr("primary key");
    return {};
}

QVariant ColumnsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Column &c = m_storage.registration.columns.at(index.row());
    const bool missingText = (index.column() == Label && !c.label)
                             || (index.column() == Description && !c.description);
    if (role == int(ModelRole::Missing))
        return missingText;
    if (role == int(ModelRole::Emphasis))
        return !indexRole(c).isEmpty();
    if (role == Qt::ToolTipRole && index.column() == Description)
        return c.description.value_or(tr("No description: the guide asks for one on every column"));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return c.name;
    case Label:
        return c.label.value_or(QString());
    case DataType:
        return c.dataType;
    case BackendType:
        return c.backendType.value_or(QString());
    case Nullable:
        return c.nullable ? tr("null") : tr("not null");
    case IndexRole:
        return indexRole(c);
    case Description:
        return c.description.value_or(QString());
    }
    return {};
}

QVariant ColumnsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Column");
    case Label:
        return tr("Label");
    case DataType:
        return tr("Data type");
    case BackendType:
        return tr("Backend type");
    case Nullable:
        return tr("Null");
    case IndexRole:
        return tr("Index role");
    case Description:
        return tr("Description");
    }
    return {};
}

} // namespace Core
