// SPDX-License-Identifier: MIT
#include "configform.h"

#include <core/config/schemaref.h>

#include <QDateTime>
#include <QUuid>

#include <cmath>

namespace Core::Config {

QString fieldKindName(FieldKind kind)
{
    switch (kind) {
    case FieldKind::Text:
        return QStringLiteral("text");
    case FieldKind::Integer:
        return QStringLiteral("integer");
    case FieldKind::Number:
        return QStringLiteral("number");
    case FieldKind::Boolean:
        return QStringLiteral("boolean");
    case FieldKind::Choice:
        return QStringLiteral("choice");
    case FieldKind::DateTime:
        return QStringLiteral("date-time");
    case FieldKind::Date:
        return QStringLiteral("date");
    case FieldKind::Uuid:
        return QStringLiteral("uuid");
    case FieldKind::Model:
        return QStringLiteral("model");
    case FieldKind::List:
        return QStringLiteral("list");
    case FieldKind::Tuple:
        return QStringLiteral("tuple");
    case FieldKind::Dict:
        return QStringLiteral("dict");
    case FieldKind::Union:
        return QStringLiteral("union");
    case FieldKind::StorageClass:
        return QStringLiteral("storage-class");
    case FieldKind::Any:
        return QStringLiteral("any");
    case FieldKind::Json:
        return QStringLiteral("json");
    }
    return {};
}

namespace {

QString str(const Json &schema, const char *key)
{
    const auto it = schema.find(key);
    return it != schema.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                                 : QString();
}

std::optional<double> number(const Json &schema, const char *key)
{
    const auto it = schema.find(key);
    return it != schema.end() && it->is_number() ? std::optional<double>(it->get<double>())
                                                 : std::nullopt;
}

std::optional<qint64> count(const Json &schema, const char *a, const char *b)
{
    for (const char *key : {a, b}) {
        const auto it = schema.find(key);
        if (it != schema.end() && it->is_number_integer())
            return it->get<qint64>();
    }
    return std::nullopt;
}

// "#/$defs/Name" → "Name", through the allOf wrapping and Optional's anyOf.
QString definitionName(const Json &schema)
{
    if (!schema.is_object())
        return {};
    const QString ref = str(schema, "$ref");
    if (ref.startsWith(QStringLiteral("#/$defs/")))
        return ref.mid(8);
    for (const char *key : {"allOf", "anyOf", "oneOf"}) {
        const auto it = schema.find(key);
        if (it == schema.end() || !it->is_array())
            continue;
        QString name;
        int members = 0;
        for (const Json &m : *it) {
            if (m.is_object() && m.value("type", "") == "null")
                continue;
            ++members;
            name = definitionName(m);
        }
        if (members == 1)
            return name;
    }
    return {};
}

class FormBuilder
{
public:
    explicit FormBuilder(const Json &root)
        : m_root(root)
    {}

    // `raw` as written at the property (title, default and hash_excluded live there).
    Result<FormField> field(const QString &key, const Json &raw, int depth)
    {
        if (depth > 16)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("Configuration schema nests models deeper than 16 levels "
                                       "at %1 (a recursive model?).")
                            .arg(key));
        FormField f;
        f.key = key;
        f.title = str(raw, "title");
        f.description = str(raw, "description");
        f.hashExcluded = schemaFlag(raw, "hash_excluded");
        f.definition = definitionName(raw);
        if (raw.contains("default"))
            f.defaultValue = raw.at("default");
        for (const Json &e : raw.value("examples", Json::array()))
            f.examples.append(e);

