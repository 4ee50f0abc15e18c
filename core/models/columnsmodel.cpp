// SPDX-License-Identifier: MIT
#include "columnsmodel.h"

#include <core/models/roles.h>
#include <core/steward/stewardedits.h>

namespace Core {

ColumnsModel::ColumnsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ColumnsModel::setStorageClass(const StorageClass &storageClass)
{
    beginResetModel();
    m_storage = storageClass;
    endResetModel();
    reloadEdited();
}

void ColumnsModel::setStewardEdits(Steward::StewardEdits *edits)
{
    if (m_edits)
        disconnect(m_edits, nullptr, this, nullptr);
    m_edits = edits;
    if (m_edits)
        connect(m_edits, &Steward::StewardEdits::changed, this, &ColumnsModel::reloadEdited);
    reloadEdited();
}

void ColumnsModel::reloadEdited()
{
    // The texts as they will be saved; the rows stay, so a view keeps its place.
    if (!m_edits)
        return;
    for (const StorageClass &sc : m_edits->edited().storageClasses) {
        if (sc.classRef != m_storage.classRef
            || sc.registration.columns.size() != m_storage.registration.columns.size())
            continue;
        m_storage.registration.columns = sc.registration.columns;
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
    }
}

Qt::ItemFlags ColumnsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (m_edits && index.isValid() && isText(index.column()))
        f |= Qt::ItemIsEditable;
    return f;
}

bool ColumnsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!m_edits || role != Qt::EditRole || !index.isValid() || !isText(index.column()))
        return false;
    const Column &c = m_storage.registration.columns.at(index.row());
    const QString text = value.toString().trimmed();
    const Steward::TextKey key{m_storage.classRef.path(),
                               c.name,
                               index.column() == Label ? Steward::TextField::ColumnLabel
                                                       : Steward::TextField::ColumnDescription};
    return m_edits->setText(key, {text.isEmpty() ? std::nullopt : std::optional(text), {}})
        .has_value();
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
    const Steward::TextKey key{m_storage.classRef.path(),
                               c.name,
                               index.column() == Label ? Steward::TextField::ColumnLabel
                                                       : Steward::TextField::ColumnDescription};
    if (role == int(ModelRole::Pending))
        return m_edits && isText(index.column()) && m_edits->isPending(key);
    if (role == Qt::ToolTipRole && isText(index.column())) {
        QStringList tip;
        if (index.column() == Description)
            tip << c.description.value_or(
                tr("No description: the guide asks for one on every column"));
        if (m_edits) {
            if (const auto was = m_edits->original(key))
                tip << tr("Not saved yet; the manifest says %1").arg(was->display(key.field));
            for (const Steward::TextFinding &f : Steward::findingsFor(m_edits->lint(), key))
                tip << f.message + u' ' + f.fix;
        }
        return tip.join(u'\n');
    }
    if (role == Qt::EditRole && isText(index.column()))
        return (index.column() == Label ? c.label : c.description).value_or(QString());
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
