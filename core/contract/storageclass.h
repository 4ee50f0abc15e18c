// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core {

// A Python class named by import path ("example_project.storage", "DailyMetricsStorage").
struct ClassRef
{
    QString module;
    QString qualname;
    QString path() const { return module + QLatin1Char(':') + qualname; }
    bool isEmpty() const { return module.isEmpty() && qualname.isEmpty(); }
    bool operator==(const ClassRef &) const = default;
};

// One column of a table contract (the SDK's MetaTableColumnContract).
struct Column
{
    QString name;
    QString dataType;                   // canonical dtype token, e.g. "timestamp with time zone"
    std::optional<QString> backendType; // e.g. "VARCHAR(255)"; DDL type comes from here
    bool nullable = true;
    bool primaryKey = false;
    bool unique = false;
    std::optional<QString> serverDefault; // catalog metadata only; DDL uses TableDdl
    std::optional<QString> description;
    std::optional<QString> label;
    std::optional<QString> logicalName;
    bool operator==(const Column &) const = default;
};

// DDL object names. A manifest may leave `name` null or out, as SQLAlchemy leaves such
// objects unnamed: the reader then stores the name the SDK's naming convention gives
// (sdk-contract.md 1.6) and sets `nameDerived`, so lint can say so and a save writes the name
// back as unset. Whoever sets a name of their own clears `nameDerived`.

struct PrimaryKeyDef
{
    QString name;
    QStringList columns;
    bool nameDerived = false;
    bool operator==(const PrimaryKeyDef &) const = default;
};

struct IndexDef
{
    QString name;
    QStringList columns; // expression names, in index order
    bool unique = false;
    std::optional<QString> where;        // partial-index predicate (postgresql_where)
    Json dialectKwargs = Json::object(); // e.g. {"postgresql_using": "brin"}
    bool nameDerived = false;
    bool operator==(const IndexDef &) const = default;
};

struct UniqueConstraintDef
{
    QString name;
    QStringList columns;
    bool nameDerived = false;
    bool operator==(const UniqueConstraintDef &) const = default;
};

struct CheckConstraintDef
{
    QString name; // after the SDK naming convention: ck__<table>__<authored name>
    std::optional<QString> authoredName;
    QString sqlText;
    bool nameDerived = false;
    bool operator==(const CheckConstraintDef &) const = default;
};

struct ForeignKeyDef
{
    QString name;
    QStringList columns;
    std::optional<QString> targetSchema; // nullopt = the provider's schema
    QString targetTable;                 // authored SQLAlchemy table name
    QStringList targetColumns;
    std::optional<QString> onDelete;
    std::optional<QString> onUpdate;
    std::optional<bool> deferrable;
    std::optional<QString> initially;
    std::optional<QString> match;
    bool nameDerived = false;
    bool operator==(const ForeignKeyDef &) const = default;
};

// What SQLAlchemy/Alembic own for a table: the authority for DDL.
struct TableDdl
{
    std::optional<PrimaryKeyDef> primaryKey;
    QList<IndexDef> indexes;
    QList<UniqueConstraintDef> uniqueConstraints;
    QList<CheckConstraintDef> checkConstraints;
    QList<ForeignKeyDef> foreignKeys;
    QList<QPair<QString, QString>> serverDefaults; // column -> SQL expression, authored order
    bool operator==(const TableDdl &) const = default;
};

enum class TableKind { TimeIndexed, Relational };

// What the SDK sends to the backend to register the class: the authority for the catalog.
struct Registration
{
    QString physicalSchema = QStringLiteral("public");
    std::optional<QString> identifier;
    QString namespaceName;
    std::optional<QString> description;
    QStringList labels;
    bool protectFromDeletion = false;
    Json provisioning = Json::object(); // as authored, e.g. {"create_table": true, ...}

    // table_contract
    QString contractVersion = QStringLiteral("relational-table.v1");
    ClassRef tableModel;       // authoring.table_model
    QString physicalTableName; // physical.table_name: the authored SQLAlchemy table name
    QList<Column> columns;     // declaration order

    // Time-indexed classes only.
    QString timeIndexName;
    QStringList indexNames;
    std::optional<QString> cadence;
    Json storageLayout = Json::object();

    // Relational classes only.
    QString managementMode = QStringLiteral("platform_managed");
    bool introspect = false;
    Json constraints = Json::array(); // table_contract.constraints; the SDK always sends []

    // Lifecycle keys of the request (sdk-contract.md 4.3-4.5), as authored. A null Json or
    // nullopt means the key is absent and the SDK default applies.
    Json schemaManagement;                    // e.g. {"mode": "backend_managed"}
    std::optional<QString> partitionStrategy; // time-indexed only, e.g. "backend_default"

    bool operator==(const Registration &) const = default;
};

// Filled from the console's catalog once a migration registered the class.
struct Binding
{
    QString uid;
    QString physicalTableName;
    QString physicalSchema;
    QString dataSourceUid;
    bool operator==(const Binding &) const = default;
};

// A storage class: one SQLAlchemy model, one table, one MetaTable.
struct StorageClass
{
    ClassRef classRef;
    TableKind kind = TableKind::TimeIndexed;
    Registration registration;
    TableDdl ddl;
    std::optional<Binding> binding;

    QString tableName() const { return registration.physicalTableName; }
    QString schema() const { return registration.physicalSchema; }
    bool isTimeIndexed() const { return kind == TableKind::TimeIndexed; }
    const Column *column(const QString &name) const;
    bool operator==(const StorageClass &) const = default;
};

// A table owned by another provider that this provider's foreign keys point to.
struct ExternalTable
{
    QString schema = QStringLiteral("public");
    QString tableName;
    QString ownerPackage;
    QString ownerMigrationNamespace;
    QStringList referencedColumns;
    bool operator==(const ExternalTable &) const = default;
};

} // namespace Core
