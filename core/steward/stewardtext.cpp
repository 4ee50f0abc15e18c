// SPDX-License-Identifier: MIT
#include "stewardtext.h"

#include <QObject>

namespace Core::Steward {

QString fieldName(TextField field)
{
    switch (field) {
    case TextField::Description:
    case TextField::ColumnDescription:
        return QStringLiteral("description");
    case TextField::Labels:
        return QStringLiteral("labels");
    case TextField::ColumnLabel:
        return QStringLiteral("label");
    }
    return {};
}

QString TextKey::display(const ProviderManifest &manifest) const
{
    QString table = classPath;
    for (const StorageClass &sc : manifest.storageClasses) {
        if (sc.classRef.path() == classPath)
            table = sc.tableName();
    }
    return (column.isEmpty() ? table : table + u'.' + column) + QStringLiteral(": ")
           + fieldName(field);
}

QString TextValue::display(TextField field) const
{
    if (field == TextField::Labels)
        return QLatin1Char('[') + labels.join(QStringLiteral(", ")) + QLatin1Char(']');
    return text ? QLatin1Char('"') + *text + QLatin1Char('"') : QObject::tr("(none)");
}

namespace {

// The class and (for column fields) the column `key` names, const or not as the manifest is.
template <class Manifest>
auto locate(Manifest &manifest, const TextKey &key)
    -> Result<std::pair<decltype(&manifest.storageClasses[0]),
                        decltype(&manifest.storageClasses[0].registration.columns[0])>>
{
    for (auto &sc : manifest.storageClasses) {
        if (sc.classRef.path() != key.classPath)
            continue;
        if (!key.isColumnField())
            return std::pair{&sc, nullptr};
        for (auto &c : sc.registration.columns) {
            if (c.name == key.column)
                return std::pair{&sc, &c};
        }
        QStringList names;
        for (const Column &c : sc.registration.columns)
            names << c.name;
        return fail(ErrorCode::NotFound,
                    QObject::tr("Storage class %1 has no column \"%2\"; its columns are %3.")
                        .arg(sc.tableName(), key.column, names.join(QStringLiteral(", "))));
    }
    return fail(ErrorCode::NotFound,
                QObject::tr("The manifest has no storage class %1.").arg(key.classPath));
}

} // namespace

Result<TextValue> readText(const ProviderManifest &manifest, const TextKey &key)
{
    auto found = locate(manifest, key);
    if (!found)
        return fail(found.error());
    const auto [sc, column] = *found;
    switch (key.field) {
    case TextField::Description:
        return TextValue{sc->registration.description, {}};
    case TextField::Labels:
        return TextValue{std::nullopt, sc->registration.labels};
    case TextField::ColumnLabel:
        return TextValue{column->label, {}};
    case TextField::ColumnDescription:
        return TextValue{column->description, {}};
    }
    return TextValue{};
}

VoidResult writeText(ProviderManifest &manifest, const TextKey &key, const TextValue &value)
{
    auto found = locate(manifest, key);
    if (!found)
        return fail(found.error());
    const auto [sc, column] = *found;
    switch (key.field) {
    case TextField::Description:
        sc->registration.description = value.text;
        break;
    case TextField::Labels:
        sc->registration.labels = value.labels;
        break;
    case TextField::ColumnLabel:
        column->label = value.text;
        break;
    case TextField::ColumnDescription:
        column->description = value.text;
        break;
    }
    return {};
}

const StorageClass *findStorageClass(const ProviderManifest &manifest, const QString &name)
{
    for (const StorageClass &sc : manifest.storageClasses) {
        if (sc.tableName() == name || sc.classRef.path() == name
            || (sc.registration.identifier && *sc.registration.identifier == name))
            return &sc;
    }
    return nullptr;
}

} // namespace Core::Steward
