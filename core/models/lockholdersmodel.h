// SPDX-License-Identifier: MIT
#pragma once

#include <core/db/livetable.h>

#include <QAbstractTableModel>

namespace Core {

// The sessions holding or waiting for a lock on one table, as read by Db::readLiveTables.
// Waiting rows have ModelRole::Emphasis.
class LockHoldersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Pid, User, Application, Mode, Granted, Age, Query, Count };

    explicit LockHoldersModel(QObject *parent = nullptr);

    void setHolders(const QList<Db::TableLockHolder> &holders);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Db::TableLockHolder> m_holders;
};

} // namespace Core
