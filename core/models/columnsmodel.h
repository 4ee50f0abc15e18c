// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>

#include <QPointer>

namespace Core::Steward {
class StewardEdits;
}

#include <QAbstractTableModel>

namespace Core {

// The columns of one storage class's contract, in declaration order. With the workspace's
// steward edits attached, labels and descriptions are editable (each edit an undo command),
// shown as they will be saved, pending ones marked (ModelRole::Pending) with the steward's lint
// in their tooltip.
class ColumnsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Name, Label, DataType, BackendType, Nullable, IndexRole, Description, Count };

    explicit ColumnsModel(QObject *parent = nullptr);

    void setStorageClass(const StorageClass &storageClass);
    void setStewardEdits(Steward::StewardEdits *edits);

    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString indexRole(const Column &column) const;
    void reloadEdited();
    bool isText(int section) const { return section == Label || section == Description; }

    StorageClass m_storage;
    QPointer<Steward::StewardEdits> m_edits;
};

} // namespace Core
