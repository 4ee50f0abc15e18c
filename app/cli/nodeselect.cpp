// SPDX-License-Identifier: MIT
#include "nodeselect.h"

#include <core/util/atomicfile.h>

#include <QStringList>

namespace Cli {

Core::Result<const Core::NodeDefinition *> findNode(const Core::ManifestDocument &doc,
                                                    const QString &nodePath)
{
    if (const Core::NodeDefinition *node = doc.manifest.nodeByClassPath(nodePath))
        return node;
    QStringList paths;
    for (const Core::NodeDefinition &n : doc.manifest.nodes)
        paths << n.classRef.path();
    return Core::fail(Core::ErrorCode::NotFound,
                      QStringLiteral("%1 has no node %2; its nodes are: %3.")
                          .arg(doc.path, nodePath, paths.join(QLatin1String(", "))));
}

Core::Result<Core::Config::NodeHashes> hashNode(const Core::ProviderManifest &manifest,
                                                const Core::NodeDefinition &node,
                                                const Core::Config::NodeHashOptions &options)
{
    return Core::Config::computeNodeHashes(
        node, Core::Config::lookupFromManifest(manifest), options);
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

} // namespace Cli
