// SPDX-License-Identifier: MIT
#include "configvalidate.h"

#include <core/config/configcoerce.h>
#include <core/config/pydatetime.h>
#include <core/config/schemaref.h>

#include <QRegularExpression>

#include <cmath>

namespace Core::Config {

QString ConfigIssue::path() const
{
    QString out;
    for (const QString &part : location) {
        bool isIndex = false;
        part.toInt(&isIndex);
        if (isIndex)
            out += QStringLiteral("[%1]").arg(part);
        else if (out.isEmpty())
            out = part;
        else
            out += QLatin1Char('.') + part;
    }
    return out;
}

bool hasErrors(const QList<ConfigIssue> &issues)
{
    return std::any_of(
        issues.cbegin(), issues.cend(), [](const ConfigIssue &i) { return !i.warning; });
}

namespace {

QString text(const Json &j)
{
    return QString::fromStdString(j.dump());
}

QString typeName(const Json &schema)
{
    if (!schema.contains("type"))
        return {};
    const Json &t = schema.at("type");
    return t.is_string() ? QString::fromStdString(t.get<std::string>()) : QString();
}

class Validator
{
public:
    explicit Validator(const Json &root)
        : m_root(root)
    {
        m_context.rootSchema = root;
        // Only the shape of a storage class value is checked here, so any class "binds".
        m_context.lookup
            = [](const ClassRef &) { return std::optional<QString>(QStringLiteral("-")); };
    }

    QList<ConfigIssue> issues;

    void value(const Json &rawSchema, const Json &v, const QStringList &loc)
    {
        auto resolved = resolveSchema(m_root, rawSchema, pathOf(loc));
        if (!resolved) {
            error(loc, resolved.error().message);
            return;
        }
        const Json &schema = *resolved;
        for (const char *key : {"anyOf", "oneOf"}) {
            if (schema.contains(key)) {
                unionOf(schema.at(key), v, loc);
                return;
            }
        }
        if (schema.contains("enum")) {
            enumOf(schema.at("enum"), v, loc);
            return;
        }
        if (schema.contains("const")) {
            if (v != schema.at("const"))
                error(
                    loc,
                    QStringLiteral("expected %1, found %2").arg(text(schema.at("const")), text(v)));
            return;
        }
        const QString type = typeName(schema);
        if (type == u"object" || schema.contains("properties"))
            object(schema, v, loc);
        else if (type == u"array")
            array(schema, v, loc);
        else if (type == u"null") {
            if (!v.is_null())
                error(loc, QStringLiteral("expected null, found %1").arg(text(v)));
        } else if (!type.isEmpty() || schemaFlag(schema, "x-metatable-storage-class"))
            scalar(schema, type, v, loc);
        // No type: Any; nothing to check.
    }

private:
    static QString pathOf(const QStringList &loc) { return ConfigIssue{loc, {}, false}.path(); }

    void error(const QStringList &loc, const QString &message, bool warning = false)
    {
        issues.append({loc, message, warning});
    }

    // A union is valid when one branch is; otherwise the errors of the branch whose JSON type
    // matches the value (the one the user meant), else a summary of the branches.
    void unionOf(const Json &branches, const Json &v, const QStringList &loc)
    {
        QList<QList<ConfigIssue>> results;
        int typed = -1;
        for (const Json &branch : branches) {
            Validator inner(m_root);
            inner.value(branch, v, loc);
            if (!hasErrors(inner.issues)) {
                issues += inner.issues; // warnings of the branch that matched
                return;
            }
            auto resolved = resolveSchema(m_root, branch, pathOf(loc));
            if (typed < 0 && resolved && jsonTypeMatches(typeName(*resolved), v))
                typed = int(results.size());
            results.append(inner.issues);
        }
        if (typed >= 0) {
            issues += results.at(typed);
            return;
        }
        QStringList kinds;
        for (const Json &branch : branches) {
            auto resolved = resolveSchema(m_root, branch, pathOf(loc));
            if (resolved)
                kinds.append(QString::fromStdString(
                    resolved->value("title", typeName(*resolved).toStdString())));
        }
        error(loc,
              QStringLiteral("%1 matches none of the accepted types (%2)")
                  .arg(text(v), kinds.join(QStringLiteral(", "))));
    }

