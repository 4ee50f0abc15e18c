// SPDX-License-Identifier: MIT
#pragma once

#include <core/migrate/plan.h>

#include <QList>
#include <QString>

namespace Core::Migrate {

// PostgreSQL's table lock modes, weakest first (the order of the documentation's conflict table).
enum class LockMode {
    AccessShare,
    RowShare,
    RowExclusive,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    Exclusive,
    AccessExclusive,
};

// One table lock a statement takes.
struct TableLock
{
    QString schema;
    QString table;
    LockMode mode = LockMode::AccessExclusive;
    bool operator==(const TableLock &) const = default;
};

// The table locks an operation's statements take on tables other sessions can see, strongest
// per table, as PostgreSQL 15 documents them for each ALTER TABLE / CREATE INDEX / COMMENT form
// (and as a rehearsal observes them in pg_locks). A table the plan creates is invisible to every
// other session until commit, so its locks block nobody and are not listed; catalog-only
// operations lock no provider table.
QList<TableLock> locksFor(const Operation &operation);

QString lockModeName(LockMode mode); // "ACCESS EXCLUSIVE", "SHARE ROW EXCLUSIVE", ...
// pg_locks.mode ("AccessExclusiveLock") to the mode; nullopt for a name that is no table lock.
std::optional<LockMode> lockModeFromPg(const QString &pgLocksMode);
// What other sessions can no longer do on the table while the lock is held, in one line.
QString lockBlocks(LockMode mode);
// Whether a lock in this mode keeps other sessions from writing the table (SHARE and stronger).
bool blocksWrites(LockMode mode);

} // namespace Core::Migrate
