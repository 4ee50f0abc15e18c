// SPDX-License-Identifier: MIT
#pragma once

#include <core/models/classbadge.h>
#include <core/models/roles.h>
#include <core/models/storagetreemodel.h>

#include <QHash>
#include <QWidget>

class QLineEdit;
class QModelIndex;
class QTreeView;

namespace Core {
class StorageFilterModel;
struct ProviderManifest;
} // namespace Core

namespace Gui {

// The workspace's tables: a filter line (Ctrl+F focuses it, Escape clears it) over a tree of
// storage classes grouped by namespace, external tables and nodes, each class with its status.
class StorageBrowser : public QWidget
{
    Q_OBJECT

public:
    explicit StorageBrowser(QWidget *parent = nullptr);

    void setManifest(const Core::ProviderManifest &manifest);
    // The same from contents StorageTreeModel::prepare() built on a worker.
    void setContents(std::shared_ptr<const Core::StorageTreeModel::Contents> contents);
    void setBadges(const QHash<QString, Core::ClassBadgeInfo> &byClassPath);

    // Selects the row of `kind` number `position`, clearing the filter when it hides the row.
    // False when there is no such row.
    bool select(Core::WorkspaceItemKind kind, int position);
    // Selects the storage class or external table `schema`.`table` the same way.
    bool selectTable(const QString &schema, const QString &table);

    // Positions in the manifest of the storage classes selected (Ctrl/Shift-click selects
    // several), in the tree's order.
    QList<int> selectedStorageClasses() const;
    QString filterText() const;
    void setFilterText(const QString &text);

    Core::StorageTreeModel *model() const { return m_model; }
    QTreeView *view() const { return m_tree; }

signals:
    // The current row changed: a storage class, external table or node and its position in
    // the manifest list, or (Group, -1) for a group row or no row.
    void currentChanged(Core::WorkspaceItemKind kind, int position);
    void selectionChanged();

private:
    void applyFilter(const QString &text);
    void onCurrentChanged(const QModelIndex &current);
    bool selectSource(const QModelIndex &sourceIndex);
    void expandGroups();

    Core::StorageTreeModel *m_model;
    Core::StorageFilterModel *m_filter;
    QLineEdit *m_filterEdit;
    QTreeView *m_tree;
};

} // namespace Gui
