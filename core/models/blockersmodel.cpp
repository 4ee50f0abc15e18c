// SPDX-License-Identifier: MIT
#include "blockersmodel.h"

namespace Core {

QString formatAge(qint64 ms)
{
    if (ms < 60000)
        return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

BlockersModel::BlockersModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void BlockersModel::setBlockers(const QList<Db::Blocker> &blockers)
{
    // Same sessions: update the cells (ages change every poll) without resetting the selection.
    bool samePids = blockers.size() == m_blockers.size();
    for (qsizetype i = 0; samePids && i < blockers.size(); ++i)
        samePids = blockers.at(i).pid == m_blockers.at(i).pid;
    if (samePids) {
        m_blockers = blockers;
        if (!m_blockers.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_blockers.size()) - 1, Count - 1));
        return;
    }
    beginResetModel();
    m_blockers = blockers;
    endResetModel();
}

int BlockersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_blockers.size());
}

int BlockersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant BlockersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const Db::Blocker &b = m_blockers.at(index.row());
    switch (index.column()) {
    case Pid:
        return b.pid;
    case User:
        return b.user;
    case Application:
        return b.application;
    case State:
        return b.state;
    case Age:
        return b.transactionAgeMs > 0 ? formatAge(b.transactionAgeMs) : formatAge(b.stateAgeMs);
    case Query:
        return role == Qt::DisplayRole ? b.query.simplified() : b.query;
    default:
        return {};
    }
}

QVariant BlockersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Pid:
        return tr("PID");
    case User:
        return tr("User");
    case Application:
        return tr("Application");
    case State:
        return tr("State");
    case Age:
        return tr("Transaction age");
    case Query:
        return tr("Query");
    default:
        return {};
    }
}

} // namespace Core
