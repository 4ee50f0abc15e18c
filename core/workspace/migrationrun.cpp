// SPDX-License-Identifier: MIT
#include "migrationrun.h"

#include "lockwatcher.h"

#include <core/db/session.h>

#include <QtConcurrent>

namespace Core {

Result<Migrate::ApplyResult> runMigration(const MigrationRun &run)
{
    auto session = Db::Session::open(run.conninfo);
    if (!session)
        return fail(session.error());
    LockWatch watch;
    watch.conninfo = run.conninfo;
    watch.pid = (*session)->backendPid();
    watch.cancel = run.cancel;
    watch.report = run.onLockWait;
    QFuture<void> watcher = QtConcurrent::run(run.watcherPool, [watch] { watchLockWaits(watch); });
    auto result = Migrate::applyUpgrade(**session, run.manifest, run.options, run.cancel);
    watch.stop.cancel();
    watcher.waitForFinished();
    if (run.onLockWait)
        run.onLockWait(std::nullopt);
    if (!result && run.cancel.isCancelled())
        return fail(ErrorCode::Cancelled,
                    run.options.rehearse
                        ? QStringLiteral("The rehearsal was cancelled; it changed nothing.")
                        : QStringLiteral("The migration was cancelled and rolled back; nothing "
                                         "was changed."),
                    result.error().detail);
    return result;
}

} // namespace Core
