// SPDX-License-Identifier: MIT
#include "configcoerce.h"

#include <core/config/pydatetime.h>
#include <core/config/schemaref.h>
#include <core/contract/jsonpyvalue.h>

#include <QHash>
#include <QRegularExpression>

#include <cmath>
#include <cstdio>
#include <string>

namespace Core::Config {

namespace {

using Py::Value;

QString describe(const Json &v)
{
    switch (v.type()) {
    case Json::value_t::null:
        return QStringLiteral("null");
    case Json::value_t::boolean:
        return v.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    case Json::value_t::string:
        return QStringLiteral("the string ") + QString::fromStdString(v.dump());
    case Json::value_t::array:
        return QStringLiteral("an array");
    case Json::value_t::object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("the number ") + QString::fromStdString(v.dump());
    }
}

tl::unexpected<Error> mismatch(const QString &path, const QString &expected, const Json &found)
{
    return fail(ErrorCode::InvalidInput,
                QStringLiteral("Configuration value %1: expected %2, found %3.")
                    .arg(path, expected, describe(found)));
}

struct Coercer
{
    const CoerceContext &ctx;
    bool defaultsMode = false; // unvalidated default: scalars keep their JSON type

    Result<Json> resolve(const Json &schema, const QString &path, bool *viaRef = nullptr) const
    {
        return resolveSchema(ctx.rootSchema, schema, path, viaRef);
    }

    static QString typeOf(const Json &schema)
    {
        if (!schema.contains("type"))
            return {};
        const Json &t = schema.at("type");
        if (t.is_string())
            return QString::fromStdString(t.get<std::string>());
        // ["string", "null"]: the non-null member.
        for (const Json &item : t) {
            if (item != "null")
                return QString::fromStdString(item.get<std::string>());
        }
        return QStringLiteral("null");
    }

    static bool allowsNull(const Json &schema)
    {
        if (schema.contains("type") && schema.at("type").is_array()) {
            for (const Json &item : schema.at("type"))
                if (item == "null")
                    return true;
        }
        for (const char *key : {"anyOf", "oneOf"}) {
            if (schema.contains(key))
                for (const Json &branch : schema.at(key))
                    if (branch.value("type", Json()) == "null")
                        return true;
        }
        return schema.value("type", Json()) == "null";
    }

    Result<Value> coerce(const Json &rawSchema, const Json &value, const QString &path) const
    {
        bool viaRef = false;
        const auto resolved = resolve(rawSchema, path, &viaRef);
        if (!resolved)
            return fail(resolved.error());
        const Json &schema = *resolved;
        if (value.is_null() && (defaultsMode || allowsNull(schema)))
            return Value(Py::None{});
        if (schemaFlag(schema, "x-metatable-storage-class"))
            return storageClass(value, path);
        for (const char *key : {"anyOf", "oneOf"}) {
            if (schema.contains(key))
                return unionOf(schema.at(key), value, path);
        }
        if (schema.contains("const")) {
            if (value != schema.at("const"))
                return mismatch(path, QString::fromStdString(schema.at("const").dump()), value);
            return toPyValue(value);
        }
        if (schema.contains("enum"))
            return enumValue(schema, value, path, viaRef);
        const QString type = typeOf(schema);
        if (type == QLatin1String("integer"))
            return defaultsMode ? toPyValue(value) : integer(value, path);
        if (type == QLatin1String("number"))
            return defaultsMode ? toPyValue(value) : number(value, path);
        if (type == QLatin1String("boolean"))
            return defaultsMode ? toPyValue(value) : boolean(value, path);
        if (type == QLatin1String("string"))
            return string(schema, value, path);
        if (type == QLatin1String("array"))
            return array(schema, value, path);
        if (type == QLatin1String("object") || schema.contains("properties"))
            return object(schema, value, path);
        if (type == QLatin1String("null")) {
            if (!value.is_null())
                return mismatch(path, QStringLiteral("null"), value);
            return Value(Py::None{});
        }
        return toPyValue(value); // Any
    }

