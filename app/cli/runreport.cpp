// SPDX-License-Identifier: MIT
#include "runreport.h"

#include "command.h"

namespace Cli {

using Core::Run::RunRecord;
using Core::Run::RunStatus;

namespace {

QString headline(const RunRecord &r)
{
    switch (r.status) {
    case RunStatus::Succeeded:
        return QStringLiteral("Succeeded: %1 rows written, no rejects.").arg(r.counters.committed);
    case RunStatus::SucceededWithRejects:
        return QStringLiteral("Succeeded with %1 rejects: %2 rows written; the rejected rows "
                              "were not written.")
            .arg(r.counters.rejected)
            .arg(r.counters.committed);
    case RunStatus::Failed:
        return QStringLiteral("FAILED: %1").arg(r.message);
    case RunStatus::Cancelled:
        return QStringLiteral("CANCELLED: %1").arg(r.message);
    case RunStatus::Running:
        return QStringLiteral("Running since %1 UTC.")
            .arg(r.startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    }
    return {};
}

QString rate(const RunRecord &r)
{
    if (r.counters.elapsedMs <= 0)
        return {};
    return QStringLiteral(", %1 rows/s")
        .arg(qRound64(r.counters.rowsRead * 1000.0 / r.counters.elapsedMs));
}

} // namespace

void printRunSummary(QTextStream &o, const RunRecord &r, int samplesShown)
{
    o << "Run " << r.runId << " of " << r.nodePath << " into " << r.tableSchema << "."
      << r.tableName << " (" << Core::Run::writePolicyName(r.policy) << ")\n";
    o << headline(r) << "\n";
    const Core::Run::RunCounters &c = r.counters;
    o << "  read " << c.rowsRead;
    if (c.expectedRows)
        o << " of " << *c.expectedRows << " announced";
    o << ", accepted " << c.accepted << ", rejected " << c.rejected << "\n"
      << "  inserted " << c.inserted << ", updated " << c.updated << ", committed " << c.committed
      << "\n"
      << "  " << QString::number(c.elapsedMs / 1000.0, 'f', 2) << " s" << rate(r);
    o << (r.exitCode ? QStringLiteral(", runner exit code %1").arg(*r.exitCode)
                     : QStringLiteral(", runner exit code none (killed or not started)"))
      << "\n";
    if (r.rejectCounts.isEmpty())
        return;
    o << "Rejects by rule:\n";
    for (const auto &[rule, count] : r.rejectCounts) {
        o << "  " << Core::Run::ruleId(rule) << ": " << count << "\n";
        int shown = 0;
        for (const auto &[sampleRule, s] : r.samples) {
            if (sampleRule != rule || shown++ >= samplesShown)
                continue;
            o << "    line " << s.line;
            if (!s.column.isEmpty())
                o << ", " << s.column;
            o << ": " << s.reason;
            if (!s.value.isEmpty())
                o << " (value " << s.value << ")";
            if (!s.grainKey.isEmpty())
                o << " [" << s.grainKey << "]";
            o << "\n";
        }
    }
}

void printRunList(QTextStream &o, const QList<RunRecord> &records)
{
    if (records.isEmpty()) {
        o << "No runs recorded.\n";
        return;
    }
    for (const RunRecord &r : records) {
        const Core::Run::RunCounters &c = r.counters;
        o << r.startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "  "
          << Core::Run::runStatusName(r.status).leftJustified(22) << " " << r.nodePath << "  "
          << Core::Run::writePolicyName(r.policy) << "  read " << c.rowsRead << ", accepted "
          << c.accepted << ", rejected " << c.rejected << ", inserted " << c.inserted
          << ", updated " << c.updated << ", committed " << c.committed << "  run " << r.runId
          << "\n";
        if (!r.message.isEmpty())
            o << "    " << r.message << "\n";
    }
}

int runExitCode(const RunRecord &record)
{
    switch (record.status) {
    case RunStatus::Succeeded:
        return ExitOk;
    case RunStatus::SucceededWithRejects:
        return ExitFindings;
    default:
        return ExitError;
    }
}

} // namespace Cli
