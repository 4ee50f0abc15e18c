// SPDX-License-Identifier: MIT
// `metatable names`: the SDK's table, index and constraint names for given inputs, so an admin
// can predict what a migration will create (and scripts can check names without Python).
#include "command.h"

#include <core/sdk/naming.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace {

const QString Name = QStringLiteral("names");

struct Parsed
{
    QStringList positional;
    bool json = false;
    bool unique = false;
    std::optional<QString> target;
    QStringList targetColumns;
};

// Splits options from positional arguments. Everything after "--" is positional, so a name
// that starts with "-" can still be given.
std::optional<Parsed> parse(const QStringList &args, QString *problem)
{
    Parsed p;
    bool optionsDone = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (optionsDone || !a.startsWith(QLatin1Char('-')) || a == QLatin1String("-")) {
            p.positional.append(a);
        } else if (a == QLatin1String("--")) {
            optionsDone = true;
        } else if (a == QLatin1String("--json")) {
            p.json = true;
        } else if (a == QLatin1String("--unique")) {
            p.unique = true;
        } else if (a == QLatin1String("--target") || a == QLatin1String("--target-column")) {
            if (i + 1 >= args.size()) {
                *problem = QStringLiteral("%1 needs a value").arg(a);
                return std::nullopt;
            }
            const QString value = args.at(++i);
            if (a == QLatin1String("--target")) {
                if (p.target) {
                    *problem = QStringLiteral("--target given twice");
                    return std::nullopt;
                }
                p.target = value;
            } else {
                p.targetColumns.append(value);
            }
        } else {
            *problem = QStringLiteral("unknown option '%1'").arg(a);
            return std::nullopt;
        }
    }
    return p;
}

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
    QString problem;
    const auto p = parse(args.mid(1), &problem);
    if (!p)
        return Cli::usageError(Name, problem);
    const QStringList &pos = p->positional;
    const auto wrongOption = [&](bool used, const char *option) {
        return used ? QStringLiteral("%1 does not apply to 'names %2'")
                          .arg(QLatin1String(option), kind)
                    : QString();
    };
    QString misuse = wrongOption(p->unique && kind != QLatin1String("index"), "--unique");
    if (misuse.isEmpty())
        misuse
            = wrongOption((p->target || !p->targetColumns.isEmpty()) && kind != QLatin1String("fk"),
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
        return report(schemaTableName(pos.at(0), pos.at(1), suffix), p->json);
    }
    if (kind == QLatin1String("index") || kind == QLatin1String("unique")) {
        // No column is the SDK's own ValueError (exit 1), not a usage error.
        if (pos.isEmpty())
            return Cli::usageError(Name,
                                   QStringLiteral("'names %1' takes TABLE COLUMN...").arg(kind));
        const QStringList columns = pos.mid(1);
        return report(kind == QLatin1String("index")
                          ? schemaIndexName(pos.at(0), columns, p->unique)
                          : schemaUniqueConstraintName(pos.at(0), columns),
                      p->json);
    }
    if (kind == QLatin1String("fk")) {
        if (pos.isEmpty() || !p->target)
            return Cli::usageError(Name,
                                   QStringLiteral("'names fk' takes TABLE COLUMN... --target "
                                                  "TABLE [--target-column C...]"));
        return report(schemaForeignKeyName(pos.at(0), pos.mid(1), *p->target, p->targetColumns),
                      p->json);
    }
    if (kind == QLatin1String("pk")) {
        if (pos.size() != 1)
            return Cli::usageError(Name, QStringLiteral("'names pk' takes TABLE"));
        return report(schemaPrimaryKeyName(pos.at(0)), p->json);
    }
    if (kind == QLatin1String("check")) {
        if (pos.isEmpty() || pos.size() > 2)
            return Cli::usageError(Name, QStringLiteral("'names check' takes TABLE [NAME]"));
        const std::optional<QString> name
            = pos.size() == 2 ? std::optional(pos.at(1)) : std::nullopt;
        return report(schemaCheckConstraintName(pos.at(0), name), p->json);
    }
    if (kind == QLatin1String("version-slug")) {
        if (pos.size() > 1)
            return Cli::usageError(Name, QStringLiteral("'names version-slug' takes [NAMESPACE]"));
        const std::optional<QString> ns = pos.isEmpty() ? std::nullopt : std::optional(pos.at(0));
        return report(namespaceVersionSlug(ns), p->json);
    }
    return Cli::usageError(Name,
                           QStringLiteral("unknown kind '%1': use table, index, unique, fk, pk, "
                                          "check or version-slug")
                               .arg(kind));
}
