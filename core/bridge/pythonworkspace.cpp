// SPDX-License-Identifier: MIT
#include "pythonworkspace.h"

#include <core/bridge/bridgeprocess.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace Core {

namespace {

bool holdsBridge(const QString &dir)
{
    return !dir.isEmpty()
           && QFileInfo::exists(dir + QStringLiteral("/metatable_export/__main__.py"));
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
    BridgeRun run;
    run.interpreter = settings.interpreter;
    run.arguments = *args;
    run.pythonPath = settings.pythonPath;
    run.workingDirectory = settings.workingDirectory;
    run.what = QStringLiteral("The Python export");
    run.timeoutHint = QStringLiteral("check that importing the project's modules does no work "
                                     "at import time (network, database).");
    const auto out = runBridgeProgram(run, timeoutMs, cancel);
    if (!out)
        return fail(out.error());
    const QString source
        = QStringLiteral("export of %1")
              .arg(settings.provider.isEmpty() ? settings.modelsModule : settings.provider);
    return parseManifest(*out, source);
}

} // namespace Core
