// SPDX-License-Identifier: MIT
#include "nodeselect.h"

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

} // namespace Cli
