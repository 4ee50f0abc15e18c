// SPDX-License-Identifier: MIT
#include "jsonreader.h"

#include <cmath>

namespace Core::ManifestDetail {

namespace {

constexpr qsizetype maxQuotedLength = 60;

QString quoted(const QString &text)
{
    QString body = QString::fromStdString(Json(text.toStdString()).dump());
    if (body.size() > maxQuotedLength)
        body = body.left(maxQuotedLength - 4) + QStringLiteral("...\"");
    return body;
}

QString enumList(std::initializer_list<const char *> allowed)
{
    QStringList parts;
    for (const char *a : allowed)
        parts << quoted(QString::fromUtf8(a));
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString escapePointerToken(const QString &key)
{
    QString token = key;
    token.replace(QLatin1Char('~'), QStringLiteral("~0"));
    token.replace(QLatin1Char('/'), QStringLiteral("~1"));
    return token;
}

QString childPointer(const QString &pointer, const char *key)
{
    return pointer + QLatin1Char('/') + escapePointerToken(QString::fromUtf8(key));
}

QString childPointer(const QString &pointer, qsizetype index)
{
    return pointer + QLatin1Char('/') + QString::number(index);
}

QString describeFound(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return QStringLiteral("null");
    case Json::value_t::object:
        return QStringLiteral("an object");
    case Json::value_t::array:
        return QStringLiteral("an array");
    case Json::value_t::string:
        return QStringLiteral("the string ") + quoted(toQString(value));
    case Json::value_t::boolean:
        return value.get<bool>() ? QStringLiteral("the boolean true")
                                 : QStringLiteral("the boolean false");
    case Json::value_t::number_float:
        if (!std::isfinite(value.get<double>()))
            return QStringLiteral("a number out of range");
        [[fallthrough]];
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
        return QStringLiteral("the number ") + QString::fromStdString(value.dump());
    case Json::value_t::binary:
    case Json::value_t::discarded:
        break;
    }
    return QStringLiteral("an unsupported value");
}

void failAt(const QString &pointer, const QString &message)
{
    throw ReadError{pointer, message};
}

void failType(const QString &pointer, const char *expected, const Json &found)
{
    failAt(pointer,
           QStringLiteral("expected %1, found %2")
               .arg(QString::fromUtf8(expected), describeFound(found)));
}

QString toQString(const Json &stringValue)
{
    return QString::fromStdString(stringValue.get_ref<const std::string &>());
}

const Json &requireObject(const Json &value, const QString &pointer)
{
    if (!value.is_object())
        failType(pointer, "an object", value);
    return value;
}

const Json &requireArray(const Json &value, const QString &pointer)
{
    if (!value.is_array())
        failType(pointer, "an array", value);
    return value;
}

const Json &reqKey(const Json &obj, const QString &pointer, const char *key, const char *what)
{
    const auto it = obj.find(key);
    if (it == obj.end())
        failAt(pointer,
               QStringLiteral("missing required key \"%1\" (%2)")
                   .arg(QString::fromUtf8(key), QString::fromUtf8(what)));
    return *it;
}

const Json *optKey(const Json &obj, const char *key)
{
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return nullptr;
    return &*it;
}

QString reqString(const Json &obj, const QString &pointer, const char *key)
{
    const Json &v = reqKey(obj, pointer, key, "a string");
    if (!v.is_string())
        failType(childPointer(pointer, key), "a string", v);
    return toQString(v);
}

std::optional<QString> optString(const Json &obj, const QString &pointer, const char *key)
{
    const Json *v = optKey(obj, key);
    if (!v)
        return std::nullopt;
    if (!v->is_string())
        failType(childPointer(pointer, key), "a string or null", *v);
    return toQString(*v);
}

QString stringOr(const Json &obj, const QString &pointer, const char *key, const QString &def)
{
    return optString(obj, pointer, key).value_or(def);
}

bool boolOr(const Json &obj, const QString &pointer, const char *key, bool def)
{
    const auto it = obj.find(key);
    if (it == obj.end())
        return def;
    if (!it->is_boolean())
        failType(childPointer(pointer, key), "a boolean", *it);
    return it->get<bool>();
}

QStringList stringList(const Json &obj, const QString &pointer, const char *key, bool required)
{
    const Json *v = required ? &reqKey(obj, pointer, key, "an array of strings") : optKey(obj, key);
    if (!v)
        return {};
    const QString here = childPointer(pointer, key);
    if (!v->is_array())
        failType(here, "an array of strings", *v);
    QStringList out;
    qsizetype i = 0;
    for (const Json &item : *v) {
        if (!item.is_string())
            failType(childPointer(here, i), "a string", item);
        out << toQString(item);
        ++i;
    }
    return out;
}

static QString
checkEnum(const Json &v, const QString &here, std::initializer_list<const char *> allowed)
{
    if (v.is_string()) {
        const std::string &s = v.get_ref<const std::string &>();
        for (const char *a : allowed) {
            if (s == a)
                return toQString(v);
        }
    }
    failAt(here,
           QStringLiteral("expected one of %1, found %2").arg(enumList(allowed), describeFound(v)));
}

QString reqEnum(const Json &obj,
                const QString &pointer,
                const char *key,
                std::initializer_list<const char *> allowed)
{
    const Json &v = reqKey(obj, pointer, key, "a string");
    return checkEnum(v, childPointer(pointer, key), allowed);
}

std::optional<QString> optEnum(const Json &obj,
                               const QString &pointer,
                               const char *key,
                               std::initializer_list<const char *> allowed)
{
    const Json *v = optKey(obj, key);
    if (!v)
        return std::nullopt;
    return checkEnum(*v, childPointer(pointer, key), allowed);
}

Json jsonObjectOr(const Json &obj, const QString &pointer, const char *key, const Json &def)
{
    const Json *v = optKey(obj, key);
    if (!v)
        return def;
    if (!v->is_object())
        failType(childPointer(pointer, key), "an object or null", *v);
    return *v;
}

} // namespace Core::ManifestDetail
