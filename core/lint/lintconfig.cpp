// SPDX-License-Identifier: MIT
// Lint of a node's configuration: the guide's rules for DataNodeConfiguration (update-scope
// fields only, Field(...) descriptions, hash_excluded instead of legacy extras, no storage
// identity or backend UIDs).
#include "lintrules.h"

#include <core/manifest/jsonreader.h>

namespace Core::LintDetail {

namespace {

bool isStorageIdentityName(const QString &name)
{
    static const QStringList exact = {QStringLiteral("storage_table"),
                                      QStringLiteral("data_source_uid"),
                                      QStringLiteral("storage_hash"),
                                      QStringLiteral("metatable_uid"),
                                      QStringLiteral("meta_table_uid")};
    return exact.contains(name) || name.endsWith(QStringLiteral("_meta_table_uid"))
           || name.endsWith(QStringLiteral("_metatable_uid"))
           || name.endsWith(QStringLiteral("_data_source_uid"));
}

QString key(const QString &pointer, const std::string &name)
{
    return pointer + QLatin1Char('/')
           + ManifestDetail::escapePointerToken(QString::fromStdString(name));
}

void lintProperties(const Json &properties, const QString &p, QList<LintFinding> &out)
{
    if (!properties.is_object())
        return;
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        const QString fp = key(p, it.key());
        if (!it->is_object())
            continue;
        const auto description = it->find("description");
        if (description == it->end() || !description->is_string()
            || QString::fromStdString(description->get<std::string>()).trimmed().isEmpty())
            report(out,
                   "config-field-description-missing",
                   fp + QStringLiteral("/description"),
                   QStringLiteral("Configuration field '%1' has no description.").arg(name),
                   QStringLiteral("Declare it with Field(..., description=\"...\")."));
        for (const char *legacy : {"update_only", "runtime_only", "ignore_from_storage_hash"}) {
            if (it->contains(legacy))
                report(out,
                       "config-legacy-extra",
                       key(fp, legacy),
                       QStringLiteral("Configuration field '%1' uses the legacy schema extra '%2', "
                                      "which is not part of the current SDK contract.")
                           .arg(name, QString::fromLatin1(legacy)),
                       QStringLiteral(
                           "Use json_schema_extra={\"hash_excluded\": True} where the field "
                           "must not affect update identity; else drop the extra."));
        }
        if (isStorageIdentityName(name))
            report(out,
                   "config-storage-identity",
                   fp,
                   QStringLiteral("Configuration field '%1' carries storage identity or a backend "
                                  "UID; configuration holds update-scope fields only.")
                       .arg(name),
                   QStringLiteral("Pass the storage class to the node (storage_table=...) and let "
                                  "the migration workflow bind it."));
    }
}

} // namespace

void lintNodeConfig(const NodeDefinition &node, qsizetype index, QList<LintFinding> &out)
{
    const QString np = nodePointer(index);
    const QString sp = np + QStringLiteral("/config_schema");
    const Json &schema = node.configSchema;
    const Json empty = Json::object();
    const auto propertiesIt = schema.find("properties");
    const Json &properties = propertiesIt != schema.end() ? *propertiesIt : empty;
    lintProperties(properties, sp + QStringLiteral("/properties"), out);
    if (const auto defs = schema.find("$defs"); defs != schema.end() && defs->is_object()) {
        for (auto it = defs->begin(); it != defs->end(); ++it) {
            if (it->is_object() && it->contains("properties"))
                lintProperties((*it)["properties"],
                               key(sp + QStringLiteral("/$defs"), it.key())
                                   + QStringLiteral("/properties"),
                               out);
        }
    }

    const QString cp = np + QStringLiteral("/config");
    for (auto it = node.config.begin(); it != node.config.end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        const bool declared = properties.is_object() && properties.contains(it.key());
        if (!declared && isStorageIdentityName(name))
            report(out,
                   "config-storage-identity",
                   key(cp, it.key()),
                   QStringLiteral("Configuration value '%1' carries storage identity or a backend "
                                  "UID; configuration holds update-scope fields only.")
                       .arg(name),
                   QStringLiteral("Remove it: the migration workflow binds storage classes."));
        if (declared && properties[it.key()].is_object()
            && properties[it.key()].value("x-metatable-storage-class", false) == true
            && it->is_string())
            report(
                out,
                "config-storage-identity",
                key(cp, it.key()),
                QStringLiteral("Storage-class field '%1' holds a hand-written UID or table name.")
                    .arg(name),
                QStringLiteral(
                    "Write {\"__type__\": \"platform_time_index_meta_table\", \"module\": M, "
                    "\"qualname\": Q}; the console resolves the bound UID."));
    }

    if (const auto required = schema.find("required");
        required != schema.end() && required->is_array()) {
        for (const Json &name : *required) {
            if (name.is_string() && !node.config.contains(name.get<std::string>()))
                report(
                    out,
                    "config-required-value-missing",
                    cp,
                    QStringLiteral("Required configuration field '%1' of node %2 has no value.")
                        .arg(QString::fromStdString(name.get<std::string>()), node.classRef.path()),
                    QStringLiteral("Set a value for '%1' in config.")
                        .arg(QString::fromStdString(name.get<std::string>())));
        }
    }
}

} // namespace Core::LintDetail
