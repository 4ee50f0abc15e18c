// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/providermanifest.h>
#include <core/models/roles.h>

#include <QAbstractItemModel>

namespace Core {

// The workspace tree: three groups (storage classes, nodes, external tables) with one row per
// manifest entry. Two columns: name and a short detail (kind, output table, owner).
class WorkspaceModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    explicit WorkspaceModel(QObject *parent = nullptr);

    void setManifest(const ProviderManifest &manifest);
    const ProviderManifest &manifest() const { return m_manifest; }

    // The index of the row showing `kind` number `position`, e.g. the third storage class.
    QModelIndex indexFor(WorkspaceItemKind kind, int position) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int childCount(int group) const;
    QVariant groupData(int group, int column, int role) const;
    QVariant leafData(int group, int row, int column, int role) const;

    ProviderManifest m_manifest;
};

} // namespace Core
