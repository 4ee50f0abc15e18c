// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/contract/providermanifest.h>
#include <core/run/rejectlog.h>
#include <core/util/canceltoken.h>
#include <core/util/result.h>

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Core::Run {

// How a run's accepted rows reach the node's storage table.
enum class WritePolicy {
    Atomic,  // one transaction: a failed or cancelled run leaves nothing visible
    Batched, // a commit every batch: a failure keeps the committed batches and says how far
};
QString writePolicyName(WritePolicy policy); // "atomic", "batched"
std::optional<WritePolicy> writePolicyFromName(const QString &name);

enum class RunStatus {
    Running,
    Succeeded,
    SucceededWithRejects, // the runner finished, some rows were refused: never shown as success
    Failed,
    Cancelled,
};
QString runStatusName(RunStatus status); // "running", "succeeded", "succeeded_with_rejects", ...
std::optional<RunStatus> runStatusFromName(const QString &name);

struct RunOptions
{
    WritePolicy policy = WritePolicy::Atomic;
    qint64 batchRows = 100000;    // rows per commit under Batched
    std::optional<Json> config;   // the configuration to run with; nullopt: the manifest's
    int samplesPerRule = 50;      // rejects kept per rule
    int graceMs = 3000;           // cancel: terminate, then kill after this long
    QString workingDirectoryBase; // resolves a relative runner.working_directory ("" = the
                                  // manifest's folder, as the caller decides)
};

// The figures of a run, as it goes and at its end. `elapsedMs` counts from the runner's start.
struct RunCounters
{
    qint64 rowsRead = 0; // rows and malformed lines seen
    qint64 accepted = 0;
    qint64 rejected = 0;
    qint64 inserted = 0;  // rows new to the table (known once written)
    qint64 updated = 0;   // rows that replaced a stored row of the same grain
    qint64 committed = 0; // rows visible to other sessions so far (Batched) or at the end
    std::optional<qint64> expectedRows; // the runner's {"expected_rows": N}
    double elapsedMs = 0;
};

// One run, as the catalog keeps it (metatable_catalog.node_runs) and as reports print it.
struct RunRecord
{
    QString runId;    // a UUID
    QString nodePath; // module:qualname of the node class
    QString updateHash;
    QString storageHash;
    Json config = Json::object(); // the effective configuration it ran with
    QString storageClass;         // the storage class's identifier
    QString tableSchema;
    QString tableName;
    WritePolicy policy = WritePolicy::Atomic;
    RunStatus status = RunStatus::Running;
    QDateTime startedAt;  // UTC
    QDateTime finishedAt; // UTC; invalid while running
    RunCounters counters;
    QList<QPair<RejectRule, qint64>> rejectCounts;  // rules with a count > 0
    QList<QPair<RejectRule, RejectSample>> samples; // the first samples per rule
    std::optional<int> exitCode; // the runner's; nullopt when it was killed or never started
    QString logTail;             // the last lines of its standard error
    QString message;             // why it failed or was refused, in words; empty on success

    Json toJson() const; // the CLI's --format json and the GUI's comparisons use this shape
};

// What a running run reports, from the thread that runs it. The caller throttles what it shows
// (the GUI at most 20 updates a second); these calls are cheap and frequent.
struct RunCallbacks
{
    std::function<void(const RunCounters &)> progress;     // at most every 50 ms
    std::function<void(const QString &line)> log;          // each line of standard error
    std::function<void(const RejectLog &)> rejects;        // with progress, when changed
    std::function<void(const RunRecord &started)> started; // the record once it exists
};

// Runs `nodePath` of `manifest` (storage classes bound: WorkspaceDocument::boundManifest() or
// bindManifest) against the database of `conninfo`, blocking until the run ends; call it off the
// GUI thread. Refuses to start, with a message that says to migrate first, when the node's
// storage class is not registered and active. A second run of the same node while one runs is
// refused (a per-node advisory lock); runs of different nodes proceed in parallel. The record is
// written when the run starts and completed when it ends, whatever the outcome. `cancel` stops
// the runner (terminate, kill after the grace period) and ends the run as its policy says.
// Errors are for a run that could not be made at all; a run that failed still returns its record
// (status Failed, message set).
[[nodiscard]] Result<RunRecord> runNode(const QString &conninfo,
                                        const ProviderManifest &manifest,
                                        const QString &nodePath,
                                        const RunOptions &options,
                                        const RunCallbacks &callbacks,
                                        const CancelToken &cancel);

// Run records, newest first; `nodePath` empty = every node. An empty list when the catalog has
// no runs yet.
[[nodiscard]] Result<QList<RunRecord>>
listRuns(const QString &conninfo, const QString &nodePath = {}, int limit = 200);

} // namespace Core::Run
