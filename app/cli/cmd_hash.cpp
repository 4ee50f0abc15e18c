// SPDX-License-Identifier: MIT
// `metatable hash`: a node's update_hash and storage_hash as the SDK computes them when the
// node is constructed, from the manifest's configuration schema and values (or a config file).
#include "command.h"
#include "nodeselect.h"
#include "options.h"

#include <core/config/nodehash.h>
#include <core/db/session.h>
#include <core/manifest/manifestio.h>
#include <core/migrate/apply.h>

namespace Cli {

namespace {

const QString Name = QStringLiteral("hash");

const Syntax CommandLine = Syntax({Option::flag({QStringLiteral("--json")}),
                                   Option::once({QStringLiteral("--node")})
                                       .required(QStringLiteral("missing --node MODULE:QUALNAME")),
                                   Option::once({QStringLiteral("--config")}),
                                   Option::once({QStringLiteral("--hash-namespace")}),
                                   Option::once({QStringLiteral("--project-branch-uid")}),
                                   Option::once({QStringLiteral("--db")})})
                               .positional(QStringLiteral("missing MANIFEST"));

} // namespace

int runHash(const QStringList &args)
{
    const auto o = parseArguments(CommandLine, args);
    if (!o)
        return usageError(Name, o.error());
    const bool json = o->has(QStringLiteral("--json"));
    const auto failWith
        = [&](const Core::Error &error) { return failWithMessage(Name, error, json); };
    const auto doc = Core::readManifestFile(o->first());
    if (!doc)
        return failWith(doc.error());
    const QString nodePath = o->value(QStringLiteral("--node"));
    const auto found = findNode(*doc, nodePath);
    if (!found)
        return failWith(found.error());
    Core::NodeDefinition node = **found;
    if (o->has(QStringLiteral("--config"))) {
        const auto config = readConfigFile(o->value(QStringLiteral("--config")));
        if (!config)
            return failWith(config.error());
        node.config = *config;
    }
    Core::Config::NodeHashOptions options;
    if (o->has(QStringLiteral("--hash-namespace")))
        options.hashNamespace = o->value(QStringLiteral("--hash-namespace"));
    if (o->has(QStringLiteral("--project-branch-uid")))
        options.projectBranchUid = o->value(QStringLiteral("--project-branch-uid"));

    // Storage classes in a configuration hash by the uid a migration bound them to: with --db,
    // the bindings come from that database's catalog instead of the manifest file.
    Core::ProviderManifest manifest = doc->manifest;
    if (o->has(QStringLiteral("--db"))) {
        auto session = Core::Db::Session::open(o->value(QStringLiteral("--db")));
        if (!session)
            return failWith(session.error());
        auto bound = Core::Migrate::bindManifest(**session, manifest);
        if (!bound)
            return failWith(bound.error());
        manifest = std::move(*bound);
    }
    const auto hashes = hashNode(manifest, node, options);
    if (!hashes)
        return failWith(hashes.error());
    if (json) {
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