    Result<Value> unionOf(const Json &branches, const Json &value, const QString &path) const
    {
        // Smart mode: a branch of exactly the value's JSON type first, then the first that fits.
        for (const Json &branch : branches) {
            const auto resolved = resolve(branch, path);
            if (!resolved)
                return fail(resolved.error());
            const QString type = typeOf(*resolved);
            const bool exact = (type == QLatin1String("integer") && value.is_number_integer())
                               || (type == QLatin1String("number") && value.is_number_float())
                               || (type == QLatin1String("boolean") && value.is_boolean())
                               || (type == QLatin1String("string") && value.is_string()
                                   && !resolved->contains("format") && !resolved->contains("enum"));
            if (exact)
                return coerce(branch, value, path);
        }
        std::optional<Error> first;
        for (const Json &branch : branches) {
            auto result = coerce(branch, value, path);
            if (result)
                return result;
            if (!first)
                first = result.error();
        }
        if (first)
            return fail(*first);
        return mismatch(path, QStringLiteral("a value of one of the declared types"), value);
    }

    Result<Value> integer(const Json &value, const QString &path) const
    {
        const QString expected = QStringLiteral("an integer");
        if (value.is_boolean())
            return Value::integer(value.get<bool>() ? 1 : 0);
        if (value.is_number_integer())
            return toPyValue(value);
        if (value.is_number_float()) {
            const double d = value.get<double>();
            if (!std::isfinite(d) || d != std::trunc(d))
                return mismatch(path, expected + QStringLiteral(" (no fractional part)"), value);
            char buf[400];
            std::snprintf(buf, sizeof buf, "%.0f", d);
            std::string digits = buf;
            if (digits == "-0")
                digits = "0";
            return Value(Py::Int{digits});
        }
        if (value.is_string()) {
            static const QRegularExpression re(
                QStringLiteral("^\\s*([+-]?)0*(\\d+)(?:\\.0*)?\\s*$"));
            const auto m = re.match(QString::fromStdString(value.get<std::string>()));
            if (m.hasMatch()) {
                QString digits = m.captured(2);
                const bool negative
                    = m.captured(1) == QLatin1String("-") && digits != QLatin1String("0");
                return Value(
                    Py::Int{((negative ? QStringLiteral("-") : QString()) + digits).toStdString()});
            }
        }
        return mismatch(path, expected, value);
    }

    Result<Value> number(const Json &value, const QString &path) const
    {
        if (value.is_boolean())
            return Value(value.get<bool>() ? 1.0 : 0.0);
        if (value.is_number())
            return Value(value.get<double>());
        if (value.is_string()) {
            const QString text = QString::fromStdString(value.get<std::string>()).trimmed();
            bool ok = false;
            const double d = text.toDouble(&ok);
            if (ok)
                return Value(d);
            const QString lower = text.toLower();
            if (lower == QLatin1String("inf") || lower == QLatin1String("+inf")
                || lower == QLatin1String("infinity") || lower == QLatin1String("+infinity"))
                return Value(HUGE_VAL);
            if (lower == QLatin1String("-inf") || lower == QLatin1String("-infinity"))
                return Value(-HUGE_VAL);
            if (lower == QLatin1String("nan"))
                return Value(std::nan(""));
        }
        return mismatch(path, QStringLiteral("a number"), value);
    }

    Result<Value> boolean(const Json &value, const QString &path) const
    {
        if (value.is_boolean())
            return Value(value.get<bool>());
        if (value.is_number() && (value.get<double>() == 0.0 || value.get<double>() == 1.0))
            return Value(value.get<double>() == 1.0);
        if (value.is_string()) {
            const QString s = QString::fromStdString(value.get<std::string>()).toLower();
            static const QStringList truthy = {QStringLiteral("1"),
                                               QStringLiteral("on"),
                                               QStringLiteral("t"),
                                               QStringLiteral("true"),
                                               QStringLiteral("y"),
                                               QStringLiteral("yes")};
            static const QStringList falsy = {QStringLiteral("0"),
                                              QStringLiteral("off"),
                                              QStringLiteral("f"),
                                              QStringLiteral("false"),
                                              QStringLiteral("n"),
                                              QStringLiteral("no")};
            if (truthy.contains(s))
                return Value(true);
            if (falsy.contains(s))
                return Value(false);
        }
        return mismatch(path, QStringLiteral("a boolean"), value);
    }

