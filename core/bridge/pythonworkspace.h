// SPDX-License-Identifier: MIT
#pragma once

#include <core/manifest/manifestio.h>
#include <core/util/canceltoken.h>
#include <core/util/result.h>

#include <QString>
#include <QStringList>

namespace Core {

// A Python project the console exports its manifest from. The console never embeds Python: it
// runs the interpreter of the user's environment (e.g. a venv's bin/python) on the
// metatable_export package shipped with it.
struct PythonWorkspace
{
    QString interpreter;        // path or name of the Python executable
    QString provider;           // MODULE:ATTR of the SDK migration provider, or empty
    QString modelsModule;       // a module whose storage classes to export (without a provider)
    QString nodesModule;        // a module whose DataNode classes to export, or empty
    QString packageName;        // overrides the provider package (default: top-level module)
    QString migrationNamespace; // required with modelsModule; overrides the provider's
    QString workingDirectory;   // the exporter's working directory; empty = the console's
    QStringList pythonPath;     // extra sys.path entries (the project's source folders)
};

// The folder holding metatable_export/ and metatable_runner/: $METATABLE_PYTHON_DIR, else
// <prefix>/share/metatable-console/python beside the installed executable, else the source
// tree's resources/python.
QString bridgePythonDirectory();

// "-m metatable_export ..." for the settings; InvalidInput when they are incomplete.
[[nodiscard]] Result<QStringList> exporterArguments(const PythonWorkspace &settings);

// Runs the exporter (no shell) and parses its manifest. ProcessFailed carries the exporter's
// standard error (the class and attribute at fault); Cancelled when `cancel` fires; a run
// longer than timeoutMs is killed (timeoutMs <= 0 = no limit).
[[nodiscard]] Result<ManifestDocument>
exportWorkspace(const PythonWorkspace &settings, int timeoutMs, const CancelToken &cancel = {});

} // namespace Core
