// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/util/result.h>

#include <QList>
#include <QString>

namespace Core::Config {

// Where a field's effective value comes from.
enum class FieldSource {
    Config,          // the manifest's config value
    Default,         // the schema's "default"
    ComputedDefault, // a pydantic default_factory: not required, no "default" in the schema
    Missing,         // required, and the manifest gives no value
};

// The wire name of a source in `metatable config show --json`: "config", "default",
// "computed default", "missing".
QString fieldSourceName(FieldSource source);

// One top-level field of a configuration as the node would run with it.
struct EffectiveField
{
    QString name;
    Json value; // null for ComputedDefault and Missing
    FieldSource source = FieldSource::Config;
    bool hashExcluded = false;
    bool required = false;
    QString description;
};

// The fields of `configSchema` in declaration order with their effective values: the config's
// value, else the schema's default. Keys of `config` the schema does not declare are left out.
// The schema is read as the configuration form reads it (configform.h); its errors are those of
// buildForm().
[[nodiscard]] Result<QList<EffectiveField>> effectiveConfig(const Json &configSchema,
                                                            const Json &config);

} // namespace Core::Config
