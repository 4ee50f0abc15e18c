// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core::Db {

// What a PostgreSQL database actually holds, as introspection reads it from pg_catalog.
// Plain values: the diff compares these against a manifest's desired state.

struct DbColumn
{
    QString name;
    QString type; // format_type(): "character varying(255)", "timestamp with time zone", ...
    bool notNull = false;
    std::optional<QString> defaultExpr; // pg_get_expr of the default
    std::optional<QString> comment;
    bool operator==(const DbColumn &) const = default;
};

struct DbPrimaryKey
{
    QString name;
    QStringList columns;
    bool operator==(const DbPrimaryKey &) const = default;
};

struct DbIndex
{
    QString name;
    QStringList columns; // column names, or the expression text for expression columns
    bool unique = false;
    std::optional<QString> predicate; // partial index WHERE, as pg_get_expr prints it
    QString method = QStringLiteral("btree");
    // The constraint this index implements (primary key or unique constraint), if any: such
    // indexes are compared as constraints, not as indexes.
    std::optional<QString> constraintName;
    bool valid = true;
    QStringList includeColumns; // INCLUDE (...) columns, not part of the key
    bool operator==(const DbIndex &) const = default;
};

struct DbUniqueConstraint
{
    QString name;
    QStringList columns;
    bool operator==(const DbUniqueConstraint &) const = default;
};

struct DbCheckConstraint
{
    QString name;
    QString expression; // pg_get_constraintdef: "CHECK ((value > (0)::double precision))"
    bool validated = true;
    bool operator==(const DbCheckConstraint &) const = default;
};

struct DbForeignKey
{
    QString name;
    QStringList columns;
    QString targetSchema;
    QString targetTable;
    QStringList targetColumns;
    QString onDelete = QStringLiteral("NO ACTION"); // NO ACTION, RESTRICT, CASCADE, SET NULL, ...
    QString onUpdate = QStringLiteral("NO ACTION");
    bool deferrable = false;
    bool initiallyDeferred = false;
    QString match = QStringLiteral("SIMPLE"); // SIMPLE, FULL, PARTIAL
    bool validated = true;
    bool operator==(const DbForeignKey &) const = default;
};

struct DbTable
{
    QString schema;
    QString name;
    std::optional<QString> comment;
    QList<DbColumn> columns; // attnum order
    std::optional<DbPrimaryKey> primaryKey;
    QList<DbIndex> indexes;
    QList<DbUniqueConstraint> uniqueConstraints;
    QList<DbCheckConstraint> checkConstraints;
    QList<DbForeignKey> foreignKeys;
    // pg_class.reltuples; nullopt when the table was never vacuumed or analysed (reltuples -1):
    // its size is unknown, which is not the same as empty.
    std::optional<qint64> estimatedRows;

    const DbColumn *column(const QString &columnName) const;
    bool operator==(const DbTable &) const = default;
};

// A column's steward texts as the catalog keeps them (meta_tables.column_texts).
struct ColumnTexts
{
    std::optional<QString> label;
    std::optional<QString> description;
    bool operator==(const ColumnTexts &) const = default;
};

// One row of metatable_catalog.meta_tables: a storage class the console registered.
struct CatalogEntry
{
    QString uid;
    QString providerKey;         // "{package}:{migration_namespace}"
    QString identifier;          // table name for provider models (as the SDK reserves them)
    QString metatableIdentifier; // __metatable_identifier__
    QString namespaceName;
    QString physicalSchema;
    QString physicalTableName;
    QString tableKind;          // "time_indexed" or "relational"
    QString provisioningStatus; // "reserved" or "active"
    QString contractHash;
    QString description;
    QStringList labels;
    QString dataSourceUid;
    bool protectFromDeletion = false;
    QString timeIndexName;  // time-indexed tables only
    QStringList indexNames; // time-indexed tables only
    std::optional<QString> cadence;
    QString managementMode;       // platform_managed, external_registered
    QString schemaManagementMode; // backend_managed, alembic_managed, external_registered
    std::optional<QString> alembicRevision;
    QString registeredAt; // ISO 8601, UTC
    QString updatedAt;    // ISO 8601, UTC
    // Counts the changes of the row's texts (description, labels) and of its columns'
    // COMMENT ON an upgrade made: an editor that read version N refuses to write over a change
    // made since (ApplyOptions::expectedTextVersions). 0 in a catalog from before version 3.
    qint64 textVersion = 0;
    // Each column's label and description, as the registration contract gives them (by column
    // name); empty in a catalog from before version 3.
    QMap<QString, ColumnTexts> columnTexts;
    bool operator==(const CatalogEntry &) const = default;
};

// The actual state of one database schema (plus the catalog rows that concern it).
struct DbSnapshot
{
    QList<DbTable> tables; // tables of the introspected schemas, sorted by (schema, name)
    bool catalogExists = false;
    QList<CatalogEntry> catalog;
    std::optional<QString> alembicRevision; // the provider's version table, when it exists
    QString dataSourceUid;                  // identifies the database (catalog's data source row)

    const DbTable *table(const QString &schema, const QString &name) const;
    const CatalogEntry *catalogEntry(const QString &schema, const QString &table) const;
};

} // namespace Core::Db
