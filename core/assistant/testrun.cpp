// SPDX-License-Identifier: MIT
#include "testrun.h"

#include <core/bridge/bridgeprocess.h>
#include <core/contract/json.h>

#include <QFileInfo>

namespace Core::Assistant {

int TestRun::count(const QString &outcome) const
{
    return int(std::count_if(
        tests.cbegin(), tests.cend(), [&](const TestOutcome &t) { return t.outcome == outcome; }));
}

bool TestRun::allPassed() const
{
    return !tests.isEmpty() && count(QStringLiteral("failed")) == 0
           && count(QStringLiteral("error")) == 0;
}

namespace {

QString text(const Json &object, const char *key)
{
    const Json value = object.value(key, Json());
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

} // namespace

Result<TestRun> runTestModule(const TestRunSettings &settings,
                              const CancelToken &cancel,
                              const std::function<void(const TestOutcome &)> &onTest)
{
    const QFileInfo module(settings.file);
    if (!module.isFile())
        return fail(ErrorCode::NotFound,
                    QStringLiteral("The test module %1 does not exist; generate the tests first.")
                        .arg(settings.file));

    TestRun run;
    QString loadError;
    bool summarised = false;
    QByteArray pending;
    const auto consume = [&](const QByteArray &chunk, bool final) {
        pending += chunk;
        qsizetype end;
        while ((end = pending.indexOf('\n')) >= 0 || (final && !pending.isEmpty())) {
            const QByteArray line = end >= 0 ? pending.left(end) : pending;
            pending.remove(0, end >= 0 ? end + 1 : pending.size());
            const Json record = Json::parse(line.toStdString(), nullptr, false);
            if (!record.is_object())
                continue;
            if (record.contains("load_error")) {
                loadError = text(record, "load_error");
            } else if (record.contains("summary")) {
                summarised = true;
            } else if (record.contains("test")) {
                TestOutcome outcome{text(record, "test"),
                                    text(record, "description"),
                                    text(record, "outcome"),
                                    text(record, "detail"),
                                    record.value("seconds", 0.0)};
                run.tests << outcome;
                if (onTest)
                    onTest(outcome);
            }
        }
    };

    BridgeRun program;
    program.interpreter = settings.interpreter;
    program.arguments = {QStringLiteral("-m"),
                         QStringLiteral("metatable_export.testrun"),
                         module.absoluteFilePath()};
    // As for the exporter, the project's folders go on PYTHONPATH: a sitecustomize in one of
    // them runs, and the tests' own subprocesses inherit them.
    program.pythonPath = settings.pythonPath;
    program.workingDirectory
        = settings.workingDirectory.isEmpty() ? module.absolutePath() : settings.workingDirectory;
    program.what = QStringLiteral("The test run of %1").arg(module.fileName());
    program.successExitCodes = {0, 1, 2}; // all passed, some did not, the module did not load
    program.onOutput = [&](const QByteArray &chunk) { consume(chunk, false); };
    const auto finished = runBridgeProgram(program, settings.timeoutMs, cancel);
    if (!finished)
        return fail(finished.error());
    consume({}, true);
    if (!loadError.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 could not be loaded: %2")
                        .arg(module.fileName(), loadError.trimmed().section(QLatin1Char('\n'), -1)),
                    loadError);
    if (!summarised)
        return fail(ErrorCode::ProcessFailed,
                    QStringLiteral("The test run of %1 ended before reporting all tests.")
                        .arg(module.fileName()));
    return run;
}

} // namespace Core::Assistant
