// SPDX-License-Identifier: MIT
#pragma once

#include <core/db/lockwait.h>

#include <QAbstractTableModel>

namespace Core {

// The sessions that block a waiting migration: pid, user, application, state, transaction age
// and query, as pg_stat_activity shows them.
class BlockersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Pid, User, Application, State, Age, Query, Count };

    explicit BlockersModel(QObject *parent = nullptr);

    void setBlockers(const QList<Db::Blocker> &blockers);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Db::Blocker> m_blockers;
};

// "4.2 s", "3 min 12 s", "2 h 5 min": how long a transaction has been open.
QString formatAge(qint64 milliseconds);

} // namespace Core
