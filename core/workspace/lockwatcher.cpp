// SPDX-License-Identifier: MIT
#include "lockwatcher.h"

#include <core/db/session.h>

#include <QThread>

namespace Core {

void watchLockWaits(const LockWatch &watch)
{
    auto session = Db::Session::open(watch.conninfo);
    if (!session)
        return; // the migration reports its own connection errors; watching is best effort
    std::optional<Db::LockWait> last;
    while (!watch.stop.isCancelled()) {
        if (watch.cancel.isCancelled()) {
            // The migration checks the token between statements; this interrupts the one that
            // runs or waits now, and its transaction rolls back. Sent on every poll until the
            // migration returns: a request that arrives between two statements cancels nothing.
            (void)Db::cancelBackend(**session, watch.pid);
        }
        auto wait = Db::readLockWait(**session, watch.pid);
        if (wait) {
            // Ages change every poll; report when what is waited for or who blocks changes,
            // and at most once a second otherwise, so the view's ages stay current.
            const bool changed = wait->has_value() != last.has_value()
                                 || (wait->has_value() && last
                                     && ((*wait)->relation != last->relation
                                         || (*wait)->blockers.size() != last->blockers.size()
                                         || (*wait)->waitingMs / 1000 != last->waitingMs / 1000));
            if (changed && watch.report)
                watch.report(*wait);
            last = *wait;
        }
        QThread::msleep(quint64(watch.intervalMs));
    }
}

} // namespace Core
