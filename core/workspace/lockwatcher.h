// SPDX-License-Identifier: MIT
#pragma once

#include <core/db/lockwait.h>
#include <core/util/canceltoken.h>

#include <QString>

#include <functional>
#include <optional>

namespace Core {

// Watches one backend from a connection of its own while a migration runs on it: reports the
// lock it waits for and who blocks it whenever that changes, and cancels its statement
// (pg_cancel_backend) as soon as `cancel` fires. Returns when `stop` fires. Runs on a worker
// thread; `report` is called on that thread.
struct LockWatch
{
    QString conninfo;
    int pid = 0;
    int intervalMs = 200;
    CancelToken cancel;
    CancelToken stop;
    std::function<void(const std::optional<Db::LockWait> &)> report;
};

void watchLockWaits(const LockWatch &watch);

} // namespace Core
