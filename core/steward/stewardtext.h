// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/providermanifest.h>
#include <core/util/result.h>

#include <QString>
#include <QStringList>

#include <optional>

namespace Core::Steward {

// The texts a data steward keeps: a storage class's description and labels, and each column's
// label and description (the SDK's __metatable_description__, __metatable_labels__ and column
// info={"label", "description"}).
enum class TextField { Description, Labels, ColumnLabel, ColumnDescription };

QString fieldName(TextField field); // "description", "labels", "label", "description"

// Which text: of a storage class (by class path), of one of its columns for the column fields.
struct TextKey
{
    QString classPath; // module:qualname
    QString column;    // empty for Description and Labels
    TextField field = TextField::Description;

    bool isColumnField() const
    {
        return field == TextField::ColumnLabel || field == TextField::ColumnDescription;
    }
    QString display(const ProviderManifest &manifest) const; // "daily_metrics.value: label"
    bool operator==(const TextKey &) const = default;
};

// A description or label (nullopt: not set), or a list of labels.
struct TextValue
{
    std::optional<QString> text;
    QStringList labels;

    QString display(TextField field) const; // "\"Units Held\"", "(none)", "[a, b]"
    bool operator==(const TextValue &) const = default;
};

// The value `key` has in `manifest`; an error when its class or column does not exist.
[[nodiscard]] Result<TextValue> readText(const ProviderManifest &manifest, const TextKey &key);
// Sets it; the rest of the manifest is untouched.
[[nodiscard]] VoidResult
writeText(ProviderManifest &manifest, const TextKey &key, const TextValue &value);

// A storage class by table name ("example_project__daily_metrics"), identifier or class path;
// null when none matches. How the CLI and searches name one.
const StorageClass *findStorageClass(const ProviderManifest &manifest, const QString &name);

} // namespace Core::Steward
