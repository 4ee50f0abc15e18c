// SPDX-License-Identifier: MIT
#include "workspacemodel.h"

#include <core/models/roles.h>

namespace Core {

namespace {

// Internal ids: 0 marks a group row; leaves store their group + 1, so parent() is O(1).
constexpr quintptr GroupId = 0;
constexpr int GroupCount = 3;
constexpr int StorageGroup = 0;
constexpr int NodeGroup = 1;
constexpr int ExternalGroup = 2;

WorkspaceItemKind kindOfGroup(int group)
{
    switch (group) {
    case StorageGroup:
        return WorkspaceItemKind::StorageClass;
    case NodeGroup:
        return WorkspaceItemKind::Node;
    default:
        return WorkspaceItemKind::ExternalTable;
    }
}

} // namespace

WorkspaceModel::WorkspaceModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void WorkspaceModel::setManifest(const ProviderManifest &manifest)
{
    beginResetModel();
    m_manifest = manifest;
    endResetModel();
}

QModelIndex WorkspaceModel::indexFor(WorkspaceItemKind kind, int position) const
{
    const int group = kind == WorkspaceItemKind::StorageClass ? StorageGroup
                      : kind == WorkspaceItemKind::Node       ? NodeGroup
                                                              : ExternalGroup;
    if (position < 0 || position >= childCount(group))
        return {};
    return createIndex(position, 0, quintptr(group + 1));
}

int WorkspaceModel::childCount(int group) const
{
    switch (group) {
    case StorageGroup:
        return int(m_manifest.storageClasses.size());
    case NodeGroup:
        return int(m_manifest.nodes.size());
    case ExternalGroup:
        return int(m_manifest.externalTables.size());
    }
    return 0;
}

QModelIndex WorkspaceModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, GroupId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex WorkspaceModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, GroupId);
}

int WorkspaceModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return GroupCount;
    if (parent.internalId() != GroupId || parent.column() != 0)
        return 0;
    return childCount(parent.row());
}

int WorkspaceModel::columnCount(const QModelIndex &) const
{
    return 2;
}

QVariant WorkspaceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == GroupId)
        return groupData(index.row(), index.column(), role);
    return leafData(int(index.internalId() - 1), index.row(), index.column(), role);
}

QVariant WorkspaceModel::groupData(int group, int column, int role) const
{
    if (role == int(ModelRole::ItemKind))
        return int(WorkspaceItemKind::Group);
    if (role != Qt::DisplayRole)
        return {};
    if (column == 1)
        return QString::number(childCount(group));
    switch (group) {
    case StorageGroup:
        return tr("Storage classes");
    case NodeGroup:
        return tr("Nodes");
    default:
        return tr("External tables");
    }
}

QVariant WorkspaceModel::leafData(int group, int row, int column, int role) const
{
    if (role == int(ModelRole::ItemKind))
        return int(kindOfGroup(group));
    if (role == int(ModelRole::ItemIndex))
        return row;
    if (group == StorageGroup) {
        const StorageClass &s = m_manifest.storageClasses.at(row);
        if (role == Qt::DisplayRole)
            return column == 0 ? s.tableName()
                               : (s.isTimeIndexed() ? tr("time-indexed") : tr("relational"));
        if (role == Qt::ToolTipRole)
            return s.registration.description.value_or(tr("No description"));
        if (role == int(ModelRole::Missing))
            return !s.registration.description || s.registration.description->trimmed().isEmpty();
        return {};
    }
    if (group == NodeGroup) {
        const NodeDefinition &n = m_manifest.nodes.at(row);
        if (role == Qt::DisplayRole)
            return column == 0 ? n.classRef.qualname
                               : n.storageClass.value_or(tr("chosen at launch"));
        if (role == Qt::ToolTipRole)
            return n.classRef.path();
        return {};
    }
    const ExternalTable &e = m_manifest.externalTables.at(row);
    if (role == Qt::DisplayRole)
        return column == 0 ? e.tableName : e.ownerPackage;
    if (role == Qt::ToolTipRole)
        return tr("Owned by %1:%2; never changed by this provider")
            .arg(e.ownerPackage, e.ownerMigrationNamespace);
    return {};
}

QVariant WorkspaceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Name") : tr("Detail");
}

} // namespace Core
