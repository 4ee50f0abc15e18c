// SPDX-License-Identifier: MIT
// `metatable upgrade MANIFEST --db CONNINFO`: review the plan, confirm, apply it in one
// transaction, and say what was done.
#include "command.h"

#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/apply.h>
#include <core/migrate/render.h>

#include <QTextStream>

#include <cmath>
#include <cstdio>

#include <unistd.h>

namespace Cli {

namespace {

const QString Name = QStringLiteral("upgrade");

struct UpgradeArgs
{
    QString manifest;
    QString conninfo;
    bool yes = false;
    bool json = false;
    Core::Migrate::ApplyOptions apply;
};

// "5", "0.5", "30s" -> milliseconds; -1 when the text is not a non-negative number of seconds.
int parseSeconds(QString text)
{
    if (text.endsWith(QLatin1Char('s')))
        text.chop(1);
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || seconds < 0 || !std::isfinite(seconds) || seconds > 86400.0 * 7)
        return -1;
    return int(std::lround(seconds * 1000.0));
}

// Returns the exit code of a usage error, or -1 when the arguments are fine.
int parseArgs(const QStringList &args, UpgradeArgs &out)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == u"--yes" || a == u"-y") {
            out.yes = true;
        } else if (a == u"--json") {
            out.json = true;
        } else if (a == u"--allow-destructive") {
            out.apply.allowDestructive = true;
        } else if (a == u"--db") {
            if (!hasValue)
                return usageError(Name, QStringLiteral("--db needs a connection string"));
            out.conninfo = args[++i];
        } else if (a == u"--lock-timeout" || a == u"--statement-timeout") {
            if (!hasValue)
                return usageError(Name, QStringLiteral("%1 needs a number of seconds").arg(a));
            const int ms = parseSeconds(args[++i]);
            if (ms < 0)
                return usageError(Name,
                                  QStringLiteral("%1 expects seconds (e.g. 5 or 0.5; 0 = no "
                                                 "limit), got '%2'")
                                      .arg(a, args[i]));
            (a == u"--lock-timeout" ? out.apply.lockTimeoutMs : out.apply.statementTimeoutMs) = ms;
        } else if (a.startsWith(QLatin1Char('-'))) {
            return usageError(Name, QStringLiteral("unknown option '%1'").arg(a));
        } else if (out.manifest.isEmpty()) {
            out.manifest = a;
        } else {
            return usageError(Name, QStringLiteral("unexpected argument '%1'").arg(a));
        }
    }
    if (out.manifest.isEmpty())
        return usageError(Name, QStringLiteral("the MANIFEST file is missing"));
    if (out.conninfo.isEmpty())
        return usageError(Name, QStringLiteral("--db CONNINFO is missing"));
    return -1;
}

void printJson(const Core::Json &doc)
{
    out() << QString::fromStdString(doc.dump(2)) << "\n";
}

int reportError(const UpgradeArgs &a,
                const QString &status,
                const Core::Error &error,
                const Core::Json &extra = Core::Json::object())
{
    if (a.json) {
        Core::Json doc = extra;
        doc["status"] = status.toStdString();
        doc["error"]
            = {{"message", error.message.toStdString()}, {"detail", error.detail.toStdString()}};
        printJson(doc);
    } else {
        err() << "metatable upgrade: " << error.toText() << "\n";
    }
    return ExitFindings;
}

bool confirmOnTerminal(const Core::Migrate::Plan &plan, const QString &database)
{
    err() << "Apply " << plan.operations.size() << " operation(s) to " << database << "? [y/N] ";
    err().flush();
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    return answer == u"y" || answer == u"yes";
}

