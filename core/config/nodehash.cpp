// SPDX-License-Identifier: MIT
#include "nodehash.h"

namespace Core::Config {

Result<NodeCall> nodeCallFor(const NodeDefinition &node,
                             const StorageClassLookup &lookup,
                             const NodeHashOptions &options)
{
    auto config = buildConfigModel(node.configClass, node.configSchema, node.config, lookup);
    if (!config)
        return fail(config.error());
    NodeCall call;
    call.nodeClass = node.classRef;
    call.initKwargs.set("config", std::move(*config));
    call.hashNamespace = options.hashNamespace ? options.hashNamespace : node.hashNamespace;
    call.projectBranchUid = options.projectBranchUid;
    return call;
}

Result<NodeHashes> computeNodeHashes(const NodeDefinition &node,
                                     const StorageClassLookup &lookup,
                                     const NodeHashOptions &options)
{
    const auto call = nodeCallFor(node, lookup, options);
    if (!call)
        return fail(call.error());
    return computeNodeHashes(*call);
}

QStringList hashExcludedFields(const Json &configSchema)
{
    QStringList fields;
    const auto properties = configSchema.find("properties");
    if (properties == configSchema.end() || !properties->is_object())
        return fields;
    for (auto it = properties->begin(); it != properties->end(); ++it) {
        const Json &flag
            = it.value().is_object() ? it.value().value("hash_excluded", Json()) : Json();
        if (flag.is_boolean() && flag.get<bool>())
            fields << QString::fromStdString(it.key());
    }
    return fields;
}

bool isHashExcluded(const Json &configSchema, const QString &field)
{
    return hashExcludedFields(configSchema).contains(field);
}

Result<bool> editChangesUpdateHash(const NodeDefinition &node,
                                   const QString &field,
                                   const Json &newValue,
                                   const StorageClassLookup &lookup)
{
    const std::string key = field.toStdString();
    if (!node.configSchema.value("properties", Json::object()).contains(key))
        return fail(ErrorCode::NotFound,
                    QStringLiteral("%1 has no configuration field %2.")
                        .arg(node.configClass.path(), field));
    const auto before = computeNodeHashes(node, lookup);
    if (!before)
        return fail(before.error());
    NodeDefinition edited = node;
    if (!edited.config.is_object())
        edited.config = Json::object();
    edited.config[key] = newValue;
    const auto after = computeNodeHashes(edited, lookup);
    if (!after)
        return fail(after.error());
    return before->updateHash != after->updateHash;
}

} // namespace Core::Config
