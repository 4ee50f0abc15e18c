// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/result.h>

#include <QString>
#include <QStringList>

#include <optional>

namespace Core::Sdk {

// The SDK's PostgreSQL identifier rules (sdk-contract.md section 1), byte for byte.
// Rejected input gives an InvalidInput error whose message is exactly the SDK's exception text
// and whose detail is the Python exception class ("ValueError").

inline constexpr int PostgresIdentifierLimit = 63;

// The SDK's exception class name for errors these functions return.
inline QString pythonExceptionType(const Error &error)
{
    return error.detail;
}

// slugify_identifier: runs of non-[A-Za-z0-9] become "_", "_" stripped, lowercased;
// "" → "table", leading digit → "t_" prefix. Never fails.
QString slugify(const QString &value);

// normalize_identifier_part(value, field_name): strip, require text and an alnum character,
// then slugify. `fieldName` appears in the message: "Schema {fieldName} is required.".
[[nodiscard]] Result<QString> normalizeIdentifierPart(const QString &value,
                                                      const QString &fieldName);

// schema_table_name(app, concept, suffix): "app__concept[__suffix]", shortened with an MD5
// marker to 63 characters. An empty suffix is given (and rejected), nullopt means none.
[[nodiscard]] Result<QString> schemaTableName(const QString &app,
                                              const QString &conceptName,
                                              const std::optional<QString> &suffix = {});

struct SchemaTableNameParts
{
    QString app;
    QString conceptName;
    std::optional<QString> suffix;
    bool operator==(const SchemaTableNameParts &) const = default;
};

// parse_schema_table_name: splits "app__concept[__suffix...]", normalizing every piece.
[[nodiscard]] Result<SchemaTableNameParts> parseSchemaTableName(const QString &tableName);

// bounded_identifier(*parts, max_length): parts joined with "__" ("__" inside a part is kept
// as a separator), shortened with an MD5 marker when longer than maxLength.
[[nodiscard]] Result<QString> boundedIdentifier(const QStringList &parts,
                                                int maxLength = PostgresIdentifierLimit);

// ix__/uix__<table>__<columns...>
[[nodiscard]] Result<QString>
schemaIndexName(const QString &tableName, const QStringList &columns, bool unique = false);
// uq__<table>__<columns...>
[[nodiscard]] Result<QString> schemaUniqueConstraintName(const QString &tableName,
                                                         const QStringList &columns);
// fk__<table>__<columns...>__<target table>__<target columns...>; targetColumns may be empty.
[[nodiscard]] Result<QString> schemaForeignKeyName(const QString &tableName,
                                                   const QStringList &columns,
                                                   const QString &targetTable,
                                                   const QStringList &targetColumns = {});
// pk__<table>
[[nodiscard]] Result<QString> schemaPrimaryKeyName(const QString &tableName);
// ck__<table>[__<name>]; an empty or absent name gives the unnamed form.
[[nodiscard]] Result<QString> schemaCheckConstraintName(const QString &tableName,
                                                        const std::optional<QString> &name = {});

// namespace_version_slug: the Alembic version-directory name of a migration namespace.
// Null or blank → "default". Never fails.
QString namespaceVersionSlug(const std::optional<QString> &ns);

} // namespace Core::Sdk
