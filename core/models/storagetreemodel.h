// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/providermanifest.h>
#include <core/models/classbadge.h>
#include <core/models/roles.h>

#include <QAbstractItemModel>
#include <QHash>
#include <QList>

#include <memory>

namespace Core {

// The storage browser's tree: one group per registration namespace (sorted by name) holding its
// storage classes in manifest order, then "External tables", then "Nodes". Two columns: the
// table (or node) name and a status (the class's badge). Leaves carry ItemKind, ItemIndex (the
// position in the manifest list), TableKind (a StorageRowKind), Badge, BadgeReason and SearchText
// on every column.
// Everything data() returns is computed in setManifest()/setBadges(), so data() is O(1).
class StorageTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Section { Name, Status, Count };

    explicit StorageTreeModel(QObject *parent = nullptr);
    ~StorageTreeModel() override;

    // Everything the model shows for a manifest, built by prepare() on any thread (thousands of
    // classes take tens of milliseconds) and swapped in by setContents() on the model's.
    struct Contents;
    [[nodiscard]] static std::shared_ptr<const Contents> prepare(const ProviderManifest &manifest);
    void setContents(std::shared_ptr<const Contents> contents);

    void setManifest(const ProviderManifest &manifest); // prepare() and setContents() in one
    const ProviderManifest &manifest() const { return m_contents.manifest; }

    // Badges by StorageClass::classRef.path() ("module:qualname"); a class missing from the hash
    // goes back to ClassBadge::Unknown. Emits dataChanged only for the rows whose badge changed.
    void setBadges(const QHash<QString, ClassBadgeInfo> &byClassPath);
    ClassBadgeInfo badge(int storagePosition) const;

    // The row showing `kind` number `position` (column 0), or an invalid index.
    QModelIndex indexFor(WorkspaceItemKind kind, int position) const;
    // The storage class (by physical schema and table name), else the external table, with that
    // name; invalid when there is none.
    QModelIndex indexForTable(const QString &schema, const QString &table) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Group
    {
        QString title;
        WorkspaceItemKind kind; // kind of its children
        QList<int> positions;   // manifest positions of the children, in row order
    };
    // One leaf, by kind and manifest position.
    struct Leaf
    {
        int group = 0;
        int row = 0;
        QString name;
        QString detail;
        QString toolTip;
        QString searchText;
        StorageRowKind rowKind = StorageRowKind::Relational;
        ClassBadgeInfo badge;
    };

public:
    struct Contents
    {
        ProviderManifest manifest;
        QList<Group> groups;
        QList<Leaf> storage;
        QList<Leaf> external;
        QList<Leaf> nodes;
        QHash<QString, int> storageByTable;  // "schema\ntable" -> storage position
        QHash<QString, int> externalByTable; // "schema\ntable" -> external position
    };

private:
    static void buildLeaves(Contents &m);
    const Leaf *leafAt(const QModelIndex &index) const;
    const QList<Leaf> &leavesOf(WorkspaceItemKind kind) const;
    QVariant groupData(const Group &group, int column, int role) const;
    QVariant leafData(const Group &group, const Leaf &leaf, int column, int role) const;
    void emitRowsChanged(const QList<int> &changedPositions);

    Contents m_contents;
};

} // namespace Core
