// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>

#include <QString>
#include <QStringList>

#include <initializer_list>
#include <optional>

namespace Core::ManifestDetail {

// A reading failure at one place of the document. Thrown only inside the manifest reader and
// turned into a Core::Error at its public entry points, so deep readers stay linear.
struct ReadError
{
    QString pointer;
    QString message;
};

QString escapePointerToken(const QString &key);
QString childPointer(const QString &pointer, const char *key);
QString childPointer(const QString &pointer, qsizetype index);

// "the string \"no\"", "the number 3", "an object", "null"...: what was found, for messages.
QString describeFound(const Json &value);

[[noreturn]] void failAt(const QString &pointer, const QString &message);
[[noreturn]] void failType(const QString &pointer, const char *expected, const Json &found);

QString toQString(const Json &stringValue);

// Helpers over one JSON object `obj` found at `pointer`. "req" = the key must be present;
// "opt" = absent or null gives the default/nullopt. Every other shape is a ReadError.
const Json &requireObject(const Json &value, const QString &pointer);
const Json &requireArray(const Json &value, const QString &pointer);
const Json &reqKey(const Json &obj, const QString &pointer, const char *key, const char *what);
const Json *optKey(const Json &obj, const char *key); // nullptr when absent or null

QString reqString(const Json &obj, const QString &pointer, const char *key);
std::optional<QString> optString(const Json &obj, const QString &pointer, const char *key);
QString stringOr(const Json &obj, const QString &pointer, const char *key, const QString &def);
bool boolOr(const Json &obj, const QString &pointer, const char *key, bool def);
QStringList stringList(const Json &obj, const QString &pointer, const char *key, bool required);
QString reqEnum(const Json &obj,
                const QString &pointer,
                const char *key,
                std::initializer_list<const char *> allowed);
std::optional<QString> optEnum(const Json &obj,
                               const QString &pointer,
                               const char *key,
                               std::initializer_list<const char *> allowed);
// An object kept as JSON (absent or null gives `def`).
Json jsonObjectOr(const Json &obj, const QString &pointer, const char *key, const Json &def);

} // namespace Core::ManifestDetail