    Result<Value> string(const Json &schema, const Json &value, const QString &path) const
    {
        const std::string format = schema.value("format", std::string());
        if (format == "date-time") {
            auto dt = parseDateTime(value);
            if (!dt)
                return mismatch(path, dt.error(), value);
            return Value(*dt);
        }
        if (format == "date") {
            auto date = value.is_string() ? parseDate(value.get<std::string>())
                                          : std::optional<Py::Date>();
            if (!date)
                return mismatch(path, QStringLiteral("a date (YYYY-MM-DD)"), value);
            return Value(*date);
        }
        if (format == "uuid") {
            auto uuid = value.is_string() ? parseUuid(value.get<std::string>())
                                          : std::optional<std::string>();
            if (!uuid)
                return mismatch(path, QStringLiteral("a UUID"), value);
            return Value(Py::Uuid{*uuid});
        }
        if (!value.is_string() && !defaultsMode)
            return mismatch(path, QStringLiteral("a string"), value);
        return toPyValue(value);
    }

    Result<Value>
    enumValue(const Json &schema, const Json &value, const QString &path, bool isEnumClass) const
    {
        for (const Json &candidate : schema.at("enum")) {
            if (candidate != value)
                continue;
            if (!isEnumClass)
                return toPyValue(value); // Literal[...]
            Py::EnumMember member;
            member.className = schema.value("title", std::string("Enum"));
            member.member = candidate.is_string() ? candidate.get<std::string>() : candidate.dump();
            Value v = toPyValue(candidate);
            if (v.is<Py::List>()) // JSON has no tuples; enum values that are sequences are tuples
                v = Value(Py::Tuple{v.as<Py::List>().items});
            member.value = std::make_shared<Value>(std::move(v));
            return Value(std::move(member));
        }
        return mismatch(path,
                        QStringLiteral("one of ")
                            + QString::fromStdString(schema.at("enum").dump()),
                        value);
    }

    Result<Value> array(const Json &schema, const Json &value, const QString &path) const
    {
        if (!value.is_array())
            return mismatch(path, QStringLiteral("an array"), value);
        std::vector<Value> items;
        const QString pythonType
            = QString::fromStdString(schema.value("x-python-type", std::string()));
        if (schema.contains("prefixItems")) {
            const Json &prefix = schema.at("prefixItems");
            if (value.size() != prefix.size())
                return mismatch(
                    path, QStringLiteral("an array of exactly %1 items").arg(prefix.size()), value);
            for (size_t i = 0; i < prefix.size(); ++i) {
                auto item
                    = coerce(prefix.at(i), value.at(i), QStringLiteral("%1[%2]").arg(path).arg(i));
                if (!item)
                    return item;
                items.push_back(std::move(*item));
            }
            return Value(Py::Tuple{std::move(items)});
        }
        if (schema.contains("maxItems") && schema.at("maxItems") == 0 && !value.empty())
            return mismatch(path, QStringLiteral("an empty array"), value);
        const Json itemSchema = schema.value("items", Json::object());
        for (size_t i = 0; i < value.size(); ++i) {
            auto item = coerce(itemSchema, value.at(i), QStringLiteral("%1[%2]").arg(path).arg(i));
            if (!item)
                return item;
            items.push_back(std::move(*item));
        }
        if (pythonType == QLatin1String("tuple") || pythonType.startsWith(QLatin1String("tuple["))
            || pythonType.startsWith(QLatin1String("Tuple[")))
            return Value(Py::Tuple{std::move(items)});
        if (schema.value("uniqueItems", false))
            return Value(Py::Set{std::move(items)});
        return Value(Py::List{std::move(items)});
    }

    Result<Value> object(const Json &schema, const Json &value, const QString &path) const
    {
        if (!value.is_object())
            return mismatch(path, QStringLiteral("an object"), value);
        if (schema.contains("properties")) {
            ClassRef classRef;
            if (const auto it = schema.find("x-metatable-class");
                it != schema.end() && it->is_object()) {
                classRef.module = QString::fromStdString(it->value("module", std::string()));
                classRef.qualname = QString::fromStdString(it->value("qualname", std::string()));
            } else {
                classRef.module = ctx.defaultModule;
                classRef.qualname = QString::fromStdString(schema.value("title", std::string()));
            }
            return model(classRef, schema, value, path);
        }
        const Json valueSchema = schema.value("additionalProperties", Json::object());
        Py::Dict dict;
        for (auto it = value.begin(); it != value.end(); ++it) {
            auto item = coerce(valueSchema.is_object() ? valueSchema : Json::object(),
                               it.value(),
                               path + QLatin1Char('.') + QString::fromStdString(it.key()));
            if (!item)
                return item;
            dict.items.emplace_back(Value::str(it.key()), std::move(*item));
        }
        return Value(std::move(dict));
    }

