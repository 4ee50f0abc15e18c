// SPDX-License-Identifier: MIT
#include "configedit.h"

namespace Core::Config {

namespace {

// The "$defs" entry a "$ref" names, or the schema itself.
const Json *resolved(const Json &root, const Json &schema)
{
    const auto ref = schema.find("$ref");
    if (ref == schema.end() || !ref->is_string())
        return &schema;
    const std::string prefix = "#/$defs/";
    const std::string &target = ref->get_ref<const std::string &>();
    const auto defs = root.find("$defs");
    if (target.rfind(prefix, 0) != 0 || defs == root.end() || !defs->is_object())
        return nullptr;
    const auto def = defs->find(target.substr(prefix.size()));
    return def == defs->end() ? nullptr : &*def;
}

bool isModel(const Json *schema)
{
    return schema && schema->is_object() && schema->contains("properties")
           && schema->at("properties").is_object();
}

// The nested model a field's schema declares: a "$ref" to one, the model inline, or the model
// branch of an Optional (anyOf/oneOf with null). Nothing for dicts, lists and scalars.
const Json *nestedModel(const Json &root, const Json &fieldSchema)
{
    const Json *schema = resolved(root, fieldSchema);
    if (isModel(schema))
        return schema;
    if (!schema || !schema->is_object())
        return nullptr;
    for (const char *key : {"anyOf", "oneOf"}) {
        const auto branches = schema->find(key);
        if (branches == schema->end() || !branches->is_array())
            continue;
        for (const Json &branch : *branches) {
            if (const Json *model = resolved(root, branch); isModel(model))
                return model;
        }
    }
    return nullptr;
}

bool acceptsExtraKeys(const Json &model)
{
    const Json extra = model.value("additionalProperties", Json(false));
    return (extra.is_boolean() && extra.get<bool>()) || extra.is_object();
}

QString modelName(const Json &model, const QString &fallback)
{
    const Json title = model.value("title", Json());
    return title.is_string() ? QString::fromStdString(title.get<std::string>()) : fallback;
}

QStringList fieldNames(const Json &model)
{
    QStringList names;
    for (const auto &[name, schema] : model.at("properties").items())
        names << QString::fromStdString(name);
    return names;
}

QString describe(const Json &value)
{
    if (value.is_object())
        return QStringLiteral("an object");
    if (value.is_array())
        return QStringLiteral("a list");
    return QStringLiteral("the %1 %2")
        .arg(QString::fromUtf8(value.type_name()), QString::fromStdString(value.dump()));
}

} // namespace

Result<ConfigAssignment> parseAssignment(const QString &text)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("'%1' is not FIELD=VALUE (e.g. source_scope=us, "
                                   "base.window.days=3, offset_start=null).")
                        .arg(text));
    ConfigAssignment assignment;
    assignment.path = text.left(eq).split(QLatin1Char('.'));
    if (assignment.path.contains(QString()))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("'%1' has an empty part in its field path; write the field's "
                                   "dotted path, e.g. base.window.days=3.")
                        .arg(text.left(eq)));
    const std::string value = text.mid(eq + 1).toStdString();
    assignment.value = Json::parse(value, nullptr, false);
    if (assignment.value.is_discarded())
        assignment.value = value;
    return assignment;
}

Result<Json>
assignConfigValue(const Json &configSchema, const Json &config, const ConfigAssignment &assignment)
{
    Json out = config.is_object() ? config : Json::object();
    Json *target = &out;
    const Json *model = isModel(&configSchema) ? &configSchema : nullptr;
    QString modelTitle = modelName(configSchema, QStringLiteral("the configuration class"));
    for (qsizetype i = 0; i < assignment.path.size(); ++i) {
        const QString where = assignment.path.mid(0, i + 1).join(QLatin1Char('.'));
        const std::string key = assignment.path[i].toStdString();
        const Json *fieldSchema = nullptr;
        if (model) {
            const Json &properties = model->at("properties");
            if (properties.contains(key))
                fieldSchema = &properties.at(key);
            else if (!acceptsExtraKeys(*model))
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("%1 has no field %2; its fields are: %3. Check the "
                                           "spelling or the dotted path.")
                                .arg(modelTitle,
                                     assignment.path[i],
                                     fieldNames(*model).join(QLatin1String(", "))));
        }
        if (i == assignment.path.size() - 1) {
            (*target)[key] = assignment.value;
            return out;
        }
        const Json *next = fieldSchema ? nestedModel(configSchema, *fieldSchema) : nullptr;
        const auto it = target->find(key);
        if (it == target->end() || it->is_null()) {
            if (!next)
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("%1 is not a nested model in the schema, so its fields "
                                           "cannot be set one by one; give its whole value as "
                                           "JSON instead, e.g. %1='{\"%2\": ...}'.")
                                .arg(where, assignment.path[i + 1]));
            (*target)[key] = Json::object();
        } else if (!it->is_object()) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("%1 holds %2, not an object, so it has no field %3; set "
                                       "%1 itself instead.")
                            .arg(where, describe(*it), assignment.path[i + 1]));
        }
        target = &(*target)[key];
        model = next;
        if (next)
            modelTitle = modelName(*next, where);
    }
    return out;
}

std::optional<Json> configValueAt(const Json &config, const QStringList &path)
{
    const Json *at = &config;
    for (const QString &segment : path) {
        if (!at->is_object())
            return std::nullopt;
        const auto it = at->find(segment.toStdString());
        if (it == at->end())
            return std::nullopt;
        at = &*it;
    }
    return *at;
}

} // namespace Core::Config
