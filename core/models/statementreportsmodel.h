// SPDX-License-Identifier: MIT
#pragma once

#include <core/db/lockwait.h>
#include <core/migrate/apply.h>

#include <QAbstractTableModel>

namespace Core {

// The statements of a rehearsal or an apply as they run: one row each, with its time, the locks
// it took, the locks it had to wait for (as the lock watcher saw them) and its error.
class StatementReportsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section { Step, Statement, Time, LocksTaken, Waited, Outcome, Count };

    explicit StatementReportsModel(QObject *parent = nullptr);

    // `summaries` names each operation of the plan that runs, for the Step column.
    void start(const QStringList &summaries);
    void statementStarted(const Migrate::StatementReport &report);
    void statementFinished(const Migrate::StatementReport &report);
    // The running statement waits for `wait` (nullopt: it no longer waits).
    void lockWaitChanged(const std::optional<Db::LockWait> &wait);

    const Migrate::StatementReport &reportAt(int row) const { return m_rows.at(row).report; }
    int failedRow() const; // -1 when none failed

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        Migrate::StatementReport report;
        bool finished = false;
        QStringList waits; // "AccessExclusiveLock on public.t, 1.2 s, blocked by pid 4242"
    };
    QVariant display(const Row &row, int column) const;

    QStringList m_summaries;
    QList<Row> m_rows;
};

} // namespace Core
