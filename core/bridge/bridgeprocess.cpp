// SPDX-License-Identifier: MIT
#include "bridgeprocess.h"

#include <core/bridge/pythonworkspace.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>

namespace Core {

namespace {

QString lastLines(const QByteArray &text, int maxChars)
{
    QString s = QString::fromUtf8(text).trimmed();
    if (s.size() > maxChars)
        s = QStringLiteral("...") + s.right(maxChars);
    return s;
}

// The bridge first, then the project's folders, then whatever the user's PYTHONPATH held.
QProcessEnvironment bridgeEnvironment(const QString &bridgeDir, const QStringList &pythonPath)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QStringList path = {bridgeDir};
    for (const QString &entry : pythonPath)
        path << QDir(entry).absolutePath();
    const QString inherited = env.value(QStringLiteral("PYTHONPATH"));
    if (!inherited.isEmpty())
        path << inherited;
    env.insert(QStringLiteral("PYTHONPATH"), path.join(QDir::listSeparator()));
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    // The bridge writes UTF-8 whatever the user's locale says.
    env.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    return env;
}

} // namespace

Result<QByteArray> runBridgeProgram(const BridgeRun &run, int timeoutMs, const CancelToken &cancel)
{
    const QString bridgeDir = bridgePythonDirectory();
    if (!QFileInfo::exists(bridgeDir + QStringLiteral("/metatable_export/__main__.py")))
        return fail(ErrorCode::NotFound,
                    QStringLiteral("The metatable_export package is not in '%1'; set "
                                   "METATABLE_PYTHON_DIR to the folder that holds it.")
                        .arg(bridgeDir));

    QProcess process;
    process.setProcessEnvironment(bridgeEnvironment(bridgeDir, run.pythonPath));
    if (!run.workingDirectory.isEmpty())
        process.setWorkingDirectory(run.workingDirectory);
    process.start(run.interpreter, run.arguments);
    if (!process.waitForStarted(30000))
        return fail(ErrorCode::ProcessFailed,
                    QStringLiteral("Cannot start the Python interpreter '%1': %2")
                        .arg(run.interpreter, process.errorString()));
    // QProcess buffers the input and feeds the pipe while we wait below, as the output drains.
    if (!run.input.isEmpty())
        process.write(run.input);
    process.closeWriteChannel();

    QDeadlineTimer deadline = timeoutMs > 0 ? QDeadlineTimer(timeoutMs) : QDeadlineTimer::Forever;
    QByteArray out;
    QByteArray err;
    const auto drain = [&] { // keep the pipes drained for large outputs
        const QByteArray chunk = process.readAllStandardOutput();
        out += chunk;
        if (run.onOutput && !chunk.isEmpty())
            run.onOutput(chunk);
        err += process.readAllStandardError();
    };
    while (!process.waitForFinished(run.onOutput ? 50 : 100)) {
        drain();
        if (process.state() == QProcess::NotRunning)
            break;
        if (cancel.isCancelled() || deadline.hasExpired()) {
            process.kill();
            process.waitForFinished(5000);
            if (cancel.isCancelled())
                return fail(ErrorCode::Cancelled,
                            QStringLiteral("%1 was cancelled.").arg(run.what));
            return fail(ErrorCode::ProcessFailed,
                        QStringLiteral("%1 did not finish within %2 s and was stopped%3")
                            .arg(run.what)
                            .arg(timeoutMs / 1000.0)
                            .arg(run.timeoutHint.isEmpty()
                                     ? QStringLiteral(".")
                                     : QStringLiteral("; ") + run.timeoutHint));
        }
    }
    drain();
    if (process.exitStatus() != QProcess::NormalExit
        || !run.successExitCodes.contains(process.exitCode())) {
        const QString how = process.exitStatus() == QProcess::NormalExit
                                ? QStringLiteral("exit status %1").arg(process.exitCode())
                                : QStringLiteral("crashed");
        return fail(
            ErrorCode::ProcessFailed,
            QStringLiteral("%1 failed (%2): %3").arg(run.what, how, lastLines(err, 4000)),
            QStringLiteral("%1 %2").arg(run.interpreter, run.arguments.join(QLatin1Char(' '))));
    }
    return out;
}

} // namespace Core
