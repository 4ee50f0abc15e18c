// SPDX-License-Identifier: MIT
// `metatable export`: run a Python project's exporter with the project's own interpreter and
// write the provider manifest it produces, after the console has loaded (validated) it.
#include "command.h"

#include <core/bridge/pythonworkspace.h>
#include <core/manifest/manifestio.h>

#include <QMap>

namespace Cli {

namespace {

const QString Name = QStringLiteral("export");

struct Options
{
    Core::PythonWorkspace workspace;
    QString output;
    int timeoutSeconds = 300;
};

std::optional<Options> parse(const QStringList &args, QString *problem)
{
    static const QStringList single = {QStringLiteral("--python"),
                                       QStringLiteral("--provider"),
                                       QStringLiteral("--models"),
                                       QStringLiteral("--nodes"),
                                       QStringLiteral("--package"),
                                       QStringLiteral("--migration-namespace"),
                                       QStringLiteral("--output"),
                                       QStringLiteral("--timeout")};
    QMap<QString, QString> values;
    Options o;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a != QLatin1String("--path") && !single.contains(a)) {
            *problem = a.startsWith(QLatin1Char('-'))
                           ? QStringLiteral("unknown option '%1'").arg(a)
                           : QStringLiteral("unexpected argument '%1'").arg(a);
            return std::nullopt;
        }
        if (i + 1 >= args.size()) {
            *problem = QStringLiteral("%1 needs a value").arg(a);
            return std::nullopt;
        }
        const QString value = args.at(++i);
        if (a == QLatin1String("--path")) {
            o.workspace.pythonPath << value;
            continue;
        }
        if (values.contains(a)) {
            *problem = QStringLiteral("%1 given twice").arg(a);
            return std::nullopt;
        }
        values.insert(a, value);
    }
    o.workspace.interpreter = values.value(QStringLiteral("--python"));
    o.workspace.provider = values.value(QStringLiteral("--provider"));
    o.workspace.modelsModule = values.value(QStringLiteral("--models"));
    o.workspace.nodesModule = values.value(QStringLiteral("--nodes"));
    o.workspace.packageName = values.value(QStringLiteral("--package"));
    o.workspace.migrationNamespace = values.value(QStringLiteral("--migration-namespace"));
    o.output = values.value(QStringLiteral("--output"));
    if (values.contains(QStringLiteral("--timeout"))) {
        bool ok = false;
        o.timeoutSeconds = values.value(QStringLiteral("--timeout")).toInt(&ok);
        if (!ok || o.timeoutSeconds < 0) {
            *problem = QStringLiteral("--timeout needs a whole number of seconds (0 = no limit)");
            return std::nullopt;
        }
    }
    if (o.workspace.interpreter.isEmpty())
        *problem = QStringLiteral("missing --python PY (the project environment's interpreter)");
    else if (o.workspace.provider.isEmpty() == o.workspace.modelsModule.isEmpty())
        *problem = QStringLiteral("give exactly one of --provider MODULE:ATTR and --models MODULE");
    if (!problem->isEmpty())
        return std::nullopt;
    return o;
}

} // namespace

int runExport(const QStringList &args)
{
    if (handledHelp(Name, args))
        return ExitOk;
    QString problem;
    const auto options = parse(args, &problem);
    if (!options)
        return usageError(Name, problem);

    const auto doc = Core::exportWorkspace(options->workspace, options->timeoutSeconds * 1000);
    if (!doc) {
        err() << "metatable " << Name << ": " << doc.error().message << "\n";
        return ExitFindings;
    }
    if (!options->output.isEmpty()) {
        if (const auto written = Core::writeManifestFile(*doc, options->output); !written) {
            err() << "metatable " << Name << ": " << written.error().message << "\n";
            return ExitFindings;
        }
        err() << "metatable " << Name << ": wrote " << doc->manifest.storageClasses.size()
              << " storage classes and " << doc->manifest.nodes.size() << " nodes to "
              << options->output << "\n";
        return ExitOk;
    }
    out() << QString::fromUtf8(Core::serializeManifest(*doc));
    out().flush();
    return ExitOk;
}

} // namespace Cli
