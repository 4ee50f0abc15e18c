// SPDX-License-Identifier: MIT
#pragma once

#include <core/config/configcoerce.h>
#include <core/config/configserialize.h>
#include <core/contract/nodedefinition.h>

#include <QStringList>

namespace Core::Config {

struct NodeHashOptions
{
    std::optional<QString> hashNamespace;    // overrides the node's; nullopt = the node's
    std::optional<QString> projectBranchUid; // the resolved ProjectBranch uid, if any
};

// The DataNode construction a manifest node describes: its configuration (JSON → pydantic
// values) passed as the `config` parameter, and the hash namespace to strip and apply.
[[nodiscard]] Result<NodeCall> nodeCallFor(const NodeDefinition &node,
                                           const StorageClassLookup &lookup,
                                           const NodeHashOptions &options = {});

// update_hash / storage_hash of a manifest node as the SDK computes them at construction.
[[nodiscard]] Result<NodeHashes> computeNodeHashes(const NodeDefinition &node,
                                                   const StorageClassLookup &lookup,
                                                   const NodeHashOptions &options = {});

// Top-level configuration fields declared with json_schema_extra={"hash_excluded": True},
// in declaration order.
QStringList hashExcludedFields(const Json &configSchema);
bool isHashExcluded(const Json &configSchema, const QString &field);

// Whether setting top-level `field` of the node's configuration to `newValue` changes its
// update_hash: both hashes are computed (so an invalid value is an error either way) and
// compared. Editing a hash-excluded field never does.
[[nodiscard]] Result<bool> editChangesUpdateHash(const NodeDefinition &node,
                                                 const QString &field,
                                                 const Json &newValue,
                                                 const StorageClassLookup &lookup);

} // namespace Core::Config
