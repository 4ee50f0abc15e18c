// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/result.h>

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace Core::Db {

class Session;

// A session holding, or waiting for, a lock on a table (pg_locks joined to pg_stat_activity).
struct TableLockHolder
{
    int pid = 0;
    QString user;
    QString application;
    QString mode;          // e.g. "ShareLock", "AccessExclusiveLock"
    bool granted = false;  // false: the session waits for the lock
    QString state;         // pg_stat_activity.state, e.g. "idle in transaction"
    QString query;         // the session's current or last statement
    double ageSeconds = 0; // since its transaction (else its statement) started
    bool operator==(const TableLockHolder &) const = default;
};

// What the server says about one table right now.
struct LiveTableFacts
{
    QString schema;
    QString table;
    bool exists = false;
    qint64 rowEstimate = -1; // pg_class.reltuples; -1 before the first ANALYZE/VACUUM
    qint64 totalBytes = 0;   // pg_total_relation_size: heap, indexes and TOAST
    std::optional<QDateTime> lastAnalyze;
    std::optional<QDateTime> lastAutoanalyze;
    std::optional<QDateTime> lastVacuum;
    std::optional<QDateTime> lastAutovacuum;
    QList<TableLockHolder> locks; // granted first, then waiting; the calling backend excluded
};

// Facts of every (schema, table) pair, in the order asked, in one statement: ordinary and
// partitioned tables only (a missing one has exists = false). Names travel as bound parameters.
[[nodiscard]] Result<QList<LiveTableFacts>>
readLiveTables(Session &session, const QList<QPair<QString, QString>> &schemaTables);

} // namespace Core::Db
