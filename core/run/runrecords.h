// SPDX-License-Identifier: MIT
// Run records in the catalog (metatable_catalog.node_runs, catalog version 2).
#pragma once

#include <core/run/noderun.h>

namespace Core::Db {
class Session;
}

namespace Core::Run {

// {"line", "column", "value", "reason", "grain_key"}: one reject sample in reports and records.
Json rejectSampleJson(const RejectSample &sample);

// The rejects of `log` as a record holds them: rules with a count, then their kept samples.
void fillRejects(RunRecord &record, const RejectLog &log);

// Inserts the record of a run that starts (status running), on a connection of its own so it
// survives the run's rollback. `metaTableUid` is the storage class's catalog row.
[[nodiscard]] VoidResult insertRunRecord(Db::Session &session,
                                         const RunRecord &record,
                                         const QString &providerKey,
                                         const QString &metaTableUid);

// Writes the end of a run: status, finish time, counters, rejects, exit code, log tail, message.
[[nodiscard]] VoidResult completeRunRecord(Db::Session &session, const RunRecord &record);

// Records newest first; `nodePath` empty = every node; `runningOnly` = status running.
[[nodiscard]] Result<QList<RunRecord>>
readRunRecords(Db::Session &session, const QString &nodePath, int limit, bool runningOnly = false);

// Marks the node's records still 'running' as failed: called under the node's lock, so no run
// of it is alive and such a record belongs to a console that ended without completing it.
[[nodiscard]] Result<qint64> closeAbandonedRuns(Db::Session &session, const QString &nodePath);

} // namespace Core::Run
