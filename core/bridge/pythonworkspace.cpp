// SPDX-License-Identifier: MIT
#include "pythonworkspace.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>

namespace Core {

namespace {

bool holdsBridge(const QString &dir)
{
    return !dir.isEmpty()
           && QFileInfo::exists(dir + QStringLiteral("/metatable_export/__main__.py"));
}

QString lastLines(const QByteArray &text, int maxChars)
{
    QString s = QString::fromUtf8(text).trimmed();
    if (s.size() > maxChars)
        s = QStringLiteral("...") + s.right(maxChars);
    return s;
}

} // namespace

QString bridgePythonDirectory()
{
    const QString fromEnv = qEnvironmentVariable("METATABLE_PYTHON_DIR");
    if (!fromEnv.isEmpty())
        return QDir::cleanPath(fromEnv);
    if (QCoreApplication::instance()) {
        const QString installed
            = QDir::cleanPath(QCoreApplication::applicationDirPath()
                              + QStringLiteral("/../share/metatable-console/python"));
        if (holdsBridge(installed))
            return installed;
    }
    return QStringLiteral(METATABLE_SOURCE_PYTHON_DIR);
}

Result<QStringList> exporterArguments(const PythonWorkspace &settings)
{
    if (settings.interpreter.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("No Python interpreter is set: give the path of the project "
                                   "environment's python (e.g. .venv/bin/python)."));
    if (settings.provider.isEmpty() == settings.modelsModule.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Give either a provider (MODULE:ATTR of the migration "
                                   "provider) or a models module, not both and not neither."));
    if (!settings.provider.isEmpty() && !settings.provider.contains(QLatin1Char(':')))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("Provider '%1' must be MODULE:ATTR, e.g. "
                                   "my_project.migrations:migration.")
                        .arg(settings.provider));
    if (!settings.modelsModule.isEmpty() && settings.migrationNamespace.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("A models module needs the migration namespace (a provider "
                                   "object carries its own)."));
    QStringList args = {QStringLiteral("-m"), QStringLiteral("metatable_export")};
    if (!settings.provider.isEmpty())
        args << QStringLiteral("--provider") << settings.provider;
    else
        args << QStringLiteral("--models") << settings.modelsModule;
    if (!settings.nodesModule.isEmpty())
        args << QStringLiteral("--nodes") << settings.nodesModule;
    if (!settings.packageName.isEmpty())
        args << QStringLiteral("--package") << settings.packageName;
    if (!settings.migrationNamespace.isEmpty())
        args << QStringLiteral("--migration-namespace") << settings.migrationNamespace;
    for (const QString &entry : settings.pythonPath)
        args << QStringLiteral("--path") << QDir(entry).absolutePath();
    return args;
}

Result<ManifestDocument>
exportWorkspace(const PythonWorkspace &settings, int timeoutMs, const CancelToken &cancel)
{
    const auto args = exporterArguments(settings);
    if (!args)
        return fail(args.error());

    const QString bridgeDir = bridgePythonDirectory();
    if (!holdsBridge(bridgeDir))
        return fail(ErrorCode::NotFound,
                    QStringLiteral("The metatable_export package is not in '%1'; set "
                                   "METATABLE_PYTHON_DIR to the folder that holds it.")
                        .arg(bridgeDir));

    // The bridge first, then the project's folders, then whatever the user's PYTHONPATH held.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QStringList path = {bridgeDir};
    for (const QString &entry : settings.pythonPath)
        path << QDir(entry).absolutePath();
    const QString inherited = env.value(QStringLiteral("PYTHONPATH"));
    if (!inherited.isEmpty())
        path << inherited;
    env.insert(QStringLiteral("PYTHONPATH"), path.join(QDir::listSeparator()));
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));

    QProcess process;
    process.setProcessEnvironment(env);
    if (!settings.workingDirectory.isEmpty())
        process.setWorkingDirectory(settings.workingDirectory);
    process.start(settings.interpreter, *args, QIODevice::ReadOnly);
    if (!process.waitForStarted(30000))
        return fail(ErrorCode::ProcessFailed,
                    QStringLiteral("Cannot start the Python interpreter '%1': %2")
                        .arg(settings.interpreter, process.errorString()));

    QDeadlineTimer deadline = timeoutMs > 0 ? QDeadlineTimer(timeoutMs) : QDeadlineTimer::Forever;
    QByteArray out;
    QByteArray err;
    while (!process.waitForFinished(100)) {
        out += process.readAllStandardOutput(); // keep the pipe drained for large manifests
        err += process.readAllStandardError();
        if (process.state() == QProcess::NotRunning)
            break;
        if (cancel.isCancelled() || deadline.hasExpired()) {
            process.kill();
            process.waitForFinished(5000);
            if (cancel.isCancelled())
                return fail(ErrorCode::Cancelled,
                            QStringLiteral("The Python export was cancelled."));
            return fail(ErrorCode::ProcessFailed,
                        QStringLiteral("The Python export did not finish within %1 s and was "
                                       "stopped; check that importing the project's modules "
                                       "does no work at import time (network, database).")
                            .arg(timeoutMs / 1000.0));
        }
    }
    out += process.readAllStandardOutput();
    err += process.readAllStandardError();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString how = process.exitStatus() == QProcess::NormalExit
                                ? QStringLiteral("exit status %1").arg(process.exitCode())
                                : QStringLiteral("crashed");
        return fail(
            ErrorCode::ProcessFailed,
            QStringLiteral("The Python export failed (%1): %2").arg(how, lastLines(err, 4000)),
            QStringLiteral("%1 %2").arg(settings.interpreter, args->join(QLatin1Char(' '))));
    }
    const QString source
        = QStringLiteral("export of %1")
              .arg(settings.provider.isEmpty() ? settings.modelsModule : settings.provider);
    return parseManifest(out, source);
}

} // namespace Core
