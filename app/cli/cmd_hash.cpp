// SPDX-License-Identifier: MIT
// `metatable hash`: a node's update_hash and storage_hash as the SDK computes them when the
// node is constructed, from the manifest's configuration schema and values (or a config file).
#include "command.h"

#include <core/config/nodehash.h>
#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/apply.h>
#include <core/util/atomicfile.h>

#include <QMap>

namespace Cli {

namespace {

const QString Name = QStringLiteral("hash");

struct Options
{
    QString manifest;
    QMap<QString, QString> values; // --node, --config, --hash-namespace, --project-branch-uid
    bool json = false;
};

std::optional<Options> parse(const QStringList &args, QString *problem)
{
    static const QStringList valued = {QStringLiteral("--node"),
                                       QStringLiteral("--config"),
                                       QStringLiteral("--hash-namespace"),
                                       QStringLiteral("--project-branch-uid"),
                                       QStringLiteral("--db")};
    Options o;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--json")) {
            o.json = true;
        } else if (valued.contains(a)) {
            if (i + 1 >= args.size()) {
                *problem = QStringLiteral("%1 needs a value").arg(a);
                return std::nullopt;
            }
            if (o.values.contains(a)) {
                *problem = QStringLiteral("%1 given twice").arg(a);
                return std::nullopt;
            }
            o.values.insert(a, args.at(++i));
        } else if (a.startsWith(QLatin1Char('-'))) {
            *problem = QStringLiteral("unknown option '%1'").arg(a);
            return std::nullopt;
        } else if (o.manifest.isEmpty()) {
            o.manifest = a;
        } else {
            *problem = QStringLiteral("unexpected argument '%1'").arg(a);
            return std::nullopt;
        }
    }
    if (o.manifest.isEmpty())
        *problem = QStringLiteral("missing MANIFEST");
    else if (!o.values.contains(QStringLiteral("--node")))
        *problem = QStringLiteral("missing --node MODULE:QUALNAME");
    if (!problem->isEmpty())
        return std::nullopt;
    return o;
}

int failWith(const Core::Error &error, bool json)
{
    if (json) {
        const Core::Json doc = {{"error", {{"message", error.message.toStdString()}}}};
        out() << QString::fromStdString(doc.dump()) << "\n";
    }
    err() << "metatable " << Name << ": " << error.message << "\n";
    return ExitFindings;
}

Core::Result<Core::Json> readConfigFile(const QString &path)
{
    const auto bytes = Core::readWholeFile(path);
    if (!bytes)
        return Core::fail(bytes.error());
    try {
        Core::Json config = Core::Json::parse(bytes->toStdString());
        if (!config.is_object())
            return Core::fail(Core::ErrorCode::InvalidInput,
                              QStringLiteral("%1: expected a JSON object of configuration values, "
                                             "found %2.")
                                  .arg(path, QString::fromUtf8(config.type_name())));
        return config;
    } catch (const Core::Json::parse_error &e) {
        return Core::fail(
            Core::ErrorCode::InvalidInput,
            QStringLiteral("%1: not valid JSON: %2").arg(path, QString::fromUtf8(e.what())));
    }
}

QStringList nodePaths(const Core::ProviderManifest &manifest)
{
    QStringList paths;
    for (const Core::NodeDefinition &n : manifest.nodes)
        paths << n.classRef.path();
    return paths;
}

} // namespace

int runHash(const QStringList &args)
{
    if (handledHelp(Name, args))
        return ExitOk;
    QString problem;
    const auto o = parse(args, &problem);
    if (!o)
        return usageError(Name, problem);
    const auto doc = Core::readManifestFile(o->manifest);
    if (!doc)
        return failWith(doc.error(), o->json);
    const QString nodePath = o->values.value(QStringLiteral("--node"));
    const Core::NodeDefinition *found = doc->manifest.nodeByClassPath(nodePath);
    if (!found)
        return failWith(
            Core::makeError(Core::ErrorCode::NotFound,
                            QStringLiteral("%1 has no node %2; its nodes are: %3.")
                                .arg(o->manifest,
                                     nodePath,
                                     nodePaths(doc->manifest).join(QLatin1String(", ")))),
            o->json);
    Core::NodeDefinition node = *found;
    if (o->values.contains(QStringLiteral("--config"))) {
        const auto config = readConfigFile(o->values.value(QStringLiteral("--config")));
        if (!config)
            return failWith(config.error(), o->json);
        node.config = *config;
    }
    Core::Config::NodeHashOptions options;
    if (o->values.contains(QStringLiteral("--hash-namespace")))
        options.hashNamespace = o->values.value(QStringLiteral("--hash-namespace"));
    if (o->values.contains(QStringLiteral("--project-branch-uid")))
        options.projectBranchUid = o->values.value(QStringLiteral("--project-branch-uid"));

    // Storage classes in a configuration hash by the uid a migration bound them to: with --db,
    // the bindings come from that database's catalog instead of the manifest file.
    Core::ProviderManifest manifest = doc->manifest;
    if (o->values.contains(QStringLiteral("--db"))) {
        auto session = Core::Db::Session::open(o->values.value(QStringLiteral("--db")));
        if (!session)
            return failWith(session.error(), o->json);
        auto bound = Core::Migrate::bindManifest(**session, manifest);
        if (!bound)
            return failWith(bound.error(), o->json);
        manifest = std::move(*bound);
    }
    const auto hashes = Core::Config::computeNodeHashes(
        node, Core::Config::lookupFromManifest(manifest), options);
    if (!hashes)
        return failWith(hashes.error(), o->json);
    if (o->json) {
        const Core::Json out
            = {{"node", nodePath.toStdString()},
               {"update_hash", hashes->updateHash.toStdString()},
               {"storage_hash", hashes->storageHash.toStdString()},
               {"update_hash_payload_json", hashes->updatePayloadJson.toStdString()},
               {"storage_hash_payload_json", hashes->storagePayloadJson.toStdString()},
               {"build_configuration_json", hashes->buildConfigurationJson.toStdString()}};
        Cli::out() << QString::fromStdString(out.dump()) << "\n";
    } else {
        Cli::out() << "update_hash: " << hashes->updateHash << "\n"
                   << "storage_hash: " << hashes->storageHash << "\n";
    }
    return ExitOk;
}

} // namespace Cli
