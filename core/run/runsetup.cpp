// SPDX-License-Identifier: MIT
#include "runsetup.h"

#include "runnerprocess.h"

#include <core/config/configcoerce.h>
#include <core/config/effectiveconfig.h>
#include <core/config/nodehash.h>

#include <QDir>

namespace Core::Run {

namespace {

Result<Json> effectiveConfigJson(const NodeDefinition &node)
{
    auto fields = Config::effectiveConfig(node.configSchema, node.config);
    if (!fields)
        return fail(fields.error());
    Json config = Json::object();
    for (const Config::EffectiveField &f : *fields) {
        if (f.source == Config::FieldSource::Config || f.source == Config::FieldSource::Default)
            config[f.name.toStdString()] = f.value;
        else if (f.source == Config::FieldSource::Missing)
            return fail(ErrorCode::Refused,
                        QStringLiteral("The configuration of %1 has no value for its required "
                                       "field '%2': set it before running the node.")
                            .arg(node.classRef.path(), f.name));
    }
    return config;
}

Result<const StorageClass *> outputClass(const ProviderManifest &manifest,
                                         const NodeDefinition &node)
{
    const QString path = node.classRef.path();
    if (!node.storageClass || node.storageClass->isEmpty())
        return fail(ErrorCode::Refused,
                    QStringLiteral("Node %1 names no storage class (its storage_class is null, "
                                   "chosen at run time): set the node's storage_class in the "
                                   "manifest to the table it writes, then run it.")
                        .arg(path));
    const StorageClass *sc = manifest.storageClassByTable(*node.storageClass);
    if (!sc)
        return fail(ErrorCode::Refused,
                    QStringLiteral("Node %1 writes storage class '%2', which the manifest does "
                                   "not define.")
                        .arg(path, *node.storageClass));
    if (!sc->isTimeIndexed())
        return fail(ErrorCode::Refused,
                    QStringLiteral("Node %1 writes %2, a relational storage class: node runs "
                                   "write time-indexed storage classes, whose grain is the time "
                                   "index and index_names.")
                        .arg(path, sc->tableName()));
    return sc;
}

VoidResult fillLaunch(RunSetup &setup, const RunOptions &options)
{
    const RunnerSpec &runner = setup.node->runner;
    const QString path = setup.node->classRef.path();
    if (runner.command.isEmpty() || runner.command.first().isEmpty())
        return fail(ErrorCode::Refused,
                    QStringLiteral("Node %1 has no runner: its runner.command is empty. Give "
                                   "the argv that runs the node's update, e.g. [\"python\", "
                                   "\"-m\", \"metatable_runner\", \"--node\", \"%1\"].")
                        .arg(path));
    const auto format = rowFormatFromName(runner.rowFormat.toStdString());
    if (!format)
        return fail(ErrorCode::Refused,
                    QStringLiteral("Node %1 has runner.row_format '%2'; it must be ndjson or "
                                   "csv.")
                        .arg(path, runner.rowFormat));
    setup.format = *format;
    const QString base = options.workingDirectoryBase.isEmpty() ? QDir::currentPath()
                                                                : options.workingDirectoryBase;
    const QString dir = runner.workingDirectory.value_or(QString());
    setup.workingDirectory = QDir::cleanPath(QDir(base).absoluteFilePath(dir));
    if (!QDir(setup.workingDirectory).exists())
        return fail(ErrorCode::NotFound,
                    QStringLiteral("The working directory %1 of node %2's runner does not "
                                   "exist.")
                        .arg(setup.workingDirectory, path));
    setup.environment = QProcessEnvironment::systemEnvironment();
    for (const auto &[key, value] : runner.environment)
        setup.environment.insert(key, value);
    setup.program = runner.command.first();
    setup.arguments = runner.command.mid(1);
    return {};
}

} // namespace

VoidResult resolveRunner(RunSetup &setup)
{
    auto program = resolveProgram(setup.program, setup.workingDirectory, setup.environment);
    if (!program)
        return fail(program.error());
    setup.program = *program;
    return {};
}

QString storageClassName(const StorageClass &storageClass)
{
    if (storageClass.registration.identifier && !storageClass.registration.identifier->isEmpty())
        return *storageClass.registration.identifier;
    return storageClass.classRef.path();
}

Result<RunSetup>
prepareRun(const ProviderManifest &manifest, const QString &nodePath, const RunOptions &options)
{
    RunSetup setup;
    setup.node = manifest.nodeByClassPath(nodePath);
    if (!setup.node) {
        QStringList paths;
        for (const NodeDefinition &n : manifest.nodes)
            paths << n.classRef.path();
        return fail(ErrorCode::NotFound,
                    QStringLiteral("The manifest has no node %1; its nodes are: %2.")
                        .arg(nodePath, paths.join(QLatin1String(", "))));
    }
    auto sc = outputClass(manifest, *setup.node);
    if (!sc)
        return fail(sc.error());
    setup.storageClass = *sc;
    const Registration &reg = setup.storageClass->registration;
    setup.timeIndex = reg.timeIndexName;
    setup.grainColumns = reg.indexNames;
    if (!setup.grainColumns.contains(reg.timeIndexName))
        setup.grainColumns.prepend(reg.timeIndexName);

    NodeDefinition node = *setup.node;
    if (options.config)
        node.config = *options.config;
    auto hashes = Config::computeNodeHashes(node, Config::lookupFromManifest(manifest));
    if (!hashes)
        return fail(ErrorCode::Refused,
                    QStringLiteral("Node %1 cannot run with this configuration: %2")
                        .arg(nodePath, hashes.error().message),
                    hashes.error().detail);
    setup.hashes = *hashes;
    auto config = effectiveConfigJson(node);
    if (!config)
        return fail(config.error());
    setup.config = std::move(*config);
    if (auto r = fillLaunch(setup, options); !r)
        return fail(r.error());
    return setup;
}

} // namespace Core::Run
