// SPDX-License-Identifier: MIT
#include "storagetreemodel.h"

#include <algorithm>
#include <utility>

namespace Core {

namespace {

// Internal ids: 0 marks a group row; a leaf stores its group's row + 1, so parent() is O(1).
constexpr quintptr GroupId = 0;

QString tableKey(const QString &schema, const QString &table)
{
    return schema + QLatin1Char('\n') + table;
}

// Lower-case words a filter matches, separated by newlines so no term spans two of them.
QString storageSearchText(const StorageClass &s)
{
    const Registration &r = s.registration;
    QString text;
    text.reserve(256);
    const auto add = [&text](const QString &part) {
        if (part.isEmpty())
            return;
        text += part;
        text += QLatin1Char('\n');
    };
    add(s.tableName());
    add(r.identifier.value_or(QString()));
    add(r.namespaceName);
    for (const QString &label : r.labels)
        add(label);
    add(r.description.value_or(QString()));
    for (const Column &c : r.columns) {
        add(c.name);
        add(c.label.value_or(QString()));
    }
    return text.toLower();
}

} // namespace

StorageTreeModel::StorageTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

StorageTreeModel::~StorageTreeModel() = default;

std::shared_ptr<const StorageTreeModel::Contents>
StorageTreeModel::prepare(const ProviderManifest &manifest)
{
    auto contents = std::make_shared<Contents>();
    contents->manifest = manifest;
    buildLeaves(*contents);
    return contents;
}

void StorageTreeModel::setContents(std::shared_ptr<const Contents> contents)
{
    beginResetModel();
    // Swapped, so the old contents are freed with the last reference to `contents`.
    Contents next = *contents;
    std::swap(m_contents, next);
    endResetModel();
}

void StorageTreeModel::setManifest(const ProviderManifest &manifest)
{
    setContents(prepare(manifest));
}

void StorageTreeModel::buildLeaves(Contents &m)
{
    m.groups.clear();
    m.storage.clear();
    m.external.clear();
    m.nodes.clear();
    m.storageByTable.clear();
    m.externalByTable.clear();

    const QList<StorageClass> &classes = m.manifest.storageClasses;
    QHash<QString, QList<int>> byNamespace;
    for (int i = 0; i < classes.size(); ++i)
        byNamespace[classes[i].registration.namespaceName].append(i);
    QStringList namespaces = byNamespace.keys();
    std::sort(namespaces.begin(), namespaces.end(), [](const QString &a, const QString &b) {
        const int c = a.compare(b, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : a < b;
    });

    m.storage.resize(classes.size());
    m.storageByTable.reserve(classes.size());
    for (const QString &ns : namespaces) {
        Group g{ns.isEmpty() ? tr("(no namespace)") : ns,
                WorkspaceItemKind::StorageClass,
                byNamespace.value(ns)};
        for (int row = 0; row < g.positions.size(); ++row) {
            const int p = g.positions[row];
            const StorageClass &s = classes[p];
            Leaf &leaf = m.storage[p];
            leaf.group = int(m.groups.size());
            leaf.row = row;
            leaf.name = s.tableName();
            leaf.toolTip = s.registration.description.value_or(tr("No description"));
            leaf.searchText = storageSearchText(s);
            leaf.rowKind
                = s.isTimeIndexed() ? StorageRowKind::TimeIndexed : StorageRowKind::Relational;
            m.storageByTable.insert(tableKey(s.schema(), s.tableName()), p);
        }
        m.groups.append(std::move(g));
    }

    Group external{tr("External tables"), WorkspaceItemKind::ExternalTable, {}};
    for (int i = 0; i < m.manifest.externalTables.size(); ++i) {
        const ExternalTable &e = m.manifest.externalTables[i];
        Leaf leaf;
        leaf.group = int(m.groups.size());
        leaf.row = i;
        leaf.name = e.tableName;
        leaf.detail = tr("external");
        leaf.toolTip = tr("Owned by %1:%2; never changed by this provider")
                           .arg(e.ownerPackage, e.ownerMigrationNamespace);
        leaf.searchText
            = QStringList{e.tableName, e.schema, e.ownerPackage, e.referencedColumns.join(u'\n')}
                  .join(u'\n')
                  .toLower();
        leaf.rowKind = StorageRowKind::External;
        m.external.append(std::move(leaf));
        external.positions.append(i);
        m.externalByTable.insert(tableKey(e.schema, e.tableName), i);
    }
    m.groups.append(std::move(external));

    Group nodes{tr("Nodes"), WorkspaceItemKind::Node, {}};
    for (int i = 0; i < m.manifest.nodes.size(); ++i) {
        const NodeDefinition &n = m.manifest.nodes[i];
        Leaf leaf;
        leaf.group = int(m.groups.size());
        leaf.row = i;
        leaf.name = n.classRef.qualname;
        // The output table goes to the tooltip: table names are long, and in the status column
        // they would squeeze every class name in the tree.
        leaf.toolTip
            = tr("%1, writes to %2")
                  .arg(n.classRef.path(), n.storageClass.value_or(tr("a table chosen at launch")));
        leaf.searchText = QStringList{n.classRef.qualname,
                                      n.classRef.module,
                                      n.storageClass.value_or(QString())}
                              .join(u'\n')
                              .toLower();
        m.nodes.append(std::move(leaf));
        nodes.positions.append(i);
    }
    m.groups.append(std::move(nodes));
}

void StorageTreeModel::setBadges(const QHash<QString, ClassBadgeInfo> &byClassPath)
{
    QList<int> changed;
    for (int p = 0; p < m_contents.storage.size(); ++p) {
        const StorageClass &s = std::as_const(m_contents.manifest.storageClasses)[p];
        const ClassBadgeInfo next = byClassPath.value(s.classRef.path());
        if (m_contents.storage[p].badge == next)
            continue;
        m_contents.storage[p].badge = next;
        changed.append(p);
    }
    emitRowsChanged(changed);
}

// One dataChanged per run of adjacent rows of one group, over both columns.
void StorageTreeModel::emitRowsChanged(const QList<int> &changedPositions)
{
    QList<QPair<int, int>> cells; // (group, row)
    cells.reserve(changedPositions.size());
    for (int p : changedPositions)
        cells.append({m_contents.storage[p].group, m_contents.storage[p].row});
    std::sort(cells.begin(), cells.end());
    const QList<int> roles{
        Qt::DisplayRole, Qt::ToolTipRole, int(ModelRole::Badge), int(ModelRole::BadgeReason)};
    for (qsizetype i = 0; i < cells.size();) {
        qsizetype j = i + 1;
        while (j < cells.size() && cells[j].first == cells[i].first
               && cells[j].second == cells[j - 1].second + 1)
            ++j;
        const quintptr id = quintptr(cells[i].first + 1);
        emit dataChanged(createIndex(cells[i].second, Name, id),
                         createIndex(cells[j - 1].second, Status, id),
                         roles);
        i = j;
    }
}

ClassBadgeInfo StorageTreeModel::badge(int storagePosition) const
{
    if (storagePosition < 0 || storagePosition >= m_contents.storage.size())
        return {};
    return m_contents.storage[storagePosition].badge;
}

const QList<StorageTreeModel::Leaf> &StorageTreeModel::leavesOf(WorkspaceItemKind kind) const
{
    switch (kind) {
    case WorkspaceItemKind::ExternalTable:
        return m_contents.external;
    case WorkspaceItemKind::Node:
        return m_contents.nodes;
    default:
        return m_contents.storage;
    }
}

QModelIndex StorageTreeModel::indexFor(WorkspaceItemKind kind, int position) const
{
    if (kind == WorkspaceItemKind::Group)
        return {};
    const QList<Leaf> &leaves = leavesOf(kind);
    if (position < 0 || position >= leaves.size())
        return {};
    const Leaf &leaf = leaves[position];
    return createIndex(leaf.row, Name, quintptr(leaf.group + 1));
}

QModelIndex StorageTreeModel::indexForTable(const QString &schema, const QString &table) const
{
    const QString key = tableKey(schema, table);
    if (const auto it = m_contents.storageByTable.constFind(key);
        it != m_contents.storageByTable.cend())
        return indexFor(WorkspaceItemKind::StorageClass, it.value());
    if (const auto it = m_contents.externalByTable.constFind(key);
        it != m_contents.externalByTable.cend())
        return indexFor(WorkspaceItemKind::ExternalTable, it.value());
    return {};
}

QModelIndex StorageTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, GroupId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex StorageTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, GroupId);
}

int StorageTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_contents.groups.size());
    if (parent.internalId() != GroupId || parent.column() != 0)
        return 0;
    return int(m_contents.groups[parent.row()].positions.size());
}

int StorageTreeModel::columnCount(const QModelIndex &) const
{
    return Count;
}

const StorageTreeModel::Leaf *StorageTreeModel::leafAt(const QModelIndex &index) const
{
    const Group &g = m_contents.groups[int(index.internalId() - 1)];
    return &leavesOf(g.kind)[g.positions[index.row()]];
}

QVariant StorageTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == GroupId)
        return groupData(m_contents.groups[index.row()], index.column(), role);
    const Group &g = m_contents.groups[int(index.internalId() - 1)];
    return leafData(g, *leafAt(index), index.column(), role);
}

QVariant StorageTreeModel::groupData(const Group &group, int column, int role) const
{
    if (role == int(ModelRole::ItemKind))
        return int(WorkspaceItemKind::Group);
    if (role != Qt::DisplayRole)
        return {};
    return column == Name ? group.title : QString::number(group.positions.size());
}

QVariant
StorageTreeModel::leafData(const Group &group, const Leaf &leaf, int column, int role) const
{
    const bool storage = group.kind == WorkspaceItemKind::StorageClass;
    switch (role) {
    case Qt::DisplayRole:
        if (column == Name)
            return leaf.name;
        return storage ? classBadgeName(leaf.badge.badge) : leaf.detail;
    case Qt::ToolTipRole:
        return storage && !leaf.badge.reason.isEmpty() ? leaf.badge.reason : leaf.toolTip;
    case int(ModelRole::ItemKind):
        return int(group.kind);
    case int(ModelRole::ItemIndex):
        return group.positions[leaf.row];
    case int(ModelRole::SearchText):
        return leaf.searchText;
    case int(ModelRole::TableKind):
        return group.kind == WorkspaceItemKind::Node ? QVariant() : QVariant(int(leaf.rowKind));
    case int(ModelRole::Badge):
        return storage ? QVariant(int(leaf.badge.badge)) : QVariant();
    case int(ModelRole::BadgeReason):
        return storage ? QVariant(leaf.badge.reason) : QVariant();
    default:
        return {};
    }
}

QVariant StorageTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == Name ? tr("Table") : tr("Status");
}

} // namespace Core
