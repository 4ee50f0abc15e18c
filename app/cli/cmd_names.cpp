// SPDX-License-Identifier: MIT
// `metatable names`: the SDK's table, index and constraint names for given inputs, so an admin
// can predict what a migration will create (and scripts can check names without Python).
#include "command.h"
#include "options.h"

#include <core/sdk/naming.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace {

const QString Name = QStringLiteral("names");

// Everything after "--" is positional, so a name that starts with "-" can still be given.
const Cli::Syntax CommandLine
    = Cli::Syntax({Cli::Option::flag({QStringLiteral("--json")}),
                   Cli::Option::flag({QStringLiteral("--unique")}),
                   Cli::Option::once({QStringLiteral("--target")}),
                   Cli::Option::repeated({QStringLiteral("--target-column")})})
          .anyPositionals()
          .doubleDashEndsOptions();

int report(const Core::Result<QString> &result, bool json)
{
    if (json) {
        QJsonObject doc;
        if (result) {
            doc.insert(QStringLiteral("value"), *result);
        } else {
            doc.insert(QStringLiteral("error"),
                       QJsonObject{{QStringLiteral("type"), result.error().detail},
                                   {QStringLiteral("message"), result.error().message}});
        }
        Cli::out() << QJsonDocument(doc).toJson(QJsonDocument::Compact) << "\n";
    }
    if (!result) {
        if (!json)
            Cli::err() << "metatable names: " << result.error().detail << ": "
                       << result.error().message << "\n";
        return Cli::ExitFindings;
    }
    if (!json)
        Cli::out() << *result << "\n";
    return Cli::ExitOk;
}

} // namespace

int runNames(const QStringList &args)
{
    if (args.isEmpty())
        return Cli::usageError(Name,
                               QStringLiteral("missing kind: table, index, unique, fk, pk, "
                                              "check or version-slug"));
    const QString kind = args.first();
    const auto p = Cli::parseArguments(CommandLine, args.mid(1));
    if (!p)
        return Cli::usageError(Name, p.error());
    const QStringList &pos = p->positional();
    const bool json = p->has(QStringLiteral("--json"));
    const bool unique = p->has(QStringLiteral("--unique"));
    const bool hasTarget = p->has(QStringLiteral("--target"));
    const QString target = p->value(QStringLiteral("--target"));
    const QStringList targetColumns = p->values(QStringLiteral("--target-column"));
    const auto wrongOption = [&](bool used, const char *option) {
        return used ? QStringLiteral("%1 does not apply to 'names %2'")
                          .arg(QLatin1String(option), kind)
                    : QString();
    };
    QString misuse = wrongOption(unique && kind != QLatin1String("index"), "--unique");
    if (misuse.isEmpty())
        misuse = wrongOption((hasTarget || !targetColumns.isEmpty()) && kind != QLatin1String("fk"),
                             "--target/--target-column");
    if (!misuse.isEmpty())
        return Cli::usageError(Name, misuse);

    using namespace Core::Sdk;
    if (kind == QLatin1String("table")) {
        if (pos.size() < 2 || pos.size() > 3)
            return Cli::usageError(Name,
                                   QStringLiteral("'names table' takes APP CONCEPT [SUFFIX]"));
        const std::optional<QString> suffix
            = pos.size() == 3 ? std::optional(pos.at(2)) : std::nullopt;
        return report(schemaTableName(pos.at(0), pos.at(1), suffix), json);
    }
    if (kind == QLatin1String("index") || kind == QLatin1String("unique")) {
        // No column is the SDK's own ValueError (exit 1), not a usage error.
        if (pos.isEmpty())
            return Cli::usageError(Name,
                                   QStringLiteral("'names %1' takes TABLE COLUMN...").arg(kind));
        const QStringList columns = pos.mid(1);
        return report(kind == QLatin1String("index")
                          ? schemaIndexName(pos.at(0), columns, unique)
                          : schemaUniqueConstraintName(pos.at(0), columns),
                      json);
    }
    if (kind == QLatin1String("fk")) {
        if (pos.isEmpty() || !hasTarget)
            return Cli::usageError(Name,
                                   QStringLiteral("'names fk' takes TABLE COLUMN... --target "
                                                  "TABLE [--target-column C...]"));
        return report(schemaForeignKeyName(pos.at(0), pos.mid(1), target, targetColumns), json);
    }
    if (kind == QLatin1String("pk")) {
        if (pos.size() != 1)
            return Cli::usageError(Name, QStringLiteral("'names pk' takes TABLE"));
        return report(schemaPrimaryKeyName(pos.at(0)), json);
    }
    if (kind == QLatin1String("check")) {
        if (pos.isEmpty() || pos.size() > 2)
            return Cli::usageError(Name, QStringLiteral("'names check' takes TABLE [NAME]"));
        const std::optional<QString> name
            = pos.size() == 2 ? std::optional(pos.at(1)) : std::nullopt;
        return report(schemaCheckConstraintName(pos.at(0), name), json);
    }
    if (kind == QLatin1String("version-slug")) {
        if (pos.size() > 1)
            return Cli::usageError(Name, QStringLiteral("'names version-slug' takes [NAMESPACE]"));
        const std::optional<QString> ns = pos.isEmpty() ? std::nullopt : std::optional(pos.at(0));
        return report(namespaceVersionSlug(ns), json);
    }
    return Cli::usageError(Name,
                           QStringLiteral("unknown kind '%1': use table, index, unique, fk, pk, "
                                          "check or version-slug")
                               .arg(kind));
}
