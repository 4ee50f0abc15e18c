// SPDX-License-Identifier: MIT
#pragma once

#include <core/db/livetable.h>

#include <QAbstractTableModel>

namespace Core {

// Sessions holding or waiting for a lock: those on one table, as read by Db::readLiveTables, or
// those blocking a migration, as Db::readLockWait reports them. Waiting rows have
// ModelRole::Emphasis.
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

// "42 s", "3 min 12 s", "2 h 5 min": how long a transaction or a wait has lasted.
QString formatAge(double seconds);

} // namespace Core