Core::Json resultJson(const Core::Migrate::ApplyResult &r)
{
    Core::Json doc;
    doc["status"] = r.nothingToDo ? "nothing_to_do" : "applied";
    doc["revision"] = r.revision.toStdString();
    doc["previous_revision"]
        = r.previousRevision ? Core::Json(r.previousRevision->toStdString()) : Core::Json();
    doc["statements_executed"] = r.statementsExecuted;
    doc["elapsed_ms"] = r.elapsedMs;
    Core::Json classes = Core::Json::array();
    for (const Core::Migrate::AppliedClass &c : r.classes)
        classes.push_back({{"storage_class", c.storageClass.toStdString()},
                           {"schema", c.schema.toStdString()},
                           {"table", c.table.toStdString()},
                           {"uid", c.uid.toStdString()},
                           {"contract_hash", c.contractHash.toStdString()},
                           {"newly_reserved", c.newlyReserved}});
    doc["classes"] = classes;
    doc["plan"] = Core::Migrate::planToJson(r.plan);
    return doc;
}

void printResult(const Core::Migrate::ApplyResult &r)
{
    QTextStream &o = out();
    if (r.nothingToDo) {
        o << "Nothing to do: the database already matches the manifest (revision " << r.revision
          << ").\n";
        return;
    }
    o << "Applied " << r.plan.operations.size() << " operation(s), " << r.statementsExecuted
      << " statement(s), in " << r.elapsedMs << " ms.\n";
    o << "Alembic revision: " << r.revision;
    if (r.previousRevision)
        o << " (was " << *r.previousRevision << ")";
    o << "\nStorage classes:\n";
    for (const Core::Migrate::AppliedClass &c : r.classes)
        o << "  " << c.schema << "." << c.table << "  uid " << c.uid << "  "
          << (c.newlyReserved ? "registered" : "reused") << "\n";
}

} // namespace

int runUpgrade(const QStringList &args)
{
    UpgradeArgs a;
    if (const int code = parseArgs(args, a); code >= 0)
        return code;
    auto doc = Core::readManifestFile(a.manifest);
    if (!doc)
        return reportError(a, QStringLiteral("error"), doc.error());
    auto session = Core::Db::Session::open(a.conninfo);
    if (!session)
        return reportError(a, QStringLiteral("error"), session.error());
    const QString database = (*session)->redactedConninfo();

    auto plan = Core::Migrate::planUpgrade(**session, doc->manifest, a.apply.allowDestructive);
    if (!plan)
        return reportError(a, QStringLiteral("error"), plan.error());
    if (!a.json) {
        out() << "Plan for " << doc->manifest.provider.providerKey() << " on " << database << ":\n"
              << Core::Migrate::renderText(*plan) << "\n";
        out().flush();
    }
    // Refusals (errors, blockers) come from apply, which re-checks under the lock; asking for
    // confirmation of a plan that cannot run would waste the operator's time.
    const bool runnable = !plan->hasErrors() && !plan->hasBlockers();
    if (runnable && !plan->operations.isEmpty() && !a.yes) {
        if (!isatty(fileno(stdin))) {
            err() << "metatable upgrade: refusing to apply without confirmation: standard input "
                     "is not a terminal. Review the plan (metatable diff) and pass --yes to "
                     "apply it non-interactively.\n";
            return ExitUsage;
        }
        if (!confirmOnTerminal(*plan, database)) {
            err() << "metatable upgrade: not confirmed; nothing was changed.\n";
            return ExitFindings;
        }
    }
    a.apply.reviewedPlan = *plan;
    auto result = Core::Migrate::applyUpgrade(**session, doc->manifest, a.apply);
    if (!result) {
        const bool refused = result.error().code == Core::ErrorCode::Refused;
        Core::Json extra = Core::Json::object();
        if (a.json)
            extra["plan"] = Core::Migrate::planToJson(*plan);
        return reportError(a,
                           refused ? QStringLiteral("refused") : QStringLiteral("error"),
                           result.error(),
                           extra);
    }
    if (a.json)
        printJson(resultJson(*result));
    else
        printResult(*result);
    return ExitOk;
}

} // namespace Cli
