// SPDX-License-Identifier: MIT
#pragma once

#include <core/run/noderun.h>

#include <QAbstractTableModel>

namespace Core {

// A node's runs, newest first: when, how it ended, its figures and its update identity. Runs
// whose update_hash is the configuration's current one have ModelRole::Emphasis.
class RunHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Section {
        Started,
        Status,
        Read,
        Accepted,
        Rejected,
        Inserted,
        Updated,
        Policy,
        UpdateHash,
        SectionCount
    };

    explicit RunHistoryModel(QObject *parent = nullptr);

    void setRuns(const QList<Run::RunRecord> &runs);
    void setCurrentUpdateHash(const QString &hash);
    const Run::RunRecord *run(int row) const;
    int matchingRuns() const; // runs with the current update_hash

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Run::RunRecord> m_runs;
    QString m_currentHash;
};

// "succeeded", "succeeded with 12 rejects", "failed", ...: a status as people read it.
QString describeRunStatus(const Run::RunRecord &run);

} // namespace Core
