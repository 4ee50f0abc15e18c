// SPDX-License-Identifier: MIT
#include "effectiveconfig.h"

#include <core/config/configform.h>

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

Result<QList<EffectiveField>> effectiveConfig(const Json &configSchema, const Json &config)
{
    // A node without configuration: pydantic writes {} or an object without properties.
    if (configSchema.is_object() && !configSchema.contains("properties"))
        return QList<EffectiveField>();
    const auto form = buildForm(configSchema);
    if (!form)
        return fail(form.error());
    QList<EffectiveField> fields;
    for (const FormField &f : form->children) {
        EffectiveField field;
        field.name = f.key;
        field.hashExcluded = f.hashExcluded;
        field.required = f.required;
        field.description = f.description;
        const std::string key = f.key.toStdString();
        if (config.is_object() && config.contains(key)) {
            field.value = config.at(key);
            field.source = FieldSource::Config;
        } else if (f.defaultValue) {
            field.value = *f.defaultValue;
            field.source = FieldSource::Default;
        } else {
            field.source = f.computedDefault ? FieldSource::ComputedDefault : FieldSource::Missing;
        }
        fields.append(std::move(field));
    }
    return fields;
}

} // namespace Core::Config
