// SPDX-License-Identifier: MIT
// The words and the JSON shape of a node run: what `metatable run --format json` prints, what
// the catalog's jsonb columns hold, and what the GUI compares.
#include "noderun.h"
#include "runrecords.h"

#include <array>
#include <utility>

namespace Core::Run {

namespace {

constexpr std::array<std::pair<RunStatus, const char *>, 5> statusNames = {{
    {RunStatus::Running, "running"},
    {RunStatus::Succeeded, "succeeded"},
    {RunStatus::SucceededWithRejects, "succeeded_with_rejects"},
    {RunStatus::Failed, "failed"},
    {RunStatus::Cancelled, "cancelled"},
}};

std::string text(const QString &s)
{
    return s.toStdString();
}

Json timeJson(const QDateTime &t)
{
    if (!t.isValid())
        return nullptr;
    return text(t.toUTC().toString(Qt::ISODateWithMs));
}

} // namespace

QString writePolicyName(WritePolicy policy)
{
    return policy == WritePolicy::Batched ? QStringLiteral("batched") : QStringLiteral("atomic");
}

std::optional<WritePolicy> writePolicyFromName(const QString &name)
{
    if (name == u"atomic")
        return WritePolicy::Atomic;
    if (name == u"batched")
        return WritePolicy::Batched;
    return std::nullopt;
}

QString runStatusName(RunStatus status)
{
    for (const auto &[s, name] : statusNames) {
        if (s == status)
            return QLatin1String(name);
    }
    return {};
}

std::optional<RunStatus> runStatusFromName(const QString &name)
{
    for (const auto &[s, n] : statusNames) {
        if (name == QLatin1String(n))
            return s;
    }
    return std::nullopt;
}

Json rejectSampleJson(const RejectSample &s)
{
    return Json{{"line", s.line},
                {"column", text(s.column)},
                {"value", text(s.value)},
                {"reason", text(s.reason)},
                {"grain_key", text(s.grainKey)}};
}

Json RunRecord::toJson() const
{
    Json rejects = Json::array();
    for (const auto &[rule, count] : rejectCounts) {
        Json samplesOfRule = Json::array();
        for (const auto &[r, sample] : samples) {
            if (r == rule)
                samplesOfRule.push_back(rejectSampleJson(sample));
        }
        rejects.push_back(
            Json{{"rule", ruleId(rule)}, {"count", count}, {"samples", std::move(samplesOfRule)}});
    }
    const Json countersJson
        = {{"rows_read", counters.rowsRead},
           {"accepted", counters.accepted},
           {"rejected", counters.rejected},
           {"inserted", counters.inserted},
           {"updated", counters.updated},
           {"committed", counters.committed},
           {"expected_rows", counters.expectedRows ? Json(*counters.expectedRows) : Json(nullptr)},
           {"elapsed_ms", counters.elapsedMs}};
    return Json{{"run_id", text(runId)},
                {"node", text(nodePath)},
                {"update_hash", text(updateHash)},
                {"storage_hash", text(storageHash)},
                {"config", config},
                {"storage_class", text(storageClass)},
                {"table_schema", text(tableSchema)},
                {"table_name", text(tableName)},
                {"policy", text(writePolicyName(policy))},
                {"status", text(runStatusName(status))},
                {"started_at", timeJson(startedAt)},
                {"finished_at", timeJson(finishedAt)},
                {"counters", countersJson},
                {"rejects", std::move(rejects)},
                {"exit_code", exitCode ? Json(*exitCode) : Json(nullptr)},
                {"log_tail", text(logTail)},
                {"message", text(message)}};
}

} // namespace Core::Run
