// SPDX-License-Identifier: MIT
// `metatable testgen MANIFEST --output DIR [--run] [--python PY] [--path DIR]...`: the migration
// guide's nine validation tests as a unittest module of the project, and optionally their run.
#include "command.h"
#include "options.h"

#include <core/assistant/testgen.h>
#include <core/assistant/testrun.h>

#include <QDir>
#include <QFileInfo>

namespace Cli {

using Core::Json;

namespace {

const QString Name = QStringLiteral("testgen");

const Syntax CommandLine
    = Syntax({Option::value({QStringLiteral("--output"), QStringLiteral("-o")})
                  .needing(QStringLiteral("a folder"))
                  .required(QStringLiteral("--output DIR is required: the folder of the "
                                           "project's tests")),
              Option::flag({QStringLiteral("--run")}),
              Option::value({QStringLiteral("--python")}).needing(QStringLiteral("an interpreter")),
              Option::repeated({QStringLiteral("--path")}).needing(QStringLiteral("a folder")),
              Option::flag({QStringLiteral("--json")})})
          .positional(QStringLiteral("the MANIFEST file is missing"),
                      QStringLiteral("only one MANIFEST may be given"));

Json outcomeJson(const Core::Assistant::TestOutcome &t)
{
    return {{"test", t.test.toStdString()},
            {"outcome", t.outcome.toStdString()},
            {"description", t.description.toStdString()},
            {"detail", t.detail.toStdString()},
            {"seconds", t.seconds}};
}

} // namespace

int runTestgen(const QStringList &args)
{
    const auto o = parseArguments(CommandLine, args);
    if (!o)
        return usageError(Name, o.error());
    const bool json = o->has(QStringLiteral("--json"));
    const auto document = Core::readManifestFile(o->first());
    if (!document)
        return reportError(Name, document.error(), json);
    const auto templateText = Core::Assistant::validationTestsTemplate();
    if (!templateText)
        return reportError(Name, templateText.error(), json);
    const auto tests = Core::Assistant::generateValidationTests(*document, *templateText);
    if (!tests)
        return reportError(Name, tests.error(), json);
    const QString directory = o->value(QStringLiteral("--output"));
    const auto path = Core::Assistant::writeValidationTests(*tests, directory);
    if (!path)
        return reportError(Name, path.error(), json);

    Json report = {{"file", path->toStdString()},
                   {"nodes", tests->nodeCount},
                   {"storage_classes", tests->storageCount},
                   {"notes", Json::array()}};
    for (const QString &note : tests->notes)
        report["notes"].push_back(note.toStdString());
    if (!json) {
        out() << QStringLiteral("Wrote %1: the migration guide's 9 validation tests over %2 "
                                "storage class(es) and %3 node(s).\n")
                     .arg(*path)
                     .arg(tests->storageCount)
                     .arg(tests->nodeCount);
        for (const QString &note : tests->notes)
            out() << QStringLiteral("  note: %1\n").arg(note);
        out().flush();
    }
    if (!o->has(QStringLiteral("--run"))) {
        if (json)
            out() << QString::fromStdString(report.dump(2)) << "\n";
        return ExitOk;
    }

    Core::Assistant::TestRunSettings settings;
    settings.file = *path;
    settings.interpreter = o->value(QStringLiteral("--python"), QStringLiteral("python3"));
    settings.pythonPath = o->values(QStringLiteral("--path"));
    if (settings.pythonPath.isEmpty()) // a tests/ folder beside the project's packages
        settings.pythonPath << QFileInfo(*path).absoluteDir().absolutePath()
                                   + QStringLiteral("/..");
    const auto run = Core::Assistant::runTestModule(
        settings, {}, [json](const Core::Assistant::TestOutcome &t) {
            if (json)
                return;
            out() << QStringLiteral("  %1 %2\n").arg(t.outcome.toUpper(), -7).arg(t.test);
            if (!t.passed() && !t.detail.isEmpty())
                out() << QStringLiteral("      ")
                      << t.detail.trimmed().replace(QLatin1Char('\n'), QStringLiteral("\n      "))
                      << "\n";
            out().flush();
        });
    if (!run)
        return reportError(Name, run.error(), json);
    if (json) {
        report["tests"] = Json::array();
        for (const auto &t : run->tests)
            report["tests"].push_back(outcomeJson(t));
        report["all_passed"] = run->allPassed();
        out() << QString::fromStdString(report.dump(2)) << "\n";
    } else {
        out() << QStringLiteral("%1 passed, %2 failed, %3 error(s), %4 skipped\n")
                     .arg(run->count(QStringLiteral("passed")))
                     .arg(run->count(QStringLiteral("failed")))
                     .arg(run->count(QStringLiteral("error")))
                     .arg(run->count(QStringLiteral("skipped")));
    }
    return run->allPassed() ? ExitOk : ExitFindings;
}

} // namespace Cli
