// SPDX-License-Identifier: MIT
#include "testrun.h"

#include <core/bridge/pythonworkspace.h>
#include <core/contract/json.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QProcess>

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

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // As for the exporter: the bridge, the project's folders, then the user's PYTHONPATH (so
    // that a sitecustomize in a project folder runs, and the tests' own subprocesses inherit).
    QStringList path = {bridgePythonDirectory()};
    for (const QString &entry : settings.pythonPath)
        path << QDir(entry).absolutePath();
    const QString inherited = env.value(QStringLiteral("PYTHONPATH"));
    if (!inherited.isEmpty())
        path << inherited;
    env.insert(QStringLiteral("PYTHONPATH"), path.join(QDir::listSeparator()));
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));

    const QStringList args = {QStringLiteral("-m"),
                              QStringLiteral("metatable_export.testrun"),
                              module.absoluteFilePath()};

    QProcess process;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(settings.workingDirectory.isEmpty() ? module.absolutePath()
                                                                    : settings.workingDirectory);
    process.start(settings.interpreter, args, QIODevice::ReadOnly);
    if (!process.waitForStarted(30000))
        return fail(ErrorCode::ProcessFailed,
                    QStringLiteral("Cannot start the Python interpreter '%1': %2")
                        .arg(settings.interpreter, process.errorString()));

    TestRun run;
    QString loadError;
    bool summarised = false;
    QByteArray pending;
    const auto consume = [&](bool final) {
        pending += process.readAllStandardOutput();
        run.stderrText += QString::fromUtf8(process.readAllStandardError());
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

    const QDeadlineTimer deadline
        = settings.timeoutMs > 0 ? QDeadlineTimer(settings.timeoutMs) : QDeadlineTimer::Forever;
    while (!process.waitForFinished(50)) {
        consume(false);
        if (process.state() == QProcess::NotRunning)
            break;
        if (cancel.isCancelled() || deadline.hasExpired()) {
            process.kill();
            process.waitForFinished(5000);
            if (cancel.isCancelled())
                return fail(ErrorCode::Cancelled, QStringLiteral("The test run was cancelled."));
            return fail(ErrorCode::ProcessFailed,
                        QStringLiteral("The tests did not finish within %1 s and were stopped.")
                            .arg(settings.timeoutMs / 1000));
        }
    }
    consume(true);
    if (!loadError.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 could not be loaded: %2")
                        .arg(module.fileName(), loadError.trimmed().section(QLatin1Char('\n'), -1)),
                    loadError);
    if (process.exitStatus() != QProcess::NormalExit || !summarised)
        return fail(ErrorCode::ProcessFailed,
                    QStringLiteral("The test run of %1 ended before reporting all tests (%2).")
                        .arg(module.fileName(),
                             process.exitStatus() == QProcess::NormalExit
                                 ? QStringLiteral("exit status %1").arg(process.exitCode())
                                 : QStringLiteral("crashed")),
                    run.stderrText.right(4000));
    return run;
}

} // namespace Core::Assistant