    Result<Value> storageClass(const Json &value, const QString &path) const
    {
        const QString expected = QStringLiteral(
            "a storage class reference {\"__type__\": \"platform_time_index_meta_table\", "
            "\"module\": ..., \"qualname\": ...}");
        if (!value.is_object()
            || value.value("__type__", Json()) != "platform_time_index_meta_table"
            || !value.value("module", Json()).is_string()
            || !value.value("qualname", Json()).is_string())
            return mismatch(path, expected, value);
        Py::StorageClassRef ref;
        ref.module = value.at("module").get<std::string>();
        ref.qualname = value.at("qualname").get<std::string>();
        if (ctx.lookup) {
            if (const auto uid = ctx.lookup(ClassRef{QString::fromStdString(ref.module),
                                                     QString::fromStdString(ref.qualname)}))
                ref.uid = uid->toStdString();
        }
        return Value(std::move(ref));
    }

    Result<Value> model(const ClassRef &classRef,
                        const Json &schema,
                        const Json &value,
                        const QString &path) const
    {
        const Json properties = schema.value("properties", Json::object());
        const Json required = schema.value("required", Json::array());
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (!properties.contains(it.key()))
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("Configuration value %1.%2: %3 has no field %2; remove "
                                           "the key or add the field to the configuration class.")
                                .arg(path, QString::fromStdString(it.key()), classRef.qualname));
        }
        Py::Model out{classRef.module.toStdString(), classRef.qualname.toStdString(), {}};
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            const QString fieldPath = path + QLatin1Char('.') + QString::fromStdString(it.key());
            const Json &fieldSchema = it.value();
            Result<Value> fieldValue = Value();
            if (value.contains(it.key())) {
                Coercer given{ctx, defaultsMode};
                fieldValue = given.coerce(fieldSchema, value.at(it.key()), fieldPath);
            } else if (fieldSchema.contains("default")) {
                Coercer lenient{ctx, true};
                fieldValue = lenient.coerce(fieldSchema, fieldSchema.at("default"), fieldPath);
            } else {
                const bool isRequired
                    = std::find(required.begin(), required.end(), it.key()) != required.end();
                return fail(
                    ErrorCode::InvalidInput,
                    isRequired ? QStringLiteral("Configuration value %1 is required: %2 declares "
                                                "no default for it; give it a value.")
                                     .arg(fieldPath, classRef.qualname)
                               : QStringLiteral("Configuration value %1 is missing and its default "
                                                "comes from a default_factory, which the JSON "
                                                "schema does not carry; give it a value.")
                                     .arg(fieldPath));
            }
            if (!fieldValue)
                return fieldValue;
            Py::ModelField field;
            field.name = it.key();
            field.value = std::make_shared<Value>(std::move(*fieldValue));
            if (fieldSchema.contains("hash_excluded"))
                field.hashExcluded
                    = std::make_shared<Value>(toPyValue(fieldSchema.at("hash_excluded")));
            out.fields.push_back(std::move(field));
        }
        return Value(std::move(out));
    }
};

} // namespace

StorageClassLookup lookupFromManifest(const ProviderManifest &manifest)
{
    QHash<QString, QString> bindings; // class path -> MetaTable UID
    for (const StorageClass &sc : manifest.storageClasses) {
        if (sc.binding && !sc.binding->uid.isEmpty())
            bindings.insert(sc.classRef.path(), sc.binding->uid);
    }
    return [bindings](const ClassRef &ref) -> std::optional<QString> {
        const auto it = bindings.constFind(ref.path());
        return it != bindings.cend() ? std::optional<QString>(*it) : std::nullopt;
    };
}

Result<Py::Value> coerceJsonValue(const Json &schema,
                                  const Json &value,
                                  const CoerceContext &context,
                                  const QString &path)
{
    return Coercer{context, false}.coerce(schema, value, path);
}

Result<Py::Value> buildConfigModel(const ClassRef &configClass,
                                   const Json &configSchema,
                                   const Json &config,
                                   const StorageClassLookup &lookup)
{
    if (!configSchema.is_object())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The config_schema of %1 must be a JSON object (pydantic's "
                                   "model_json_schema()).")
                        .arg(configClass.path()));
    const Json values = config.is_null() ? Json::object() : config;
    if (!values.is_object())
        return mismatch(QStringLiteral("config"), QStringLiteral("an object"), config);
    CoerceContext context{configSchema, lookup, configClass.module};
    Coercer coercer{context, false};
    return coercer.model(configClass, configSchema, values, QStringLiteral("config"));
}

} // namespace Core::Config
