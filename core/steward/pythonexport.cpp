// SPDX-License-Identifier: MIT
#include "pythonexport.h"

#include <core/bridge/bridgeprocess.h>
#include <core/contract/json.h>
#include <core/util/atomicfile.h>

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QObject>

namespace Core::Steward {

namespace {

const StorageClass *classByPath(const ProviderManifest &manifest, const QString &path)
{
    for (const StorageClass &sc : manifest.storageClasses) {
        if (sc.classRef.path() == path)
            return &sc;
    }
    return nullptr;
}

const Column *columnByName(const StorageClass &sc, const QString &name)
{
    for (const Column &c : sc.registration.columns) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

Json text(const std::optional<QString> &value)
{
    return value ? Json(value->toStdString()) : Json(nullptr);
}

// The request stewardpatch.py reads (its module docstring describes it).
QByteArray requestJson(const QString &sourceFile, const QList<ClassTextsExport> &changes)
{
    Json classes = Json::array();
    for (const ClassTextsExport &change : changes) {
        Json entry = {{"qualname", change.classRef.qualname.toStdString()}};
        if (change.descriptionChanged)
            entry["description"] = text(change.description);
        if (change.labelsChanged) {
            entry["labels"] = Json::array();
            for (const QString &label : change.labels)
                entry["labels"].push_back(label.toStdString());
        }
        Json columns = Json::array();
        for (const ColumnTextsExport &column : change.columns) {
            // The info keys the exporter reads; stewardpatch keeps any others the source has.
            Json info = Json::object();
            if (column.label)
                info["label"] = column.label->toStdString();
            if (column.description)
                info["description"] = column.description->toStdString();
            if (column.logicalName)
                info["logical_name"] = column.logicalName->toStdString();
            columns.push_back({{"name", column.name.toStdString()},
                               {"label", text(column.label)},
                               {"description", text(column.description)},
                               {"info", info}});
        }
        entry["columns"] = columns;
        classes.push_back(entry);
    }
    const Json request
        = {{"source_file", sourceFile.isEmpty() ? Json(nullptr) : Json(sourceFile.toStdString())},
           {"classes", classes}};
    return QByteArray::fromStdString(request.dump(-1, ' ', false, Json::error_handler_t::replace));
}

QString jsonString(const Json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                                 : QString();
}

// The response into `patch`; an error names what the program printed instead.
VoidResult readResponse(const QByteArray &out, ModulePatch &patch)
{
    Json response;
    try {
        response = Json::parse(out.toStdString());
    } catch (const Json::exception &e) {
        return fail(ErrorCode::ProcessFailed,
                    QObject::tr("The steward patch for %1 printed no JSON response: %2")
                        .arg(patch.module, QString::fromUtf8(e.what())),
                    QString::fromUtf8(out.left(2000)));
    }
    if (!response.is_object() || !response.contains("classes") || !response["classes"].is_array())
        return fail(ErrorCode::ProcessFailed,
                    QObject::tr("The steward patch for %1 answered without its list of classes; "
                                "the console and its Python bridge do not match, reinstall them.")
                        .arg(patch.module));
    for (const Json &entry : response["classes"]) {
        ClassSnippet snippet;
        snippet.qualname = jsonString(entry, "qualname");
        snippet.snippet = jsonString(entry, "snippet");
        snippet.found = entry.value("found", false);
        snippet.reason = jsonString(entry, "reason");
        patch.classes << snippet;
    }
    if (!patch.sourceFile.isEmpty()) {
        const QByteArray sha = jsonString(response, "source_sha256").toLatin1();
        if (sha != QCryptographicHash::hash(patch.original, QCryptographicHash::Sha256).toHex())
            return fail(ErrorCode::Conflict,
                        QObject::tr("%1 changed while its patch was being made; export the "
                                    "changes again.")
                            .arg(patch.sourceFile));
        patch.patched = jsonString(response, "patched").toUtf8();
        patch.diff = jsonString(response, "diff");
    }
    return {};
}

int remainingMs(const QDeadlineTimer &deadline)
{
    if (deadline.isForever())
        return 0;
    return int(qMax<qint64>(1, deadline.remainingTime()));
}

Result<ModulePatch> patchModule(const PythonWorkspace &project,
                                const QString &module,
                                const QList<ClassTextsExport> &changes,
                                const QDeadlineTimer &deadline,
                                const CancelToken &cancel)
{
    ModulePatch patch;
    patch.module = module;
    patch.sourceFile = moduleSourceFile(project, module);
    if (!patch.sourceFile.isEmpty()) {
        auto original = readWholeFile(patch.sourceFile);
        if (!original)
            return fail(original.error());
        patch.original = *original;
    }
    BridgeRun run;
    run.interpreter = project.interpreter;
    run.arguments = {QStringLiteral("-m"), QStringLiteral("metatable_export.stewardpatch")};
    run.input = requestJson(patch.sourceFile, changes);
    run.what = QObject::tr("The steward patch for %1").arg(module);
    const auto out = runBridgeProgram(run, remainingMs(deadline), cancel);
    if (!out)
        return fail(out.error());
    if (auto read = readResponse(*out, patch); !read)
        return fail(read.error());
    if (patch.sourceFile.isEmpty()) {
        const QString reason
            = QObject::tr("The module %1 is not a file on the project's Python path (%2); paste "
                          "the snippet into the class by hand.")
                  .arg(module, project.pythonPath.join(QStringLiteral(", ")));
        for (ClassSnippet &snippet : patch.classes)
            snippet.reason = reason;
    }
    return patch;
}

} // namespace

QList<ClassTextsExport> exportRequest(const ProviderManifest &before, const ProviderManifest &after)
{
    QList<ClassTextsExport> changes;
    for (const StorageClass &sc : after.storageClasses) {
        const StorageClass *old = classByPath(before, sc.classRef.path());
        if (!old)
            continue;
        ClassTextsExport change;
        change.classRef = sc.classRef;
        change.descriptionChanged = sc.registration.description != old->registration.description;
        if (change.descriptionChanged)
            change.description = sc.registration.description;
        change.labelsChanged = sc.registration.labels != old->registration.labels;
        if (change.labelsChanged)
            change.labels = sc.registration.labels;
        for (const Column &column : sc.registration.columns) {
            const Column *was = columnByName(*old, column.name);
            if (was && (was->label != column.label || was->description != column.description))
                change.columns << ColumnTextsExport{
                    column.name, column.label, column.description, column.logicalName};
        }
        if (change.descriptionChanged || change.labelsChanged || !change.columns.isEmpty())
            changes << change;
    }
    return changes;
}

QString moduleSourceFile(const PythonWorkspace &project, const QString &module)
{
    const QString relative = module.split(QLatin1Char('.')).join(QLatin1Char('/'));
    QStringList roots = project.pythonPath;
    if (!project.workingDirectory.isEmpty())
        roots << project.workingDirectory;
    for (const QString &root : roots) {
        for (const QString &candidate :
             {relative + QStringLiteral(".py"), relative + QStringLiteral("/__init__.py")}) {
            const QFileInfo file(QDir(root).filePath(candidate));
            if (file.isFile())
                return file.absoluteFilePath();
        }
    }
    return {};
}

Result<QList<ModulePatch>> exportForPython(const PythonWorkspace &project,
                                           const QList<ClassTextsExport> &changes,
                                           int timeoutMs,
                                           const CancelToken &cancel)
{
    if (project.interpreter.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QObject::tr("No Python interpreter is set: give the path of the project "
                                "environment's python (e.g. .venv/bin/python)."));
    const QDeadlineTimer deadline
        = timeoutMs > 0 ? QDeadlineTimer(timeoutMs) : QDeadlineTimer(QDeadlineTimer::Forever);
    QStringList modules; // in the order of the changes
    for (const ClassTextsExport &change : changes) {
        if (!modules.contains(change.classRef.module))
            modules << change.classRef.module;
    }
    QList<ModulePatch> patches;
    for (const QString &module : modules) {
        QList<ClassTextsExport> ofModule;
        for (const ClassTextsExport &change : changes) {
            if (change.classRef.module == module)
                ofModule << change;
        }
        auto patch = patchModule(project, module, ofModule, deadline, cancel);
        if (!patch)
            return fail(patch.error());
        patches << std::move(*patch);
    }
    return patches;
}

Result<QList<ModulePatch>> exportStewardTexts(const PythonWorkspace &project,
                                              const ProviderManifest &edited,
                                              int timeoutMs,
                                              const CancelToken &cancel)
{
    const QDeadlineTimer deadline
        = timeoutMs > 0 ? QDeadlineTimer(timeoutMs) : QDeadlineTimer(QDeadlineTimer::Forever);
    const auto current = exportWorkspace(project, timeoutMs, cancel);
    if (!current)
        return fail(current.error());
    const QList<ClassTextsExport> changes = exportRequest(current->manifest, edited);
    if (changes.isEmpty())
        return QList<ModulePatch>{};
    return exportForPython(project, changes, remainingMs(deadline), cancel);
}

} // namespace Core::Steward
