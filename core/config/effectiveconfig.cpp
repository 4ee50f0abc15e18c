// SPDX-License-Identifier: MIT
#include "effectiveconfig.h"

#include <core/config/nodehash.h>

#include <algorithm>

namespace Core::Config {

QString fieldSourceName(FieldSource source)
{
    switch (source) {
    case FieldSource::Config:
        return QStringLiteral("config");
    case FieldSource::Default:
        return QStringLiteral("default");
    case FieldSource::ComputedDefault:
        return QStringLiteral("computed default");
    case FieldSource::Missing:
        return QStringLiteral("missing");
    }
    return {};
}

QList<EffectiveField> effectiveConfig(const Json &configSchema, const Json &config)
{
    QList<EffectiveField> fields;
    if (!configSchema.is_object() || !configSchema.contains("properties")
        || !configSchema.at("properties").is_object())
        return fields;
    const QStringList excluded = hashExcludedFields(configSchema);
    const Json required = configSchema.value("required", Json::array());
    for (const auto &[name, property] : configSchema.at("properties").items()) {
        EffectiveField field;
        field.name = QString::fromStdString(name);
        field.hashExcluded = excluded.contains(field.name);
        field.required
            = required.is_array()
              && std::find(required.begin(), required.end(), Json(name)) != required.end();
        const Json description
            = property.is_object() ? property.value("description", Json()) : Json();
        if (description.is_string())
            field.description = QString::fromStdString(description.get<std::string>());
        if (config.is_object() && config.contains(name)) {
            field.value = config.at(name);
            field.source = FieldSource::Config;
        } else if (property.is_object() && property.contains("default")) {
            field.value = property.at("default");
            field.source = FieldSource::Default;
        } else {
            field.source = field.required ? FieldSource::Missing : FieldSource::ComputedDefault;
        }
        fields.append(std::move(field));
    }
    return fields;
}

} // namespace Core::Config
