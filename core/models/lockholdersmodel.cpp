// SPDX-License-Identifier: MIT
#include "lockholdersmodel.h"

#include <core/models/roles.h>

namespace Core {

QString formatAge(double seconds)
{
    const qint64 s = qint64(seconds);
    if (s < 60)
        return LockHoldersModel::tr("%1 s").arg(s);
    if (s < 3600)
        return LockHoldersModel::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return LockHoldersModel::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

LockHoldersModel::LockHoldersModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void LockHoldersModel::setHolders(const QList<Db::TableLockHolder> &holders)
{
    // The same sessions again (a watcher reports every second, with new ages): update the cells
    // and keep the view's selection.
    bool samePids = holders.size() == m_holders.size();
    for (qsizetype i = 0; samePids && i < holders.size(); ++i)
        samePids = holders.at(i).pid == m_holders.at(i).pid;
    if (samePids) {
        m_holders = holders;
        if (!m_holders.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_holders.size()) - 1, Count - 1));
        return;
    }
    beginResetModel();
    m_holders = holders;
    endResetModel();
}

int LockHoldersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_holders.size());
}

int LockHoldersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant LockHoldersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Db::TableLockHolder &h = m_holders[index.row()];
    if (role == int(ModelRole::Emphasis))
        return !h.granted;
    if (role == Qt::ToolTipRole)
        return index.column() == Query ? h.query : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Pid:
        return h.pid;
    case User:
        return h.user;
    case Application:
        return h.application;
    case Mode:
        return h.mode;
    case Granted:
        return h.granted ? tr("holds") : tr("waits");
    case Age:
        return formatAge(h.ageSeconds);
    case Query:
        return QString(h.query).replace(u'\n', u' ');
    }
    return {};
}

QVariant LockHoldersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Pid:
        return tr("PID");
    case User:
        return tr("User");
    case Application:
        return tr("Application");
    case Mode:
        return tr("Lock mode");
    case Granted:
        return tr("Granted");
    case Age:
        return tr("Age");
    case Query:
        return tr("Query");
    }
    return {};
}

} // namespace Core
