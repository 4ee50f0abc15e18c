// SPDX-License-Identifier: MIT
#pragma once

#include <core/db/lockwait.h>
#include <core/migrate/apply.h>
#include <core/util/canceltoken.h>

#include <QString>

#include <functional>

class QThreadPool;

namespace Core {

// Runs an apply or a rehearsal on a connection of its own and, beside it, a LockWatch on a
// second one, so whoever blocks a statement is visible and Cancel interrupts a statement that
// waits. The callbacks run on worker threads.
struct MigrationRun
{
    QString conninfo;
    ProviderManifest manifest;
    Migrate::ApplyOptions options;
    CancelToken cancel;
    QThreadPool *watcherPool = nullptr; // where the LockWatch runs
    std::function<void(const std::optional<Db::LockWait> &)> onLockWait;
};

[[nodiscard]] Result<Migrate::ApplyResult> runMigration(const MigrationRun &run);

} // namespace Core
