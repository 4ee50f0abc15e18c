// SPDX-License-Identifier: MIT
#pragma once

#include <core/db/livetable.h>
#include <core/util/result.h>

#include <QList>
#include <QString>

#include <optional>

namespace Core::Db {

class Session;

// What one backend waits for right now, and who makes it wait.
struct LockWait
{
    QString lockMode;     // PostgreSQL's name, e.g. "AccessExclusiveLock"
    QString relation;     // "schema.table", or the lock type when it is no relation's
    qint64 waitingMs = 0; // how long its current statement has run
    // The sessions pg_blocking_pids() names: holders of a conflicting lock (granted) and sessions
    // queued ahead for one (not granted), each with its mode on the same object.
    QList<TableLockHolder> blockers;
    bool operator==(const LockWait &) const = default;
};

// One round trip: the lock `pid` waits for (nullopt when it waits for none) and the sessions
// pg_blocking_pids() names. Runs on a session of its own, since the waiting one is busy.
[[nodiscard]] Result<std::optional<LockWait>> readLockWait(Session &session, int pid);

// Asks the server to cancel the statement `pid` runs (pg_cancel_backend): the way to stop a
// backend that waits for a lock, from a session of the same role.
[[nodiscard]] Result<bool> cancelBackend(Session &session, int pid);

} // namespace Core::Db