    static bool jsonTypeMatches(const QString &type, const Json &v)
    {
        return (type == u"object" && v.is_object()) || (type == u"array" && v.is_array())
               || (type == u"string" && v.is_string()) || (type == u"boolean" && v.is_boolean())
               || (type == u"integer" && v.is_number_integer())
               || (type == u"number" && v.is_number()) || (type == u"null" && v.is_null());
    }

    void enumOf(const Json &members, const Json &v, const QStringList &loc)
    {
        for (const Json &m : members) {
            if (m == v)
                return;
        }
        QStringList allowed;
        for (const Json &m : members)
            allowed.append(text(m));
        error(
            loc,
            QStringLiteral("%1 is not one of %2").arg(text(v), allowed.join(QStringLiteral(", "))));
    }

    void object(const Json &schema, const Json &v, const QStringList &loc)
    {
        if (!v.is_object()) {
            error(loc, QStringLiteral("expected an object, found %1").arg(text(v)));
            return;
        }
        const Json properties = schema.value("properties", Json::object());
        for (const Json &name : schema.value("required", Json::array())) {
            if (!v.contains(name.get<std::string>()))
                error(loc + QStringList{QString::fromStdString(name.get<std::string>())},
                      QStringLiteral("required field is missing: give it a value"));
        }
        const Json extra = schema.value("additionalProperties", Json(true));
        for (auto it = v.begin(); it != v.end(); ++it) {
            const QStringList at = loc + QStringList{QString::fromStdString(it.key())};
            if (properties.contains(it.key()))
                value(properties.at(it.key()), it.value(), at);
            else if (extra.is_object())
                value(extra, it.value(), at); // dict[str, X]
            else if (extra == false)
                error(at,
                      QStringLiteral("not a field of %1, which forbids extra fields: remove "
                                     "it or correct its name")
                          .arg(QString::fromStdString(schema.value("title", "the model"))));
            else if (!properties.empty())
                error(at,
                      QStringLiteral("not a field of %1: pydantic ignores it")
                          .arg(QString::fromStdString(schema.value("title", "the model"))),
                      true);
        }
    }

    void array(const Json &schema, const Json &v, const QStringList &loc)
    {
        if (!v.is_array()) {
            error(loc, QStringLiteral("expected a list, found %1").arg(text(v)));
            return;
        }
        const qsizetype n = qsizetype(v.size());
        if (schema.contains("minItems") && n < schema.at("minItems").get<qint64>())
            error(loc,
                  QStringLiteral("needs at least %1 items, has %2")
                      .arg(schema.at("minItems").get<qint64>())
                      .arg(n));
        if (schema.contains("maxItems") && n > schema.at("maxItems").get<qint64>())
            error(loc,
                  QStringLiteral("takes at most %1 items, has %2")
                      .arg(schema.at("maxItems").get<qint64>())
                      .arg(n));
        const Json prefix = schema.value("prefixItems", Json::array());
        for (qsizetype i = 0; i < n; ++i) {
            const QStringList at = loc + QStringList{QString::number(i)};
            if (i < qsizetype(prefix.size()))
                value(prefix.at(size_t(i)), v.at(size_t(i)), at);
            else if (schema.contains("items"))
                value(schema.at("items"), v.at(size_t(i)), at);
        }
    }

    void scalar(const Json &schema, const QString &type, const Json &v, const QStringList &loc)
    {
        // The type, with pydantic's lax coercions, exactly as the hash reads the value.
        auto coerced = coerceJsonValue(schema, v, m_context, pathOf(loc));
        if (!coerced) {
            QString message = coerced.error().message;
            // "Configuration value x: expected ..., found ...." -> "expected ..., found ..."
            const qsizetype colon = message.indexOf(QStringLiteral(": "));
            if (message.startsWith(QStringLiteral("Configuration value")) && colon > 0)
                message = message.mid(colon + 2);
            if (message.endsWith(QLatin1Char('.')))
                message.chop(1);
            error(loc, message);
            return;
        }
        if (type == u"integer" || type == u"number")
            bounds(schema, v, loc);
        else if (type == u"string" && v.is_string() && schema.value("format", "") == "date-time")
            naiveDateTime(v, loc);
        else if (type == u"string" && v.is_string())
            stringConstraints(schema, QString::fromStdString(v.get<std::string>()), loc);
    }

