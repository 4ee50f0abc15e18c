// SPDX-License-Identifier: MIT
// `metatable diff MANIFEST --db CONNINFO [--format text|sql|alembic|json] [--allow-destructive]`:
// what would change in the database to match the manifest, with risks counted on live data.
#include "command.h"
#include "options.h"

#include <core/db/session.h>
#include <core/migrate/alembicrender.h>
#include <core/migrate/apply.h>
#include <core/migrate/render.h>
#include <core/migrate/risk.h>

namespace Cli {

namespace {

const QString Name = QStringLiteral("diff");

const Syntax CommandLine = Syntax({Option::value({QStringLiteral("--db")})
                                       .required(QStringLiteral("--db CONNINFO is missing")),
                                   Option::value({QStringLiteral("--format")}),
                                   Option::flag({QStringLiteral("--json")})
                                       .storing(QStringLiteral("--format"), QStringLiteral("json")),
                                   Option::flag({QStringLiteral("--allow-destructive")})})
                               .positional(QStringLiteral("MANIFEST is missing"),
                                           QStringLiteral("only one MANIFEST may be given"));

} // namespace

int runDiff(const QStringList &args)
{
    const auto o = parseArguments(CommandLine, args);
    if (!o)
        return usageError(Name, o.error());
    const QString format = o->value(QStringLiteral("--format"), QStringLiteral("text"));
    static const QStringList formats{QStringLiteral("text"),
                                     QStringLiteral("sql"),
                                     QStringLiteral("alembic"),
                                     QStringLiteral("json")};
    if (!formats.contains(format))
        return usageError(
            Name,
            QStringLiteral("--format must be text, sql, alembic or json, not %1").arg(format));

    auto compared = compareWithDatabase(o->first(),
                                        o->value(QStringLiteral("--db")),
                                        o->has(QStringLiteral("--allow-destructive")));
    if (!compared)
        return reportError(Name, compared.error());
    Core::Migrate::Plan &plan = compared->plan;
    // The counts scan tables: bounded as upgrade bounds its own.
    if (auto r = compared->target.session->setStatementTimeout(
            Core::Migrate::PlanOptions{}.statementTimeoutMs);
        !r)
        return reportError(Name, r.error());
    Core::Migrate::SessionRiskProbe probe(*compared->target.session);
    if (auto assessed = Core::Migrate::assessRisks(plan, probe); !assessed)
        return reportError(Name, assessed.error());

    if (format == u"json") {
        Core::Json j = Core::Migrate::planToJson(plan);
        j["database"] = compared->target.session->redactedConninfo().toStdString();
        out() << QString::fromStdString(j.dump(2)) << "\n";
    } else if (format == u"sql") {
        out() << Core::Migrate::renderSqlScript(plan);
    } else if (format == u"alembic") {
        auto text = Core::Migrate::renderAlembicRevision(plan, compared->revisionInfo());
        if (!text)
            return reportError(Name, text.error());
        out() << *text;
    } else {
        out() << Core::Migrate::renderText(plan);
    }
    out().flush();
    const int status = plan.isEmpty() ? ExitOk : ExitFindings;
    releaseAtExit(std::move(*compared));
    return status;
}

} // namespace Cli
