// SPDX-License-Identifier: MIT
// `metatable revision MANIFEST --db CONNINFO [--output FILE|DIR] [--message M]`: the plan that
// would make the database match the manifest, written as an Alembic revision file.
#include "command.h"
#include "options.h"

#include <core/migrate/alembicrender.h>
#include <core/util/atomicfile.h>

#include <QDir>
#include <QFileInfo>

#include <nlohmann/json.hpp>

namespace Cli {

namespace {

const QString Name = QStringLiteral("revision");

const Syntax CommandLine
    = Syntax({Option::value({QStringLiteral("--db")})
                  .required(QStringLiteral("--db CONNINFO is missing")),
              Option::value({QStringLiteral("--output")}),
              Option::value({QStringLiteral("--message"), QStringLiteral("-m")}),
              Option::flag({QStringLiteral("--allow-destructive")}),
              Option::flag({QStringLiteral("--json")})})
          .positional(QStringLiteral("MANIFEST is missing"),
                      QStringLiteral("only one MANIFEST may be given"));

// Why the plan cannot become a revision, or empty.
QString refusal(const Core::Migrate::Plan &plan)
{
    QStringList reasons;
    for (const Core::Migrate::Finding &f : plan.findings) {
        if (f.severity == Core::Migrate::FindingSeverity::Error)
            reasons << QStringLiteral("  error [%1] %2").arg(f.code, f.message);
    }
    for (const Core::Migrate::Operation &op : plan.operations) {
        if (!op.isBlocked())
            continue;
        for (const Core::Migrate::Risk &risk : op.risks) {
            if (risk.level == Core::Migrate::RiskLevel::Blocker)
                reasons << QStringLiteral("  blocked: %1: %2").arg(op.summary, risk.reason);
        }
    }
    return reasons.join(QLatin1Char('\n'));
}

} // namespace

int runRevision(const QStringList &args)
{
    const auto o = parseArguments(CommandLine, args);
    if (!o)
        return usageError(Name, o.error());
    // The SDK's default revision message.
    const QString message = o->value(QStringLiteral("--message"), QStringLiteral("migration"));
    if (message.trimmed().isEmpty())
        return usageError(Name, QStringLiteral("--message must not be empty"));

    auto compared = compareWithDatabase(o->first(),
                                        o->value(QStringLiteral("--db")),
                                        o->has(QStringLiteral("--allow-destructive")));
    if (!compared)
        return reportError(Name, compared.error());
    const Core::Migrate::Plan &plan = compared->plan;
    if (const QString why = refusal(plan); !why.isEmpty()) {
        return reportError(
            Name,
            Core::makeError(Core::ErrorCode::Refused,
                            QStringLiteral("the plan cannot be written as a revision:\n%1\nSee "
                                           "`metatable diff` for the whole plan; drops need "
                                           "--allow-destructive.")
                                .arg(why)));
    }
    if (plan.isEmpty()) {
        err() << "metatable revision: the database already matches the manifest; no revision "
                 "written\n";
        return ExitOk;
    }

    Core::Migrate::AlembicRevisionInfo info = compared->revisionInfo();
    info.message = message;
    auto text = Core::Migrate::renderAlembicRevision(plan, info);
    if (!text)
        return reportError(Name, text.error());

    QString path = o->value(QStringLiteral("--output"));
    if (path.isEmpty()) {
        out() << *text;
        out().flush();
        return ExitOk;
    }
    if (QFileInfo(path).isDir())
        path = QDir(path).filePath(Core::Migrate::alembicRevisionFileName(info));
    if (auto written = Core::writeFileAtomically(path, text->toUtf8()); !written)
        return reportError(Name, written.error());

    if (o->has(QStringLiteral("--json"))) {
        Core::Json j = Core::Json::object();
        j["path"] = QDir::cleanPath(path).toStdString();
        j["revision"] = info.revision.toStdString();
        j["down_revision"] = info.downRevision ? Core::Json(info.downRevision->toStdString())
                                               : Core::Json(nullptr);
        j["operations"] = plan.operations.size();
        out() << QString::fromStdString(j.dump(2)) << "\n";
    } else {
        out() << "wrote " << QDir::cleanPath(path) << " (revision " << info.revision << ", revises "
              << info.downRevision.value_or(QStringLiteral("nothing")) << ", "
              << plan.operations.size() << " operations)\n";
    }
    out().flush();
    return ExitOk;
}

} // namespace Cli