    // pydantic keeps a date-time without an offset naive; the same text then means another
    // instant on each machine that reads it. Valid, so a warning.
    void naiveDateTime(const Json &v, const QStringList &loc)
    {
        const auto parsed = parseDateTime(v);
        if (!parsed || parsed->utcOffsetSeconds)
            return;
        const QString utc = QStringLiteral("%1-%2-%3T%4:%5:%6+00:00")
                                .arg(parsed->year, 4, 10, QLatin1Char('0'))
                                .arg(parsed->month, 2, 10, QLatin1Char('0'))
                                .arg(parsed->day, 2, 10, QLatin1Char('0'))
                                .arg(parsed->hour, 2, 10, QLatin1Char('0'))
                                .arg(parsed->minute, 2, 10, QLatin1Char('0'))
                                .arg(parsed->second, 2, 10, QLatin1Char('0'));
        error(loc,
              QStringLiteral("%1 has no UTC offset (a naive date-time); write it with one, "
                             "e.g. \"%2\" if it is UTC")
                  .arg(text(v), utc),
              true);
    }

    void bounds(const Json &schema, const Json &v, const QStringList &loc)
    {
        const double x = v.is_number()
                             ? v.get<double>()
                             : QString::fromStdString(v.get<std::string>()).trimmed().toDouble();
        const auto check = [&](const char *key, bool ok, const char *relation) {
            if (!ok)
                error(loc,
                      QStringLiteral("%1 must be %2 %3")
                          .arg(text(v), QLatin1String(relation), text(schema.at(key))));
        };
        if (schema.contains("minimum"))
            check("minimum", x >= schema.at("minimum").get<double>(), "at least");
        if (schema.contains("maximum"))
            check("maximum", x <= schema.at("maximum").get<double>(), "at most");
        if (schema.contains("exclusiveMinimum"))
            check("exclusiveMinimum",
                  x > schema.at("exclusiveMinimum").get<double>(),
                  "greater than");
        if (schema.contains("exclusiveMaximum"))
            check("exclusiveMaximum", x < schema.at("exclusiveMaximum").get<double>(), "less than");
        if (schema.contains("multipleOf")) {
            const double m = schema.at("multipleOf").get<double>();
            const double q = x / m;
            check("multipleOf", std::abs(q - std::round(q)) < 1e-9, "a multiple of");
        }
    }

    void stringConstraints(const Json &schema, const QString &s, const QStringList &loc)
    {
        // pydantic counts characters (code points), not UTF-16 units.
        const qsizetype length = s.toUcs4().size();
        if (schema.contains("minLength") && length < schema.at("minLength").get<qint64>())
            error(loc,
                  QStringLiteral("needs at least %1 characters, has %2")
                      .arg(schema.at("minLength").get<qint64>())
                      .arg(length));
        if (schema.contains("maxLength") && length > schema.at("maxLength").get<qint64>())
            error(loc,
                  QStringLiteral("takes at most %1 characters, has %2")
                      .arg(schema.at("maxLength").get<qint64>())
                      .arg(length));
        if (schema.contains("pattern")) {
            // pydantic searches for the pattern anywhere in the value, as re.search does.
            const QString pattern = QString::fromStdString(schema.at("pattern").get<std::string>());
            const QRegularExpression re(pattern);
            if (!re.isValid())
                error(loc,
                      QStringLiteral("the schema's pattern %1 is not a valid regular expression")
                          .arg(pattern));
            else if (!re.match(s).hasMatch())
                error(loc, QStringLiteral("\"%1\" does not match the pattern %2").arg(s, pattern));
        }
    }

    const Json &m_root;
    CoerceContext m_context;
};

} // namespace

QList<ConfigIssue> validateConfig(const Json &configSchema, const Json &config)
{
    Validator v(configSchema);
    v.value(configSchema, config, {});
    return v.issues;
}

} // namespace Core::Config
