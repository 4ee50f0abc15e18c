// SPDX-License-Identifier: MIT
#pragma once

#include <core/bridge/pythonworkspace.h>
#include <core/contract/providermanifest.h>
#include <core/util/canceltoken.h>
#include <core/util/result.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core::Steward {

// A column whose label or description changed: both texts as they should read, and the
// logical name the manifest also takes from the column's info.
struct ColumnTextsExport
{
    QString name;
    std::optional<QString> label;
    std::optional<QString> description;
    std::optional<QString> logicalName;
    bool operator==(const ColumnTextsExport &) const = default;
};

// The steward texts of one storage class that differ between two manifests; only the changed
// fields are set.
struct ClassTextsExport
{
    ClassRef classRef;
    bool descriptionChanged = false;
    std::optional<QString> description; // the new one when descriptionChanged (nullopt: none)
    bool labelsChanged = false;
    QStringList labels; // the new ones when labelsChanged
    QList<ColumnTextsExport> columns;
    bool operator==(const ClassTextsExport &) const = default;
};

// The texts `after` changed against `before` (e.g. the project's own export against the
// steward's edited manifest), per storage class in `after`'s order. Classes and columns that
// only one of them has are left out: there is no source to carry them.
QList<ClassTextsExport> exportRequest(const ProviderManifest &before,
                                      const ProviderManifest &after);

// What a developer does with one class's changes.
struct ClassSnippet
{
    QString qualname;
    QString snippet;    // the Python lines to paste into the class body, indented 4 spaces
    bool found = false; // the patch carries them; false: paste the snippet by hand (reason)
    QString reason;
};

// The changes of one module: the snippets and, when its file was found, the patch.
struct ModulePatch
{
    QString module;      // "example_project.storage"
    QString sourceFile;  // absolute; empty when the module is not a file on the project's path
    QByteArray original; // the file the patch was made from
    QByteArray patched;  // the whole patched file
    QString diff;        // unified diff, a/<file name> b/<file name>; empty when nothing changed
    QList<ClassSnippet> classes;
    bool changesFile() const { return !sourceFile.isEmpty() && patched != original; }
};

// The file `module` is loaded from on the project's path (its pythonPath entries, then its
// working directory): <entry>/a/b.py or <entry>/a/b/__init__.py; empty when none holds it.
QString moduleSourceFile(const PythonWorkspace &project, const QString &module);

// Runs `python -m metatable_export.stewardpatch` with the project's interpreter once per module
// (standard library only, nothing of the project is imported; well under a second each):
// snippets for every class, a patch for each module file found. The files are only read.
// ProcessFailed with the program's message for a file it cannot read or parse; Conflict when a
// file changed while it ran; Cancelled; timeoutMs bounds the whole call (<= 0: no limit).
[[nodiscard]] Result<QList<ModulePatch>> exportForPython(const PythonWorkspace &project,
                                                         const QList<ClassTextsExport> &changes,
                                                         int timeoutMs,
                                                         const CancelToken &cancel = {});

// The whole step for "Export changes for the Python project": exports the project (what its
// source says now; this imports it, like a load, seconds), compares that with `edited` and
// makes the snippets and patches for the texts the source lacks. An empty list: the source
// already says what `edited` says.
[[nodiscard]] Result<QList<ModulePatch>> exportStewardTexts(const PythonWorkspace &project,
                                                            const ProviderManifest &edited,
                                                            int timeoutMs,
                                                            const CancelToken &cancel = {});

} // namespace Core::Steward
