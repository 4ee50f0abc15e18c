// SPDX-License-Identifier: MIT
// `metatable lint MANIFEST [--json]`: the contract lint, for terminals and CI.
#include "command.h"
#include "options.h"

#include <core/lint/lint.h>
#include <core/manifest/manifestio.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Cli {

namespace {

const QString commandName = QStringLiteral("lint");

const Syntax CommandLine = Syntax({Option::flag({QStringLiteral("--json")})})
                               .positional(QStringLiteral("expected exactly one MANIFEST file"),
                                           QStringLiteral("expected exactly one MANIFEST file"))
                               .doubleDashEndsOptions();

void printJson(const QString &file,
               const QList<Core::LintFinding> &findings,
               const QString &readError)
{
    QJsonArray list;
    int counts[3] = {0, 0, 0};
    for (const Core::LintFinding &f : findings) {
        ++counts[static_cast<int>(f.severity)];
        list.append(QJsonObject{{QStringLiteral("rule"), f.ruleId},
                                {QStringLiteral("slug"), f.slug},
                                {QStringLiteral("severity"), Core::lintSeverityName(f.severity)},
                                {QStringLiteral("pointer"), f.pointer},
                                {QStringLiteral("message"), f.message},
                                {QStringLiteral("fix"), f.fix}});
    }
    QJsonObject root{{QStringLiteral("file"), file},
                     {QStringLiteral("findings"), list},
                     {QStringLiteral("errors"), counts[0]},
                     {QStringLiteral("warnings"), counts[1]},
                     {QStringLiteral("notes"), counts[2]}};
    if (!readError.isEmpty())
        root.insert(QStringLiteral("read_error"), readError);
    out() << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

} // namespace

int runLint(const QStringList &args)
{
    const auto parsed = parseArguments(CommandLine, args);
    if (!parsed)
        return usageError(commandName, parsed.error());
    const bool json = parsed->has(QStringLiteral("--json"));
    const QString file = parsed->first();

    const auto doc = Core::readManifestFile(file);
    if (!doc) {
        if (json)
            printJson(file, {}, doc.error().message);
        else
            err() << "error: " << doc.error().message << "\n";
        return ExitError;
    }
    const QList<Core::LintFinding> findings = Core::lintManifest(*doc);
    if (json) {
        printJson(file, findings, QString());
    } else {
        for (const Core::LintFinding &f : findings) {
            out() << file << ':' << f.pointer << ": " << Core::lintSeverityName(f.severity) << " ["
                  << f.ruleId << ' ' << f.slug << "] " << f.message << " (fix: " << f.fix << ")\n";
        }
        int errors = 0;
        for (const Core::LintFinding &f : findings)
            errors += f.severity == Core::LintSeverity::Error ? 1 : 0;
        err() << file << ": " << findings.size() << " finding(s), " << errors << " error(s)\n";
    }
    return Core::hasLintErrors(findings) ? ExitFindings : ExitOk;
}

} // namespace Cli
