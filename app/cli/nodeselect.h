// SPDX-License-Identifier: MIT
// What the commands that work on one DataNode of a manifest share (hash, config, run): picking
// the node named by --node, reading --config FILE, and hashing it the way `metatable hash` does.
#pragma once

#include <core/config/nodehash.h>
#include <core/manifest/manifestio.h>
#include <core/util/result.h>

#include <QString>

namespace Cli {

// The node MODULE:QUALNAME of `doc`; the error names the manifest and lists its nodes.
[[nodiscard]] Core::Result<const Core::NodeDefinition *> findNode(const Core::ManifestDocument &doc,
                                                                  const QString &nodePath);

// The JSON object of configuration values in `path` (--config FILE of hash and run).
[[nodiscard]] Core::Result<Core::Json> readConfigFile(const QString &path);

// The node's update_hash and storage_hash, its storage classes bound as `manifest` binds them.
[[nodiscard]] Core::Result<Core::Config::NodeHashes>
hashNode(const Core::ProviderManifest &manifest,
         const Core::NodeDefinition &node,
         const Core::Config::NodeHashOptions &options = {});

} // namespace Cli