        auto resolved = resolveSchema(m_root, raw, key);
        if (!resolved)
            return fail(resolved.error());
        Json schema = *resolved;
        // Optional[X] is anyOf [X, null]: X's form with a None toggle.
        for (const char *unionKey : {"anyOf", "oneOf"}) {
            if (!schema.contains(unionKey))
                continue;
            Json members = Json::array();
            for (const Json &m : schema.at(unionKey)) {
                if (m.value("type", "") == "null")
                    f.nullable = true;
                else
                    members.push_back(m);
            }
            if (members.size() == 1) {
                auto inner = resolveSchema(m_root, members.at(0), key);
                if (!inner)
                    return fail(inner.error());
                Json merged = *inner;
                for (auto it = schema.begin(); it != schema.end(); ++it) {
                    if (it.key() != unionKey && !merged.contains(it.key()))
                        merged[it.key()] = it.value();
                }
                schema = merged;
            } else {
                f.kind = FieldKind::Union;
                for (size_t i = 0; i < members.size(); ++i) {
                    auto member = field(QStringLiteral("%1").arg(i), members.at(i), depth + 1);
                    if (!member)
                        return fail(member.error());
                    f.children.append(*member);
                }
                f.schema = schema;
                if (f.title.isEmpty())
                    f.title = key;
                return f;
            }
        }
        if (f.title.isEmpty())
            f.title = str(schema, "title").isEmpty() ? key : str(schema, "title");
        if (f.description.isEmpty())
            f.description = str(schema, "description");
        f.schema = schema;
        f.minimum = number(schema, "minimum");
        f.maximum = number(schema, "maximum");
        f.exclusiveMinimum = number(schema, "exclusiveMinimum");
        f.exclusiveMaximum = number(schema, "exclusiveMaximum");
        f.minLength = count(schema, "minLength", "minItems");
        f.maxLength = count(schema, "maxLength", "maxItems");
        f.pattern = str(schema, "pattern");
        if (auto r = classify(f, schema, depth); !r)
            return fail(r.error());
        return f;
    }

private:
    VoidResult classify(FormField &f, const Json &schema, int depth)
    {
        const QString type = str(schema, "type");
        const QString format = str(schema, "format");
        if (schemaFlag(schema, "x-metatable-storage-class")) {
            f.kind = FieldKind::StorageClass;
        } else if (schema.contains("enum") || schema.contains("const")) {
            f.kind = FieldKind::Choice;
            if (schema.contains("const"))
                f.choices.append(schema.at("const"));
            for (const Json &c : schema.value("enum", Json::array()))
                f.choices.append(c);
        } else if (type == u"string") {
            f.kind = format == u"date-time" ? FieldKind::DateTime
                     : format == u"date"    ? FieldKind::Date
                     : format == u"uuid"    ? FieldKind::Uuid
                                            : FieldKind::Text;
        } else if (type == u"integer") {
            f.kind = FieldKind::Integer;
        } else if (type == u"number") {
            f.kind = FieldKind::Number;
        } else if (type == u"boolean") {
            f.kind = FieldKind::Boolean;
        } else if (type == u"array") {
            return items(f, schema, depth);
        } else if (schema.contains("properties")) {
            return model(f, schema, depth);
        } else if (type == u"object"
                   && schema.value("additionalProperties", Json(true)).is_object()) {
            f.kind = FieldKind::Dict;
            auto value
                = field(QStringLiteral("value"), schema.at("additionalProperties"), depth + 1);
            if (!value)
                return fail(value.error());
            f.children.append(*value);
        } else if (type.isEmpty() && !schema.contains("allOf")) {
            f.kind = FieldKind::Any;
        } else {
            f.kind = FieldKind::Json;
            f.unsupported = QStringLiteral("the form has no editor for this schema; edit the "
                                           "value as JSON");
        }
        return {};
    }

    VoidResult items(FormField &f, const Json &schema, int depth)
    {
        if (schema.contains("prefixItems")) {
            f.kind = FieldKind::Tuple;
            int i = 0;
            for (const Json &item : schema.at("prefixItems")) {
                auto child = field(QString::number(i++), item, depth + 1);
                if (!child)
                    return fail(child.error());
                f.children.append(*child);
            }
            return {};
        }
        f.kind = FieldKind::List;
        auto item = field(QStringLiteral("item"), schema.value("items", Json::object()), depth + 1);
        if (!item)
            return fail(item.error());
        f.children.append(*item);
        return {};
    }

    VoidResult model(FormField &f, const Json &schema, int depth)
    {
        f.kind = FieldKind::Model;
        f.forbidsExtra = schema.value("additionalProperties", Json(true)) == false;
        const Json required = schema.value("required", Json::array());
        for (auto it = schema.at("properties").begin(); it != schema.at("properties").end(); ++it) {
            auto child = field(QString::fromStdString(it.key()), it.value(), depth + 1);
            if (!child)
                return fail(child.error());
            child->required
                = std::find(required.begin(), required.end(), it.key()) != required.end();
            child->computedDefault = !child->required && !child->defaultValue;
            f.children.append(*child);
        }
        return {};
    }

    const Json &m_root;
};

} // namespace

Json initialValue(const FormField &field)
{
    if (field.defaultValue && !field.defaultValue->is_null())
        return *field.defaultValue;
    if (!field.examples.isEmpty() && !field.examples.first().is_null())
        return field.examples.first();
    switch (field.kind) {
    case FieldKind::Integer:
    case FieldKind::Number: {
        // The smallest value the bounds allow, so a fresh value starts valid where it can.
        double low = 0;
        if (field.minimum)
            low = std::max(low, *field.minimum);
        if (field.exclusiveMinimum)
            low = std::max(low,
                           *field.exclusiveMinimum + (field.kind == FieldKind::Integer ? 1 : 0));
        if (field.maximum && low > *field.maximum)
            low = *field.maximum;
        return field.kind == FieldKind::Integer ? Json(qint64(std::ceil(low))) : Json(low);
    }
    case FieldKind::Boolean:
        return Json(false);
    case FieldKind::Choice:
        return field.choices.isEmpty() ? Json() : field.choices.first();
    case FieldKind::DateTime:
        return Json(QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate).toStdString()
                    + "T00:00:00+00:00");
    case FieldKind::Date:
        return Json(QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate).toStdString());
    case FieldKind::Uuid:
        return Json(QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
    case FieldKind::Model:
    case FieldKind::Dict:
    case FieldKind::StorageClass:
        return Json::object();
    case FieldKind::List:
        return Json::array();
    case FieldKind::Tuple: {
        Json out = Json::array();
        for (const FormField &child : field.children)
            out.push_back(initialValue(child));
        return out;
    }
    case FieldKind::Union:
        return field.children.isEmpty() ? Json() : initialValue(field.children.first());
    case FieldKind::Text:
        return Json("");
    case FieldKind::Any:
    case FieldKind::Json:
        return Json();
    }
    return Json();
}

Result<FormField> buildForm(const Json &configSchema)
{
    if (!configSchema.is_object() || !configSchema.contains("properties"))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The configuration schema is not a pydantic model: it has no "
                                   "\"properties\"."));
    FormBuilder builder(configSchema);
    return builder.field(QString(), configSchema, 0);
}

} // namespace Core::Config
