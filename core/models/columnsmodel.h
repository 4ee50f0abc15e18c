// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>

#include <QAbstractTableModel>

namespace Core {

// The columns of one storage class's contract, in declaration order.
class ColumnsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Name, Label, DataType, BackendType, Nullable, IndexRole, Description, Count };

    explicit ColumnsModel(QObject *parent = nullptr);

    void setStorageClass(const StorageClass &storageClass);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString indexRole(const Column &column) const;

    StorageClass m_storage;
};

} // namespace Core
