// SPDX-License-Identifier: MIT
#include "runhistorymodel.h"

#include "roles.h"

namespace Core {

QString describeRunStatus(const Run::RunRecord &run)
{
    switch (run.status) {
    case Run::RunStatus::Running:
        return QObject::tr("running");
    case Run::RunStatus::Succeeded:
        return QObject::tr("succeeded");
    case Run::RunStatus::SucceededWithRejects:
        return QObject::tr("succeeded with %n reject(s)", nullptr, int(run.counters.rejected));
    case Run::RunStatus::Failed:
        return QObject::tr("failed");
    case Run::RunStatus::Cancelled:
        return QObject::tr("cancelled");
    }
    return {};
}

RunHistoryModel::RunHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void RunHistoryModel::setRuns(const QList<Run::RunRecord> &runs)
{
    beginResetModel();
    m_runs = runs;
    endResetModel();
}

void RunHistoryModel::setCurrentUpdateHash(const QString &hash)
{
    if (hash == m_currentHash)
        return;
    m_currentHash = hash;
    if (!m_runs.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, SectionCount - 1));
}

const Run::RunRecord *RunHistoryModel::run(int row) const
{
    return row >= 0 && row < m_runs.size() ? &m_runs.at(row) : nullptr;
}

int RunHistoryModel::matchingRuns() const
{
    return int(std::count_if(m_runs.cbegin(), m_runs.cend(), [this](const Run::RunRecord &r) {
        return !m_currentHash.isEmpty() && r.updateHash == m_currentHash;
    }));
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : SectionCount;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Run::RunRecord &r = m_runs.at(index.row());
    if (role == int(ModelRole::Emphasis))
        return !m_currentHash.isEmpty() && r.updateHash == m_currentHash;
    if (role == Qt::ToolTipRole && index.column() == UpdateHash)
        return r.updateHash == m_currentHash
                   ? tr("The configuration being edited has this update identity")
                   : tr("Another update identity than the configuration being edited");
    if (role == Qt::ToolTipRole && index.column() == Status && !r.message.isEmpty())
        return r.message;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Started:
        return r.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Status:
        return describeRunStatus(r);
    case Read:
        return qlonglong(r.counters.rowsRead);
    case Accepted:
        return qlonglong(r.counters.accepted);
    case Rejected:
        return qlonglong(r.counters.rejected);
    case Inserted:
        return qlonglong(r.counters.inserted);
    case Updated:
        return qlonglong(r.counters.updated);
    case Policy:
        return Run::writePolicyName(r.policy);
    case UpdateHash:
        return r.updateHash;
    default:
        return {};
    }
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Started:
        return tr("Started");
    case Status:
        return tr("Status");
    case Read:
        return tr("Read");
    case Accepted:
        return tr("Accepted");
    case Rejected:
        return tr("Rejected");
    case Inserted:
        return tr("Inserted");
    case Updated:
        return tr("Updated");
    case Policy:
        return tr("Policy");
    case UpdateHash:
        return tr("update_hash");
    default:
        return {};
    }
}

} // namespace Core
