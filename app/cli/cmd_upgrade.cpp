// SPDX-License-Identifier: MIT
// `metatable upgrade MANIFEST --db CONNINFO`: review the plan, confirm, apply it in one
// transaction, and say what was done.
#include "command.h"
#include "options.h"

#include <core/db/session.h>
#include <core/migrate/apply.h>
#include <core/migrate/render.h>

#include <QTextStream>

#include <cmath>
#include <cstdio>

#include <unistd.h>

namespace Cli {

namespace {

const QString Name = QStringLiteral("upgrade");

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

QString checkSeconds(const QString &option, const QString &value)
{
    if (parseSeconds(value) >= 0)
        return QString();
    return QStringLiteral("%1 expects seconds (e.g. 5 or 0.5; 0 = no limit), got '%2'")
        .arg(option, value);
}

const Syntax CommandLine = Syntax({Option::flag({QStringLiteral("--yes"), QStringLiteral("-y")}),
                                   Option::flag({QStringLiteral("--json")}),
                                   Option::flag({QStringLiteral("--allow-destructive")}),
                                   Option::value({QStringLiteral("--db")})
                                       .needing(QStringLiteral("a connection string"))
                                       .required(QStringLiteral("--db CONNINFO is missing")),
                                   Option::value({QStringLiteral("--lock-timeout")})
                                       .needing(QStringLiteral("a number of seconds"))
                                       .checkedBy(checkSeconds),
                                   Option::value({QStringLiteral("--statement-timeout")})
                                       .needing(QStringLiteral("a number of seconds"))
                                       .checkedBy(checkSeconds)})
                               .positional(QStringLiteral("the MANIFEST file is missing"));

void printJson(const Core::Json &doc)
{
    out() << QString::fromStdString(doc.dump(2)) << "\n";
}

// The counts the operator confirms: every risk the live data decided, worst first.
void printCountedRisks(const Core::Migrate::Plan &plan)
{
    QStringList lines;
    for (int level = int(Core::Migrate::RiskLevel::Blocker); level >= 0; --level) {
        for (const Core::Migrate::Operation &op : plan.operations) {
            for (const Core::Migrate::Risk &risk : op.risks) {
                if (risk.affectedRows && int(risk.level) == level)
                    lines << QStringLiteral("  %1 %2.%3: %4 %5")
                                 .arg(Core::Migrate::riskLevelName(risk.level),
                                      op.schema,
                                      op.table,
                                      op.summary,
                                      risk.reason);
            }
        }
    }
    if (lines.isEmpty())
        return;
    err() << "Counted on the live data:\n" << lines.join(u'\n') << "\n";
}

bool confirmOnTerminal(const Core::Migrate::Plan &plan, const QString &database)
{
    printCountedRisks(plan);
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
    const auto o = parseArguments(CommandLine, args);
    if (!o)
        return usageError(Name, o.error());
    const bool json = o->has(QStringLiteral("--json"));
    Core::Migrate::ApplyOptions apply;
    apply.allowDestructive = o->has(QStringLiteral("--allow-destructive"));
    if (o->has(QStringLiteral("--lock-timeout")))
        apply.lockTimeoutMs = parseSeconds(o->value(QStringLiteral("--lock-timeout")));
    if (o->has(QStringLiteral("--statement-timeout")))
        apply.statementTimeoutMs = parseSeconds(o->value(QStringLiteral("--statement-timeout")));
    const auto failed
        = [&](const char *status, const Core::Error &error, Core::Json doc = Core::Json::object()) {
              doc["status"] = status;
              return reportError(Name, error, json, std::move(doc));
          };

    auto target = openTarget(o->first(), o->value(QStringLiteral("--db")));
    if (!target)
        return failed("error", target.error());
    Core::Db::Session &session = *target->session;
    const Core::ProviderManifest &manifest = target->manifest();
    const QString database = session.redactedConninfo();

    Core::Migrate::PlanOptions planning;
    planning.allowDestructive = apply.allowDestructive;
    planning.countRisks = true;
    planning.statementTimeoutMs = apply.statementTimeoutMs;
    auto plan = Core::Migrate::planUpgrade(session, manifest, planning);
    if (!plan)
        return failed("error", plan.error());
    if (!json) {
        out() << "Plan for " << manifest.provider.providerKey() << " on " << database << ":\n"
              << Core::Migrate::renderText(*plan) << "\n";
        out().flush();
    }
    // Refusals (errors, blockers) come from apply, which counts again under the lock before any
    // DDL; asking for confirmation of a plan that cannot run would waste the operator's time.
    const bool runnable = !plan->hasErrors() && !plan->hasBlockers();
    if (runnable && !plan->operations.isEmpty() && !o->has(QStringLiteral("--yes"))) {
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
    apply.reviewedPlan = *plan;
    auto result = Core::Migrate::applyUpgrade(session, manifest, apply);
    if (!result) {
        const bool refused = result.error().code == Core::ErrorCode::Refused;
        Core::Json extra = Core::Json::object();
        if (json)
            extra["plan"] = Core::Migrate::planToJson(*plan);
        return failed(refused ? "refused" : "error", result.error(), extra);
    }
    if (json)
        printJson(resultJson(*result));
    else
        printResult(*result);
    return ExitOk;
}

} // namespace Cli
