// SPDX-License-Identifier: MIT
#include "schemaref.h"

namespace Core::Config {

Result<Json>
resolveSchema(const Json &rootSchema, const Json &schema, const QString &path, bool *viaRef)
{
    Json current = schema;
    for (int depth = 0; depth < 32; ++depth) {
        if (current.contains("$ref")) {
            const std::string ref = current.at("$ref").get<std::string>();
            const std::string prefix = "#/$defs/";
            const Json *defs = rootSchema.contains("$defs") ? &rootSchema.at("$defs") : nullptr;
            if (ref.rfind(prefix, 0) != 0 || !defs || !defs->contains(ref.substr(prefix.size())))
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("Configuration schema for %1 refers to %2, which "
                                           "is not among the schema's $defs.")
                                .arg(path, QString::fromStdString(ref)));
            Json target = defs->at(ref.substr(prefix.size()));
            // Keys next to $ref (hash_excluded, the storage class marker) still apply.
            for (auto it = current.begin(); it != current.end(); ++it) {
                if (it.key() != "$ref" && !target.contains(it.key()))
                    target[it.key()] = it.value();
            }
            current = std::move(target);
            if (viaRef)
                *viaRef = true;
            continue;
        }
        if (current.contains("allOf") && current.at("allOf").size() == 1) {
            Json target = current.at("allOf").at(0);
            for (auto it = current.begin(); it != current.end(); ++it) {
                if (it.key() != "allOf" && !target.contains(it.key()))
                    target[it.key()] = it.value();
            }
            current = std::move(target);
            continue;
        }
        return current;
    }
    return fail(ErrorCode::InvalidInput,
                QStringLiteral("Configuration schema for %1 has a $ref cycle.").arg(path));
}

bool schemaFlag(const Json &schema, const char *key)
{
    const auto it = schema.find(key);
    return it != schema.end() && *it == true;
}

} // namespace Core::Config
