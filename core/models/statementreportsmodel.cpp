// SPDX-License-Identifier: MIT
#include "statementreportsmodel.h"

#include <core/migrate/locks.h>
#include <core/models/roles.h>

#include <algorithm>

namespace Core {

StatementReportsModel::StatementReportsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void StatementReportsModel::start(const QStringList &summaries)
{
    beginResetModel();
    m_summaries = summaries;
    m_rows.clear();
    endResetModel();
}

void StatementReportsModel::statementStarted(const Migrate::StatementReport &report)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append({report, false, {}});
    endInsertRows();
}

void StatementReportsModel::statementFinished(const Migrate::StatementReport &report)
{
    if (m_rows.isEmpty() || m_rows.constLast().finished) {
        statementStarted(report); // a finish without its start: show it all the same
    }
    Row &row = m_rows.last();
    row.report = report;
    row.finished = true;
    const int r = int(m_rows.size()) - 1;
    emit dataChanged(index(r, 0), index(r, Count - 1));
}

void StatementReportsModel::lockWaitChanged(const std::optional<Db::LockWait> &wait)
{
    if (!wait || m_rows.isEmpty() || m_rows.constLast().finished)
        return;
    QStringList pids;
    for (const Db::TableLockHolder &b : wait->blockers)
        pids.append(QString::number(b.pid));
    const auto mode = Migrate::lockModeFromPg(wait->lockMode);
    const QString text = tr("%1 on %2, blocked by pid %3")
                             .arg(mode ? Migrate::lockModeName(*mode) : wait->lockMode,
                                  wait->relation,
                                  pids.join(QStringLiteral(", ")));
    Row &row = m_rows.last();
    if (!row.waits.contains(text))
        row.waits.append(text);
    const int r = int(m_rows.size()) - 1;
    emit dataChanged(index(r, Waited), index(r, Waited));
}

int StatementReportsModel::failedRow() const
{
    for (int r = 0; r < m_rows.size(); ++r) {
        if (m_rows.at(r).report.error)
            return r;
    }
    return -1;
}

int StatementReportsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StatementReportsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant StatementReportsModel::display(const Row &row, int column) const
{
    const Migrate::StatementReport &r = row.report;
    switch (column) {
    case Step:
        return tr("%1. %2").arg(r.operation + 1).arg(m_summaries.value(r.operation));
    case Statement:
        return r.statement;
    case Time:
        return row.finished ? tr("%L1 ms").arg(r.elapsedMs, 0, 'f', r.elapsedMs < 10 ? 2 : 0)
                            : tr("running…");
    case LocksTaken: {
        // The strongest new mode per table: the ACCESS SHARE a statement takes to look a table
        // up says nothing next to the lock that matters.
        QList<Migrate::TableLock> strongest;
        for (const Migrate::TableLock &l : r.locksTaken) {
            auto it = std::find_if(strongest.begin(), strongest.end(), [&](const auto &s) {
                return s.schema == l.schema && s.table == l.table;
            });
            if (it == strongest.end())
                strongest.append(l);
            else if (it->mode < l.mode)
                it->mode = l.mode;
        }
        QStringList locks;
        for (const Migrate::TableLock &l : strongest)
            locks.append(tr("%1 on %2").arg(Migrate::lockModeName(l.mode), l.table));
        return locks.join(QStringLiteral("; "));
    }
    case Waited:
        return row.waits.join(QStringLiteral("; "));
    case Outcome:
        if (!row.finished)
            return row.waits.isEmpty() ? tr("running") : tr("waiting for a lock");
        return r.error ? tr("failed: %1").arg(r.error->detail.section(QLatin1Char('\n'), 0, 0))
                       : tr("ok");
    default:
        return {};
    }
}

QVariant StatementReportsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        if (role == Qt::ToolTipRole && index.column() == Outcome && row.report.error)
            return row.report.error->message + QLatin1Char('\n') + row.report.error->detail;
        return display(row, index.column());
    }
    if (role == int(ModelRole::RiskLevel) && index.column() == Outcome)
        return row.report.error ? int(Migrate::RiskLevel::Blocker)
                                : (row.waits.isEmpty() ? -1 : int(Migrate::RiskLevel::Warning));
    return {};
}

QVariant StatementReportsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Step:
        return tr("Operation");
    case Statement:
        return tr("Statement");
    case Time:
        return tr("Time");
    case LocksTaken:
        return tr("Locks taken");
    case Waited:
        return tr("Waited for");
    case Outcome:
        return tr("Outcome");
    default:
        return {};
    }
}

} // namespace Core
